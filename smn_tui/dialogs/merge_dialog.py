"""Merge two contacts who are one person: see what the merged contact will hold, choose who stays, confirm.

The plan is :func:`~smn_tui.domain.merging.plan_merge`'s, as ``smn contact
merge`` makes it: nothing is overwritten, the other's platforms, tags and
notes are added, and their interactions and acts move to the one who stays.
The merge is one commit, so Ctrl+Z takes all of it back.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..domain.birthdays import describe_birthday
from ..domain.merging import MergeError, MergePlan, plan_merge
from ..domain.models import Contact, Interaction, ValidationError
from ..domain.wording import count_of
from ..journal_app import JournalApp, running_app
from ..widgets.contact_detail import cadence_label

GAINED = "+ "


def _row(table: Table, label: str, kept: list[str], gained: list[str], sep: str = "\n") -> None:
    """A fact of the merged contact: what the survivor has, then (marked) what it gains, ``sep`` between."""
    value = Text()
    for n, item in enumerate(kept):
        value.append((sep if n else "") + item)
    for n, item in enumerate(gained):
        value.append(sep if kept or n else "")
        value.append(GAINED + item, style="bold")
    table.add_row(label, value if value.plain else Text("none", style="dim"))


def merge_preview(survivor: Contact, other: Contact, plan: MergePlan) -> RenderableType:
    """What the merged contact holds, the other's additions marked with ``+``."""
    merged = plan.contact
    head = Text("Keeps ")
    head.append(survivor.name, style="bold")
    head.append(", adds what ")
    head.append(other.name, style="bold")
    head.append(" has that it lacks, and moves their entries over; ")
    head.append(other.name, style="bold")
    head.append(" goes. Nothing is overwritten.")
    facts = Table.grid(padding=(0, 1), expand=True)
    facts.add_column(style="bold", no_wrap=True, width=10)
    facts.add_column(ratio=1)
    _row(facts, "Name", [merged.name], [])
    _row(facts, "Platforms", [str(p) for p in survivor.platforms], plan.platforms_added)
    _row(facts, "Tags", [f"#{t}" for t in survivor.tags], [f"#{t}" for t in plan.tags_added], sep="  ")
    _row(facts, "Met", [survivor.how_met] if survivor.how_met else [],
         [other.how_met] if plan.how_met_added else [])
    _row(facts, "Notes", [survivor.notes] if survivor.notes else [], [other.notes] if plan.notes_added else [])
    if merged.cadence_days:
        cadence = cadence_label(merged.cadence_days)
        _row(facts, "Cadence", *(([cadence], []) if survivor.cadence_days else ([], [cadence])))
    if merged.birthday:
        said = describe_birthday(merged.birthday)
        _row(facts, "Birthday", *(([said], []) if survivor.birthday else ([], [said])))
    interactions = sum(1 for e in plan.entries if isinstance(e, Interaction))
    moved = [count_of(n, w) for n, w in ((interactions, "interaction"),
                                         (len(plan.entries) - interactions, "helpful act")) if n]
    entries = Text(" and ".join(moved) + f" move from {other.name}" if moved else "none to move")
    if plan.shared:
        entries.append(f" ({plan.shared} had them both; they keep {survivor.name} once)")
    facts.add_row("Entries", entries)
    return Group(head, Text(""), facts, Text(""), Text("Ctrl+Z takes the merge back.", style="dim"))


class MergeDialog(ModalScreen[str | None]):
    """Two contacts as one; returns the id of the one who stays, or None when cancelled."""

    BINDINGS = [
        Binding("escape,n", "cancel", "Cancel", tooltip="Merge nothing"),
        Binding("s", "swap", "Swap", tooltip="Keep the other contact instead"),
        Binding("y", "merge", "Merge", tooltip="Merge the two into the one shown"),
    ]

    def __init__(self, survivor_id: str, other_id: str) -> None:
        super().__init__()
        self.survivor_id = survivor_id
        self.other_id = other_id
        self._plan: MergePlan | None = None

    @property
    def smn(self) -> JournalApp:
        return running_app(self)

    def compose(self) -> ComposeResult:
        with Vertical(id="merge-box"):
            yield Static(Text("Merge two contacts", style="bold"), id="merge-title")
            with VerticalScroll(id="merge-scroll"):
                yield Static(id="merge-preview")
            with Horizontal(id="merge-buttons"):
                yield Button("Merge", variant="primary", id="merge-yes", compact=True)
                yield Button("Swap who stays", id="merge-swap", compact=True)
                yield Button("Cancel", id="merge-no", compact=True)
            yield Static(Text("y merges · s swaps who stays · Enter, n or Esc cancels"), id="merge-hint")

    def on_mount(self) -> None:
        self.query_one("#merge-scroll").can_focus = False
        self._show()
        self.query_one("#merge-no", Button).focus()

    def _show(self) -> None:
        """Plan the merge as things stand and show it (or say why it cannot be made)."""
        store = self.smn.store
        preview = self.query_one("#merge-preview", Static)
        try:
            survivor, other = store.get_contact(self.survivor_id), store.get_contact(self.other_id)
            self._plan = plan_merge(survivor, other, store.timeline(other.id))
        except (MergeError, ValidationError) as exc:
            self._plan = None
            message = exc.message if isinstance(exc, ValidationError) else str(exc)
            preview.update(Text(message, style="bold"))
        else:
            preview.update(merge_preview(survivor, other, self._plan))
        self.query_one("#merge-yes", Button).disabled = self._plan is None

    @on(Button.Pressed, "#merge-swap")
    def action_swap(self) -> None:
        """Keep the other one."""
        self.survivor_id, self.other_id = self.other_id, self.survivor_id
        self._show()

    @on(Button.Pressed, "#merge-yes")
    def action_merge(self) -> None:
        """Merge, in one commit (planned again, in case the journal changed meanwhile)."""
        self._show()
        plan = self._plan
        if plan is None:
            return
        store = self.smn.store
        other = store.get_contact(self.other_id)
        what = f"Merged {other.name} into {plan.contact.name}"
        saved = self.smn.save(lambda: store.commit_changes([plan.contact, *plan.entries],
                                                           [("contacts", other.id)], what=what), done=what)
        if saved is not None:
            self.dismiss(plan.contact.id)

    @on(Button.Pressed, "#merge-no")
    def action_cancel(self) -> None:
        """Merge nothing."""
        self.dismiss(None)
