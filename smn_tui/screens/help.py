"""The help screen: every key, by screen, read from the screens' own BINDINGS."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def _key_label(app, key: str) -> str:
    return ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in key.split(","))


def bindings_table(app, title: str, bindings) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True,
                  title_style="bold", padding=(0, 1))
    table.add_column("key", style="bold", no_wrap=True, width=14)
    table.add_column("what it does")
    for b in bindings:
        if isinstance(b, tuple):
            b = Binding(*b)
        if not b.description:
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
                if cls is None:
                    continue
                yield Static(bindings_table(app, getattr(cls, "HELP_TITLE", mode.title()), cls.BINDINGS))
            extra = getattr(app, "HELP_EXTRA", ())
            for title, bindings in extra:
                yield Static(bindings_table(app, title, bindings))
            yield Static(Text("Esc closes this help. Ctrl+P opens the command palette.", style="dim"))

    def action_dismiss(self) -> None:
        self.dismiss(None)
