"""What the screens and dialogs may ask of the running app: one typed interface, :class:`JournalApp`.

The app (:class:`smn_tui.app.SmnApp`) is its one implementation. Screens and
dialogs sit below the app and never import it; they reach it through
:func:`running_app`, typed, instead of calling methods by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from textual.message_pump import MessagePump

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .domain.dates import Week
    from .domain.models import Contact, HelpfulAct, Interaction
    from .settings import Settings
    from .storage.store import JournalStore

T = TypeVar("T")


class JournalApp:
    """The app as its screens and dialogs see it: the journal, the clock, the save funnel, the other screens."""

    store: JournalStore
    settings: Settings

    # ------------------------------------------------------------------ time

    def today(self) -> date:
        raise NotImplementedError

    def this_week(self) -> Week:
        raise NotImplementedError

    # ------------------------------------------------------------------ the journal

    def save(self, write: Callable[[], T], *, done: str | None = None) -> T | None:
        """Run a store write; a failure is told to the user and gives None (nothing written)."""
        raise NotImplementedError

    def tell_saved(self, done: str) -> None:
        """Say what a write did (``done``), and that Ctrl+Z undoes it."""
        raise NotImplementedError

    def journal_changed(self) -> None:
        """Tell the visible screen the journal changed."""
        raise NotImplementedError

    def show_store_warnings(self) -> None:
        raise NotImplementedError

    def import_screens(self) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------ other screens and dialogs

    def show_contact(self, contact_id: str) -> None:
        raise NotImplementedError

    def open_audit(self, week: Week | None = None) -> None:
        raise NotImplementedError

    def open_contact_form(self, contact: Contact | None = None,
                          callback: Callable[[Contact | None], None] | None = None) -> None:
        raise NotImplementedError

    def open_interaction_form(self, contact_ids: Iterable[str] = (), interaction: Interaction | None = None,
                              callback: Callable[[Interaction | None], None] | None = None) -> None:
        raise NotImplementedError

    def open_act_form(self, contact_ids: Iterable[str] = (), act: HelpfulAct | None = None, note: str = "",
                      callback: Callable[[HelpfulAct | None], None] | None = None) -> None:
        raise NotImplementedError

    def open_merge(self, survivor_id: str, other_id: str,
                   callback: Callable[[str | None], None] | None = None) -> None:
        """Show two contacts as one and merge them once confirmed; ``callback(survivor_id_or_None)``."""
        raise NotImplementedError

    def confirm(self, title: str, message: str | RenderableType, confirm_label: str,
                on_yes: Callable[[], object], *, note: str = "") -> None:
        """Ask a yes/no question; ``on_yes()`` runs only on an explicit yes. ``note`` stays in view
        under a long message (such as that Ctrl+Z brings back what a delete takes)."""
        raise NotImplementedError

    def choose_person(self, people: list[tuple[str, str]], title: str, on_chosen: Callable[[str], object]) -> None:
        """Let the user pick one of ``people`` (id, name); ``on_chosen(id)`` runs unless they cancel."""
        raise NotImplementedError


def running_app(node: MessagePump) -> JournalApp:
    """The smn app ``node`` runs in (an error outside one: smn's screens need its journal)."""
    app = node.app
    if not isinstance(app, JournalApp):
        raise RuntimeError(f"{type(node).__name__} runs inside the smn app only")
    return app
