"""A screen that says plainly it is not built yet."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.widgets import Footer, Header, Static

from .base import JournalScreen


class PlaceholderScreen(JournalScreen):
    """Stands in for a screen that does not exist yet; shows no made-up data."""

    TITLE_TEXT = ""
    PURPOSE = ""

    def compose(self) -> ComposeResult:
        yield Header()
        with Middle():
            with Center():
                yield Static(
                    Text.assemble(
                        (self.TITLE_TEXT, "bold"), "\n\n", self.PURPOSE, "\n\n",
                        "This screen is not built yet.",
                    ),
                    classes="placeholder",
                )
        yield Footer()

    def reload(self) -> None:
        pass
