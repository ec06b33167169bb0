"""The smn Textual app: wiring only. Screens live in ``screens/``, modals in ``dialogs/``, styles in ``styles/``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.app import SystemCommand
from textual.binding import Binding
from textual.events import Key
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen, Screen
from textual.theme import Theme

from .app_dialogs import AppDialogs
from .domain.dates import DAY_FIRST, MONTH_FIRST, Week, week_of
from .domain.models import ValidationError
from .early_keys import EarlyKeys
from .journal_app import JournalApp
from .messages import JournalChanged
from .palette import palette_commands
from .resources import styles_dir
from .screens.base import JournalScreen
from .screens.contacts import ContactsScreen
from .settings import Settings, save_settings
from .storage.errors import StorageError
from .storage.store import JournalStore

if TYPE_CHECKING:

    from .domain.results import JournalChange
    from .screens.audit import AuditScreen
    from .screens.review import ReviewScreen

T = TypeVar("T")
S = TypeVar("S", bound=JournalScreen)

#: What every notice of a change adds.
UNDO_HINT = "Ctrl+Z undoes it."

#: How often the app looks for entries written by another process (``smn helped`` in a shell).
POLL_SECONDS = 1.0


def _acts_screen() -> type[JournalScreen]:
    from .screens.acts import ActsScreen

    return ActsScreen


def _audit_screen() -> type[AuditScreen]:
    from .screens.audit import AuditScreen

    return AuditScreen


def _review_screen() -> type[ReviewScreen]:
    from .screens.review import ReviewScreen

    return ReviewScreen


class LazyScreen:
    """A MODES entry whose screen module is imported when the mode is first shown."""

    def __init__(self, load: Callable[[], type[JournalScreen]]) -> None:
        self.screen_class = load

    def __call__(self) -> JournalScreen:
        return self.screen_class()()


#: The top-level screens by mode, in the order of their keys (1-4).
SCREENS: dict[str, Callable[[], type[JournalScreen]]] = {
    "contacts": lambda: ContactsScreen,
    "acts": _acts_screen,
    "audit": _audit_screen,
    "review": _review_screen,
}


class SmnApp(AppDialogs, JournalApp):
    """The relationship journal. Give it an open store; it never opens one itself."""

    TITLE = "smn"
    CSS_PATH = [str(p) for p in sorted(styles_dir().glob("*.tcss"))]
    # The first screen is imported up front; the others (and their widgets) on first use.
    MODES = {"contacts": ContactsScreen, **{mode: LazyScreen(load) for mode, load in SCREENS.items()
                                            if mode != "contacts"}}
    DEFAULT_MODE = "contacts"
    BINDINGS = [
        # Help first: the footer shows app keys after the screen's, and this one must stay visible.
        Binding("question_mark,f1", "help", "Help", key_display="?", tooltip="This list of keys"),
        # Not priority: a text area takes Ctrl+Z and Ctrl+Y for its own typing first.
        Binding("ctrl+z", "undo", "Undo", tooltip="Undo the last change to the journal, made here or in the "
                "shell; again for the one before"),
        Binding("ctrl+y,ctrl+shift+z", "redo", "Redo", key_display="^y",
                tooltip="Redo what Ctrl+Z undid (also Ctrl+Shift+Z where the terminal sends it)"),
        # The tab bar shows the screens' keys, so the footer leaves them out.
        Binding("1", "switch_mode('contacts')", "Contacts", show=False, tooltip="The contacts journal"),
        Binding("2", "switch_mode('acts')", "Acts", show=False, tooltip="Helpful acts"),
        Binding("3", "switch_mode('audit')", "Audit", show=False, tooltip="This week's self-audit"),
        Binding("4", "switch_mode('review')", "Review", show=False, tooltip="Review the week"),
        Binding("h", "log_act", "Log act", tooltip="Log a helpful act"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        store: JournalStore | None,
        *,
        settings: Settings | None = None,
        clock: Callable[[], date] = date.today,
        save_settings_to: Path | None = None,
        poll: bool = True,
    ) -> None:
        super().__init__()
        if store is not None:  # else (a locked journal) once the passphrase opens it
            self.store = store
        self.opened = store is not None
        self.settings = settings or Settings()
        self.clock = clock
        self._settings_path = save_settings_to
        self._poll = poll
        self._warned = 0
        self._journal_error: str | None = None  # the error the poll last showed, shown once
        self._early_keys = EarlyKeys(self)

    # ------------------------------------------------------------------ lifecycle

    def on_load(self) -> None:
        # Textual styles the app node only after building its first screen, and then re-parses
        # every stylesheet so that screen inherits the right colours. Styling the app first
        # makes that re-parse needless (see JournalScreen.__init__).
        self.stylesheet.apply(self)

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:  # an unknown theme name from an old settings file
            self.theme = "textual-dark"
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.sub_title = self.this_week().label
        if self.opened:
            self._journal_opened()

    def _journal_opened(self) -> None:
        self.show_store_warnings()
        if self._poll:
            self.set_interval(POLL_SECONDS, self.poll_journal)

    def close_journal(self) -> None:
        """Close the store, if the journal was opened."""
        if self.opened:
            self.store.close()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Show a notice. Its text is shown as written, never read as markup (it holds names and paths)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def show_store_warnings(self) -> None:
        """Say what the store found while reading the journal (a torn last line, say), once each."""
        for warning in self.store.warnings[self._warned:]:
            self.notify(warning, title="Journal", severity="warning", timeout=10)
        self._warned = len(self.store.warnings)

    def _remember_theme(self, theme: Theme) -> None:
        if self.settings.theme == theme.name:
            return
        self.settings.theme = theme.name
        self._save_settings("the theme")

    def _save_settings(self, what: str) -> None:
        try:
            save_settings(self.settings, self._settings_path)
        except (StorageError, OSError) as exc:
            self.notify(f"Could not save {what}: {exc}", severity="warning")

    async def set_week_start(self, week_start: str) -> None:
        """Start weeks on Monday or Sunday from now on; week screens are rebuilt on the new weeks."""
        self.settings.week_start = week_start
        self._save_settings("the setting")
        await self.switch_mode("contacts")
        for mode in ("acts", "audit", "review"):
            await self.remove_mode(mode)
            self.add_mode(mode, self.MODES[mode])
        self.sub_title = self.this_week().label
        self.notify(f"Weeks start on {week_start.title()}.")

    def set_date_order(self, order: str) -> None:
        """Read numeric dates (3/4) day first, month first, or ("") refuse them, from now on."""
        self.settings.date_order = order
        self._save_settings("the date order")
        said = {DAY_FIRST: "Numeric dates are read day first: 3/4 is 3 April.",
                MONTH_FIRST: "Numeric dates are read month first: 3/4 is March 4."}
        self.notify(said.get(order, "Numeric dates such as 3/4 are refused; write 3 Apr or 2026-04-03."))

    def import_screens(self) -> None:
        """Import the other screens' code now (20-50 ms each), so their first showing need not."""
        for load in SCREENS.values():
            load()

    # ------------------------------------------------------------------ time

    def today(self) -> date:
        return self.clock()

    def this_week(self) -> Week:
        return week_of(self.today(), self.settings.week_start)

    # ------------------------------------------------------------------ the journal

    def poll_journal(self) -> None:
        """Show what another process (``smn helped`` in a shell) wrote; say once what stops it."""
        try:
            changed = self.store.refresh()
        except StorageError as exc:
            error = str(exc)
            if error != self._journal_error:
                self._journal_error = error
                self.notify(error, title="Journal", severity="error", timeout=10)
            return
        self._journal_error = None
        if changed:
            self.journal_changed()

    def journal_changed(self) -> None:
        """Tell the visible screen to redraw; others redraw when shown again."""
        self.sub_title = self.this_week().label
        self.screen.post_message(JournalChanged(self.store.version))

    def save(self, write: Callable[[], T], *, done: str | None = None) -> T | None:
        """Run a store write; report failure as a notification instead of dying.

        Returns the write's result, or None when it failed (the journal on disk
        is unchanged then, and whatever the user typed is still on screen).
        ``done`` says what happened; the notice adds that Ctrl+Z undoes it.
        """
        try:
            result = write()
        except ValidationError as exc:
            self.notify(f"{exc.field.replace('_', ' ').capitalize()} {exc.message}.",
                        title="Not saved", severity="error")
            return None
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
            return None
        self.journal_changed()
        if done:
            self.tell_saved(done)
        return result

    def tell_saved(self, done: str) -> None:
        """Say what a write did, and that Ctrl+Z undoes it."""
        self.notify(f"{done.rstrip('.')}. {UNDO_HINT}")

    def action_undo(self) -> None:
        """Undo the journal's latest change (this app's or the shell's); again for the one before."""
        self._take_back(self.store.undo, "Undone", "Ctrl+Y redoes it.")

    def action_redo(self) -> None:
        """Redo the latest undo, if nothing changed since."""
        self._take_back(self.store.redo, "Redone", UNDO_HINT)

    def _take_back(self, step: Callable[[], JournalChange], title: str, hint: str) -> None:
        try:
            change = step()
        except StorageError as exc:  # UndoRefused says why: nothing to undo, or a later change in the way
            self.notify(str(exc), title=f"Not {title.lower()}", severity="error", timeout=10)
            return
        self.journal_changed()
        self.notify(change.what, title=f"{title} · {hint}")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Undo and redo belong to the screens: in a form or dialog, Ctrl+Z is the text box's, and a
        journal change under an open form would leave it showing what is gone. Nor does a form open
        another (h), so neither shows in a dialog's footer."""
        return not (action in ("undo", "redo", "log_act") and isinstance(self.screen, ModalScreen))

    # ------------------------------------------------------------------ cross-screen actions
    # Screens call these to reach each other; each opens a form or switches mode.

    def _mode_screen(self, mode: str, kind: type[S]) -> S:
        """Show ``mode`` and give its top-level screen, typed."""
        self.switch_mode(mode)
        screen = self.screen_stack[0]
        if not isinstance(screen, kind):
            raise TypeError(f"the {mode} mode shows {type(screen).__name__}, not {kind.__name__}")
        return screen

    def show_contact(self, contact_id: str) -> None:
        """Switch to the contacts screen with ``contact_id`` selected."""
        screen = self._mode_screen("contacts", ContactsScreen)
        self.call_after_refresh(screen.select_contact, contact_id)

    def open_audit(self, week: Week | None = None) -> None:
        """Switch to the audit screen on ``week`` (default this week)."""
        screen = self._mode_screen("audit", _audit_screen())
        self.call_after_refresh(screen.show_week, week or self.this_week())

    def export_week(self) -> None:
        """Run the review screen's export of the week it shows."""
        screen = self._mode_screen("review", _review_screen())
        self.call_after_refresh(screen.action_export)

    def selected_contact_ids(self) -> list[str]:
        """Who the visible screen has selected (forms opened from there start with them)."""
        screen = self.screen
        return screen.selected_contact_ids() if isinstance(screen, JournalScreen) else []

    # ------------------------------------------------------------------ keys and commands

    def on_key(self, event: Key) -> None:
        if self._early_keys.catch(event):
            event.stop()
            event.prevent_default()

    def help_sections(self) -> list[tuple[str, list[Binding]]]:
        """The help's sections: the app's keys, then each screen's."""
        sections = [("Everywhere", [b for b in self.BINDINGS if isinstance(b, Binding)])]
        for mode, load in SCREENS.items():
            screen_class = load()
            sections.append((screen_class.HELP_TITLE or mode.title(), screen_class.help_bindings()))
        return sections

    def action_help(self) -> None:
        """Show every key."""
        from .dialogs.help import HelpDialog

        if not isinstance(self.screen, HelpDialog):
            self.push_screen(HelpDialog(self.help_sections()))

    def action_log_act(self) -> None:
        """Log a helpful act, for the people selected on this screen if any."""
        if isinstance(self.screen, ModalScreen):
            return  # a form is open already
        self.open_act_form(self.selected_contact_ids())

    def action_log_interaction(self) -> None:
        """Journal an interaction with the people selected on this screen if any."""
        if isinstance(self.screen, ModalScreen):
            return
        self.open_interaction_form(self.selected_contact_ids())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        return palette_commands(self, screen)

