"""The smn Textual app: wiring only. Screens live in ``screens/``, styles in ``styles/``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Key
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from .domain.dates import MONDAY, SUNDAY, Week, week_of
from .domain.models import ValidationError
from .messages import JournalChanged
from .resources import styles_dir
from .screens.contacts import ContactsScreen
from .screens.help import HelpScreen
from .settings import Settings, save_settings
from .storage.journal_file import StorageError
from .storage.store import JournalStore

T = TypeVar("T")

#: How often the app looks for entries written by another process (``smn helped`` in a shell).
POLL_SECONDS = 1.0


def lazy_screen(module: str, name: str) -> Callable[[], Screen]:
    """A MODES entry that imports ``screens.<module>`` when the mode is first shown.

    ``screen_class()`` gives the class (the help screen reads its bindings).
    """
    from importlib import import_module

    def screen_class() -> type[Screen]:
        return getattr(import_module(f".screens.{module}", __package__), name)

    def make() -> Screen:
        return screen_class()()

    make.screen_class = screen_class  # type: ignore[attr-defined]
    return make


class SmnApp(App[None]):
    """The relationship journal. Give it an open store; it never opens one itself."""

    TITLE = "smn"
    CSS_PATH = [str(p) for p in sorted(styles_dir().glob("*.tcss"))]
    # The first screen is imported up front; the others (and their widgets) on first use.
    MODES = {
        "contacts": ContactsScreen,
        "acts": lazy_screen("acts", "ActsScreen"),
        "audit": lazy_screen("audit", "AuditScreen"),
        "review": lazy_screen("review", "ReviewScreen"),
    }
    DEFAULT_MODE = "contacts"
    BINDINGS = [
        # Help first: the footer shows app keys after the screen's, and this one must stay visible.
        Binding("question_mark,f1", "help", "Help", key_display="?", tooltip="This list of keys"),
        Binding("1", "switch_mode('contacts')", "Contacts", tooltip="The contacts journal"),
        Binding("2", "switch_mode('acts')", "Acts", tooltip="Helpful acts"),
        Binding("3", "switch_mode('audit')", "Audit", tooltip="This week's self-audit"),
        Binding("4", "switch_mode('review')", "Review", tooltip="Review the week"),
        Binding("h", "log_act", "Log act", tooltip="Log a helpful act"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        store: JournalStore,
        *,
        settings: Settings | None = None,
        clock: Callable[[], date] = date.today,
        save_settings_to: Any = None,
        poll: bool = True,
    ) -> None:
        super().__init__()
        self.store = store
        self.settings = settings or Settings()
        self.clock = clock
        self._settings_path = save_settings_to
        self._poll = poll
        self._warned = 0
        self._strays: list[str] = []  # letters on their way to a form that is opening

    # ------------------------------------------------------------------ lifecycle

    def on_load(self) -> None:
        # Textual styles the app node only after building its first screen, and then re-parses
        # every stylesheet so that screen inherits the right colours. Styling the app first
        # makes that re-parse needless (see JournalScreen.__init__).
        self.stylesheet.apply(self)

    def on_mount(self) -> None:
        try:
            self.theme = self.settings.theme
        except Exception:  # an unknown theme name from an old settings file
            self.theme = "textual-dark"
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.sub_title = self.this_week().label
        self.show_store_warnings()
        if self._poll:
            self.set_interval(POLL_SECONDS, self.poll_journal)

    def show_store_warnings(self) -> None:
        """Say what the store found while reading the journal (a torn last line, say), once each."""
        for warning in self.store.warnings[self._warned:]:
            self.notify(warning, title="Journal", severity="warning", timeout=10, markup=False)
        self._warned = len(self.store.warnings)

    def _remember_theme(self, theme) -> None:
        if self.settings.theme == theme.name:
            return
        self.settings.theme = theme.name
        try:
            save_settings(self.settings, self._settings_path)
        except (StorageError, OSError) as exc:
            self.notify(f"Could not save the theme: {exc}", severity="warning")

    async def set_week_start(self, week_start: str) -> None:
        """Start weeks on Monday or Sunday from now on; week screens are rebuilt on the new weeks."""
        self.settings.week_start = week_start
        try:
            save_settings(self.settings, self._settings_path)
        except (StorageError, OSError) as exc:
            self.notify(f"Could not save the setting: {exc}", severity="warning", markup=False)
        await self.switch_mode("contacts")
        for mode in ("acts", "audit", "review"):
            await self.remove_mode(mode)
            self.add_mode(mode, self.MODES[mode])
        self.sub_title = self.this_week().label
        self.notify(f"Weeks start on {week_start.title()}.")

    def import_screens(self) -> None:
        """Import the other screens' code now (20-50 ms each), so their first showing need not."""
        for make in self.MODES.values():
            screen_class = getattr(make, "screen_class", None)
            if screen_class is not None:
                screen_class()

    # ------------------------------------------------------------------ time

    def today(self) -> date:
        return self.clock()

    def this_week(self) -> Week:
        return week_of(self.today(), self.settings.week_start)

    # ------------------------------------------------------------------ the journal

    def poll_journal(self) -> None:
        """Show what another process (``smn helped`` in a shell) wrote."""
        try:
            changed = self.store.refresh()
        except StorageError as exc:
            self.notify(str(exc), title="Journal", severity="error", timeout=10)
            return
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
        """
        try:
            result = write()
        except ValidationError as exc:
            self.notify(f"{exc.field.replace('_', ' ').capitalize()} {exc.message}.",
                        title="Not saved", severity="error", markup=False)
            return None
        except StorageError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15, markup=False)
            return None
        self.journal_changed()
        if done:
            self.notify(done, markup=False)
        return result

    # ------------------------------------------------------------------ cross-screen actions
    # Screens call these to reach each other; each opens a form or switches mode.

    def show_contact(self, contact_id: str) -> None:
        """Switch to the contacts screen with ``contact_id`` selected."""
        self.switch_mode("contacts")
        self.call_after_refresh(lambda: self.screen.select_contact(contact_id))  # type: ignore[attr-defined]

    def open_contact_form(self, contact=None, callback=None) -> None:
        """Add (or with ``contact``, edit) a contact; ``callback(saved_or_None)``."""
        from .screens.contact_form import ContactForm

        self.push_screen(ContactForm(contact), callback)

    def open_interaction_form(self, contact_ids=(), interaction=None, callback=None) -> None:
        """Journal an interaction (or edit ``interaction``)."""
        from .screens.interaction_form import InteractionForm

        self.push_screen(InteractionForm(list(contact_ids), interaction), callback)

    def open_act_form(self, contact_ids=(), act=None, note: str = "", callback=None) -> None:
        """Log a helpful act (or edit ``act``), optionally prefilled."""
        from .screens.act_form import ActForm

        self.push_screen(ActForm(list(contact_ids), act, note=note), callback)

    def open_audit(self, week: Week | None = None) -> None:
        """Switch to the audit screen on ``week`` (default this week)."""
        self.switch_mode("audit")
        target = week or self.this_week()
        self.call_after_refresh(lambda: self.screen.show_week(target))  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ commands

    def on_key(self, event: Key) -> None:
        # Letters typed in the same instant as the key that opened a form (a paste, a fast
        # typist) went to the screen below before the form had the keyboard, and come up
        # here unhandled; a form's text box never lets a letter through. They are typed
        # into the form once it has put its cursor in place.
        screen = self.screen
        if not (isinstance(screen, ModalScreen) and event.is_printable and event.character):
            return
        if event.key in screen.active_bindings:
            return  # a key the form (or the app) binds, such as y and n in a confirmation
        event.stop()
        event.prevent_default()
        self._strays.append(event.character)
        if len(self._strays) == 1:
            self.call_after_refresh(self._hand_over, screen, 5)

    def _hand_over(self, screen: Screen, tries: int) -> None:
        """Type the stray letters, in order, into the form's text box (none: they are dropped)."""
        if screen is self.screen and screen.focused is None and tries > 0:
            self.call_after_refresh(self._hand_over, screen, tries - 1)
            return
        if screen is self.screen and isinstance(screen.focused, Input):
            screen.focused.insert_text_at_cursor("".join(self._strays))
        self._strays.clear()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_log_act(self) -> None:
        """Log a helpful act, for the people selected on this screen if any."""
        if isinstance(self.screen, ModalScreen):
            return  # a form is open already
        self.open_act_form(self.selected_contact_ids())

    def action_log_interaction(self) -> None:
        if isinstance(self.screen, ModalScreen):
            return
        self.open_interaction_form(self.selected_contact_ids())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for mode, title in (("contacts", "Contacts"), ("acts", "Helpful acts"),
                            ("audit", "Weekly audit"), ("review", "Review the week")):
            yield SystemCommand(f"Go to {title}", f"Show the {title.lower()} screen",
                                lambda m=mode: self.switch_mode(m))
        yield SystemCommand("Help: keys", "Every key, by screen", self.action_help)
        other = SUNDAY if self.settings.week_start == MONDAY else MONDAY
        yield SystemCommand(f"Start weeks on {other.title()}",
                            f"Weeks now start on {self.settings.week_start.title()}; the choice is remembered",
                            lambda: self.run_worker(self.set_week_start(other)))
        yield SystemCommand("New contact", "Add someone to the journal", lambda: self.open_contact_form())
        yield SystemCommand("Log an interaction", "Journal a conversation, message or meeting",
                            self.action_log_interaction)
        yield SystemCommand("Log a helpful act", "What you did for whom (h)", self.action_log_act)
        yield SystemCommand("This week's audit", "The weekly self-audit", lambda: self.open_audit())
        yield SystemCommand("Export the week", "The week's review as Markdown", self.export_week)
        from .screens.import_dialog import ImportDialog

        yield SystemCommand("Import contacts…", "From LinkedIn, Google Contacts, vCard or an smn JSON export",
                            lambda: self.push_screen(ImportDialog()))

    def selected_contact_ids(self) -> list[str]:
        """Who the visible screen has selected (forms opened from there start with them)."""
        pick = getattr(self.screen, "selected_contact_ids", None)
        return list(pick()) if callable(pick) else []

    def export_week(self) -> None:
        """Run the review screen's export of this week."""
        self.switch_mode("review")

        def run() -> None:
            if hasattr(self.screen, "action_export"):
                self.screen.run_action("export")
            else:
                self.notify("Export the week with:  smn week --format md", markup=False)

        self.call_after_refresh(run)
