"""One helpful act in full: when, for whom, what kind, how much it mattered, asked or not, the time it
took, where, the note and the outcome, each on its own line so nothing is cut.

:func:`entry_summary` is what a question about an act or an interaction (deleting it) shows of it.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget

from ..domain.models import HelpfulAct, Interaction, act_kind_label


def _where(platform: str) -> str:
    return "in person" if platform == "in person" else f"via {platform}" if platform else "no platform"


def act_facts(act: HelpfulAct, people: str) -> list[tuple[str, Text]]:
    """(label, value) lines that show ``act`` in full; ``people`` names whom it was for."""
    how = ["asked" if act.asked else "unprompted",
           f"{act.minutes} min" if act.minutes is not None else "minutes not noted", _where(act.platform)]
    outcome = Text(act.outcome) if act.outcome else Text("none noted yet (e or enter edits the act)", style="dim")
    return [
        ("When", Text(f"{act.on:%a %d %b %Y} · {act_kind_label(act.kind)} · made their {act.impact}")),
        ("For", Text(people)),
        ("How", Text(" · ".join(how))),
        ("Note", Text(act.note)),
        ("Outcome", outcome),
    ]


def entry_summary(entry: HelpfulAct | Interaction, people: str) -> str:
    """An act or an interaction in a few plain lines: when and what, with whom, how, the note (and outcome)."""
    if isinstance(entry, HelpfulAct):
        facts = dict(act_facts(entry, people))
        lines = [facts["When"].plain, f"For {people}", facts["How"].plain, entry.note]
        return "\n".join([*lines, *([f"Outcome: {entry.outcome}"] if entry.outcome else [])])
    mode = "" if entry.real else " (passive)"
    lines = [f"{entry.on:%a %d %b %Y} · {entry.kind}{mode} · {_where(entry.platform)}", f"With {people}"]
    return "\n".join([*lines, *([entry.note] if entry.note else [])])


class _Facts(Widget):
    """The lines of the act; redrawn in place, and laid out again only when their height changes
    (moving through the ledger then costs a repaint, not a layout of the whole screen)."""

    def __init__(self) -> None:
        super().__init__(classes="act-detail-body")
        self._shown: RenderableType = Text()
        self._lines = 0

    def render(self) -> RenderableType:
        return self._shown

    def show(self, renderable: RenderableType) -> None:
        self._shown = renderable
        lines = self._height(renderable)
        self.refresh(layout=lines != self._lines)
        self._lines = lines

    def _height(self, renderable: RenderableType) -> int:
        width = self.content_region.width
        if not width:
            return -1  # not laid out yet: the first layout measures it
        console = self.app.console
        return len(console.render_lines(renderable, console.options.update_width(width), pad=False))

    def on_resize(self) -> None:
        self._lines = self._height(self._shown)


class ActDetail(VerticalScroll):
    """The act under the ledger's cursor, in full; scrolls when a long note does not fit."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._body = _Facts()

    def compose(self) -> ComposeResult:
        yield self._body

    def on_mount(self) -> None:
        self.border_title = "The act in full"

    def show(self, act: HelpfulAct | None, people: str = "") -> None:
        """Show ``act`` (None: nothing selected)."""
        if act is None:
            self._body.show(Text("No act selected.", style="dim"))
            return
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for label, value in act_facts(act, people):
            grid.add_row(label, value)
        self._body.show(grid)
        self.scroll_home(animate=False)
