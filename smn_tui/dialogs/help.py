"""The help dialog: every key, by screen, read from the screens' own BINDINGS."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

#: Keys every list and form shares (they belong to Textual's widgets, not to a screen).
MOVING_AROUND: tuple[tuple[str, str], ...] = (
    ("tab, shift+tab", "Move between the filter, the list, the detail pane and form fields"),
    ("↑ ↓ PgUp PgDn", "Move in a list; Home and End jump to its ends; a click selects"),
    ("enter", "Open the selected item; in a form, the next field (Ctrl+S saves)"),
    ("→", "Accept a suggestion while typing (tags, platforms)"),
    ("ctrl+s, esc", "Save or cancel a form"),
)

#: One section of the help: a title and the bindings it lists.
HelpSection = tuple[str, Sequence[BindingType]]


def _binding(b: BindingType) -> Binding:
    return b if isinstance(b, Binding) else Binding(*b)


#: Bindings every Textual screen has; listed once under "Moving around", not per screen.
_GENERIC_ACTIONS = {_binding(b).action for b in Screen.BINDINGS}


def _key_label(app: App[object], key: str) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in key.split(","))


def _table(title: str) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True,
                  title_style="bold", padding=(0, 1))
    table.add_column("key", style="bold", no_wrap=True, width=16)
    table.add_column("what it does", ratio=1)
    return table


def bindings_table(app: App[object], title: str, bindings: Iterable[BindingType]) -> Table:
    """A titled table of keys and what they do (the tooltip when there is one)."""
    table = _table(title)
    for b in map(_binding, bindings):
        if not b.description or b.action in _GENERIC_ACTIONS:
            continue
        table.add_row(Text(_key_label(app, b.key)), Text(b.tooltip or b.description))
    return table


class HelpDialog(ModalScreen[None]):
    """Keys for the whole app and for each screen, in the sections it is given."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(Text("smn — keys", style="bold"), id="help-title")
            for title, bindings in self.sections:
                table = bindings_table(self.app, title, bindings)
                if table.row_count:
                    yield Static(table)
            moving = _table("Moving around")
            for key, what in MOVING_AROUND:
                moving.add_row(Text(key), Text(what))
            yield Static(moving)
            yield Static(Text("Esc closes this help. Ctrl+P opens the command palette.", style="dim"))
