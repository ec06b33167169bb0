"""Import contacts from the app: choose a file, see the dry-run summary, then confirm.

Reading and planning run in a worker thread with a progress bar; the
journal is only written when the user confirms, in one commit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from ..domain.models import ValidationError
from ..exchange.formats import IMPORT_FORMATS
from ..exchange.importer import apply_plan, detect_kind, plan_import, read_file
from ..exchange.merge import JournalSnapshot
from ..exchange.plan import ImportFormatError, ImportPlan, ImportSummary
from ..journal_app import JournalApp, running_app
from ..storage.errors import StorageError

if TYPE_CHECKING:
    from ..storage.store import JournalStore

KIND_CHOICES: list[tuple[str, str]] = [("Detect from the file", "auto")] + [
    (f"{f.label}: {f.description}", f.name) for f in IMPORT_FORMATS.values()]


class ImportDialog(ModalScreen[ImportSummary | None]):
    """Asks for a file and its kind, previews the import, and applies it on confirmation."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", tooltip="Close without importing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._plan: ImportPlan | None = None
        self._run = 0  # numbers previews, so a superseded one's late result is ignored

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="import-box"):
            yield Static("Import contacts", id="import-title")
            yield Label("Kind of file")
            yield Select(KIND_CHOICES, value="auto", allow_blank=False, compact=True, id="import-kind")
            yield Label("File path")
            yield Input(placeholder="~/Downloads/Connections.csv", compact=True, id="import-path")
            with Horizontal(id="import-buttons"):
                yield Button("Preview", id="import-preview", variant="primary", compact=True)
                yield Button("Import", id="import-confirm", variant="success", disabled=True, compact=True)
                yield Button("Cancel", id="import-cancel", compact=True)
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static(Text("Enter a path, then Preview: nothing is written until you press Import."),
                         id="import-summary")

    def on_mount(self) -> None:
        self.query_one("#import-progress", ProgressBar).display = False
        self.query_one("#import-path", Input).focus()

    # ------------------------------------------------------------------ state

    def _say(self, text: str, *, error: bool = False) -> None:
        summary = self.query_one("#import-summary", Static)
        summary.set_class(error, "-error")
        summary.update(Text(text))

    def _busy(self, busy: bool) -> None:
        self.query_one("#import-preview", Button).disabled = busy
        self.query_one("#import-progress", ProgressBar).display = busy or self._plan is not None
        self.query_one("#import-confirm", Button).disabled = busy or not (
            self._plan is not None and self._plan.writes_anything)

    @on(Input.Changed, "#import-path")
    @on(Select.Changed, "#import-kind")
    def _forget_plan(self) -> None:
        running = self.query_one("#import-preview", Button).disabled
        if self._plan is not None or running:
            self._run += 1  # a preview still running is for the old choice: drop its result
            self._plan = None
            self._busy(False)
            self._say("Preview again to see what this file would add.")

    # ------------------------------------------------------------------ preview

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-preview")
    def action_preview(self) -> None:
        path = self.query_one("#import-path", Input).value.strip()
        if not path:
            self._say("Enter the path of the file to import.", error=True)
            return
        kind = self.query_one("#import-kind", Select).value
        self._plan = None
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self._busy(True)
        self._say("Reading…")
        try:
            snapshot = JournalSnapshot.take(self.smn.store)
        except StorageError as exc:
            self._busy(False)
            self._say(str(exc), error=True)
            return
        self._run += 1
        self._read_and_plan(Path(path).expanduser(), str(kind), snapshot, self._run)

    @property
    def smn(self) -> JournalApp:
        """The app, for its store and save funnel."""
        return running_app(self)

    @work(thread=True, exclusive=True, group="import")
    def _read_and_plan(self, path: Path, kind: str, snapshot: JournalSnapshot, run: int) -> None:
        def progress(done: int, total: int) -> None:
            self.app.call_from_thread(self._progress, run, done, total)

        try:
            data = read_file(path)
            if kind == "auto":
                kind = detect_kind(path, data)
            plan = plan_import(kind, data, snapshot, source=path.name, progress=progress)
        except ImportFormatError as exc:
            self.app.call_from_thread(self._failed, run, str(exc))
        except Exception as exc:  # a damaged file must never end the app
            self.app.call_from_thread(self._failed, run, f"Could not read {path.name}: {exc}")
        else:
            self.app.call_from_thread(self._planned, run, plan)

    def _progress(self, run: int, done: int, total: int) -> None:
        if run == self._run:
            self.query_one("#import-progress", ProgressBar).update(total=max(total, 1), progress=done)

    def _failed(self, run: int, message: str) -> None:
        if run != self._run:
            return
        self._plan = None
        self._busy(False)
        self._say(message, error=True)

    def _planned(self, run: int, plan: ImportPlan) -> None:
        if run != self._run:
            return
        self._plan = plan
        self._busy(False)
        summary = plan.summary(dry_run=True)
        lines = summary.lines()
        lines.append("")
        lines.append("Press Import to add this to the journal." if plan.writes_anything
                     else "Nothing new in this file.")
        self._say("\n".join(lines))
        if plan.writes_anything:
            self.query_one("#import-confirm", Button).focus()

    # ------------------------------------------------------------------ confirm

    @on(Button.Pressed, "#import-confirm")
    def action_confirm(self) -> None:
        plan = self._plan
        if plan is None or not plan.writes_anything:
            return
        store = self.smn.store
        if store.version != plan.journal_version:
            self._plan = None
            self._busy(False)
            self._say("The journal changed since the preview; preview again.", error=True)
            return
        self._busy(True)
        self._say("Importing…")
        self._commit(store, plan)

    @work(thread=True, exclusive=True, group="import")
    def _commit(self, store: JournalStore, plan: ImportPlan) -> None:
        """(On a thread) the one durable commit of the whole import: the app keeps drawing meanwhile."""
        try:
            summary = apply_plan(store, plan)
        except (ValidationError, StorageError) as exc:
            self.app.call_from_thread(self._not_saved, exc)
        else:
            self.app.call_from_thread(self._saved, summary)

    def _saved(self, summary: ImportSummary) -> None:
        self.smn.journal_changed()
        self.smn.tell_saved(summary.headline)
        self.dismiss(summary)

    def _not_saved(self, exc: Exception) -> None:
        """Say why, as the app does for any write that fails; the journal is unchanged."""
        def fail() -> None:
            raise exc

        self.smn.save(fail)
        self._busy(False)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
