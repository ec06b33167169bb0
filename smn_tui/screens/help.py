"""The help screen: every key, by screen, read from the screens' own BINDINGS."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

#: Keys every list and form shares (they belong to Textual's widgets, not to a screen).
MOVING_AROUND: tuple[tuple[str, str], ...] = (
    ("tab, shift+tab", "Move between the filter, the list, the detail pane and form fields"),
    ("↑ ↓ PgUp PgDn", "Move in a list; Home and End jump to its ends; a click selects"),
    ("enter", "Open the selected item; in a form field, save"),
    ("→", "Accept a suggestion while typing (tags, platforms)"),
    ("ctrl+s, esc", "Save or cancel a form"),
)

#: Bindings every Textual screen has; listed once under "Moving around", not per screen.
_GENERIC_ACTIONS = {b.action for b in Screen.BINDINGS if isinstance(b, Binding)} | {
    b[1] for b in Screen.BINDINGS if isinstance(b, tuple)
}


def _key_label(app, key: str) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in key.split(","))


def _table(title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True,
                  title_style="bold", padding=(0, 1))
    table.add_column("key", style="bold", no_wrap=True, width=16)
    table.add_column("what it does", ratio=1)
    return table


def bindings_table(app, title: str, bindings) -> Table:
    """A titled table of keys and what they do (the tooltip when there is one)."""
    table = _table(title)
    for b in bindings:
        if isinstance(b, tuple):
            b = Binding(*b)
        if not b.description or b.action in _GENERIC_ACTIONS:
            continue
        table.add_row(Text(_key_label(app, b.key)), Text(b.tooltip or b.description))
    return table


class HelpScreen(ModalScreen[None]):
    """Keys for the whole app and for each screen."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
    ]

    def compose(self) -> ComposeResult:
        app = self.app
        with VerticalScroll(id="help-body"):
            yield Static(Text("smn — keys", style="bold"), id="help-title")
            yield Static(bindings_table(app, "Everywhere", app.BINDINGS))
            for mode, screen_cls in app.MODES.items():
                cls = screen_cls if isinstance(screen_cls, type) else None
                if cls is None and hasattr(screen_cls, "screen_class"):
                    cls = screen_cls.screen_class()  # a screen imported on first use
                if cls is None:
                    continue
                table = bindings_table(app, getattr(cls, "HELP_TITLE", mode.title()), cls.BINDINGS)
                if table.row_count:
                    yield Static(table)
            extra = getattr(app, "HELP_EXTRA", ())
            for title, bindings in extra:
                yield Static(bindings_table(app, title, bindings))
            moving = _table("Moving around")
            for key, what in MOVING_AROUND:
                moving.add_row(Text(key), Text(what))
            yield Static(moving)
            yield Static(Text("Esc closes this help. Ctrl+P opens the command palette.", style="dim"))

    def action_dismiss(self) -> None:
        self.dismiss(None)
