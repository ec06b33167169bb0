"""The command palette's entries (Ctrl+P): each a plain sentence, each once.

Textual's own entries are replaced by sentences in the same voice (the theme,
a screenshot, quitting); its keys panel is left out, as the help (?) lists
every key by screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from .domain.dates import DAY_FIRST, MONDAY, MONTH_FIRST, SUNDAY

if TYPE_CHECKING:
    from .app import SmnApp

#: The four screens as the palette names them: (mode, title, what it shows).
SCREEN_COMMANDS = (
    ("contacts", "Show the contacts", "Everyone you know, where to find them, your history (1)"),
    ("acts", "Show the helpful acts", "What you did for whom, week by week (2)"),
    ("audit", "Open this week's audit", "The weekly self-audit (3)"),
    ("review", "Show the week's review", "Who you helped, met and are losing touch with (4)"),
)

#: The date orders the setting offers: (value, title, what it means).
DATE_ORDER_COMMANDS = (
    (DAY_FIRST, "Read numeric dates day first", "3/4 is 3 April; the choice is remembered"),
    (MONTH_FIRST, "Read numeric dates month first", "3/4 is March 4; the choice is remembered"),
    ("", "Refuse numeric dates", "3/4 is refused until you write 3 Apr or 2026-04-03; remembered"),
)


def _setting_commands(app: SmnApp) -> Iterator[SystemCommand]:
    other = SUNDAY if app.settings.week_start == MONDAY else MONDAY
    yield SystemCommand(f"Start weeks on {other.title()}",
                        f"Weeks start on {app.settings.week_start.title()} now; the choice is remembered",
                        lambda: app.run_worker(app.set_week_start(other)))
    for order, title, help_text in DATE_ORDER_COMMANDS:
        if order != app.settings.date_order:
            yield SystemCommand(title, help_text, partial(app.set_date_order, order))
    yield SystemCommand("Change the theme", "Colours for the whole app; the choice is remembered",
                        app.action_change_theme)


def palette_commands(app: SmnApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """Every entry of the palette, for ``screen`` (the contacts screen adds merging)."""
    for mode, title, help_text in SCREEN_COMMANDS:
        yield SystemCommand(title, help_text, partial(app.switch_mode, mode))
    yield SystemCommand("Add a contact", "Someone new in the journal (n on the contacts)",
                        lambda: app.open_contact_form())
    yield SystemCommand("Log an interaction", "A conversation, message or meeting (i on the contacts)",
                        app.action_log_interaction)
    yield SystemCommand("Log a helpful act", "What you did for whom (h)", app.action_log_act)
    yield from screen_commands(screen)
    yield SystemCommand("Undo the last change", "Whatever it was, made here or in the shell (Ctrl+Z)",
                        app.action_undo)
    yield SystemCommand("Redo what was undone", "Puts back the last change Ctrl+Z took back (Ctrl+Y)",
                        app.action_redo)
    yield SystemCommand("Export the week's review", "As a Markdown file", app.export_week)
    yield SystemCommand("Import contacts…", "From LinkedIn, Google Contacts, vCard or an smn JSON export",
                        app.action_import)
    yield from _setting_commands(app)
    yield SystemCommand("Show every key", "The help, screen by screen (?)", app.action_help)
    yield SystemCommand("Save a screenshot", "An SVG picture of the screen, in the current folder",
                        lambda: app.set_timer(0.1, app.deliver_screenshot))
    yield SystemCommand("Quit smn", "Everything is saved already (Ctrl+Q)", app.action_quit)


def screen_commands(screen: Screen[object]) -> Iterator[SystemCommand]:
    """The entries a screen offers of its own (none unless it has ``palette_commands``)."""
    from .screens.base import JournalScreen

    if isinstance(screen, JournalScreen):
        yield from screen.palette_commands()
