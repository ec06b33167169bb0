"""A footer that shows only the keys that fit, each whole, never a key cut in half.

Textual's footer lays its keys out in a row and clips what runs past the
palette key, so at 80 columns a last key shows as a stray letter or two. This
one leaves out, whole, the keys from the first that does not fit on (the
screen's own keys come first, the app's after); the help lists them all.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # the footer's own key widget, to measure it


def key_width(key: FooterKey, compact: bool) -> int:
    """The cells a key takes in the footer, its margin included (see the footer's stylesheet)."""
    if compact:  # "k description", then a margin
        return cell_len(key.key_display) + 1 + cell_len(key.description) + 1
    return cell_len(key.key_display) + 2 + cell_len(key.description) + 1


def palette_width(key: FooterKey, compact: bool) -> int:
    """The cells of the palette key, docked at the right with a line before it."""
    if compact:  # no margin: the app's stylesheet lets it reach the last column
        return 1 + cell_len(key.key_display) + 1 + cell_len(key.description)
    return 1 + cell_len(key.key_display) + 2 + cell_len(key.description) + 2


class FittingFooter(Footer):
    """A :class:`Footer` that drops, whole, the keys that do not fit its width."""

    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        yield from self._fitting(widgets, self.size.width or self.app.size.width)

    def _fitting(self, widgets: list[Widget], width: int) -> Iterable[Widget]:
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if w not in palette]
        room = width - sum(palette_width(w, self.compact) for w in palette if isinstance(w, FooterKey))
        used = 0
        for widget in keys:
            if not isinstance(widget, FooterKey):  # a group of keys: shown as a whole or not at all
                break
            used += key_width(widget, self.compact)
            if used > room:
                break
            yield widget
        yield from palette

    _fitted_width = 0

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_width:
            self._fitted_width = event.size.width
            self.call_after_refresh(self.recompose)
