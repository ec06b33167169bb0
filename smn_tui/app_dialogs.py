"""The dialogs the app opens for its screens: the forms, the questions, merging, importing.

Each is imported when first opened, so starting the app loads none of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .domain.models import Contact, HelpfulAct, Interaction


class AppDialogs(App[None]):
    """What opens a dialog: screens ask for one through the app's typed interface."""

    def open_contact_form(self, contact: Contact | None = None,
                          callback: Callable[[Contact | None], None] | None = None) -> None:
        """Add (or with ``contact``, edit) a contact; ``callback(saved_or_None)``."""
        from .dialogs.contact_form import ContactForm

        self.push_screen(ContactForm(contact), callback)

    def open_interaction_form(self, contact_ids: Iterable[str] = (), interaction: Interaction | None = None,
                              callback: Callable[[Interaction | None], None] | None = None) -> None:
        """Journal an interaction (or edit ``interaction``)."""
        from .dialogs.interaction_form import InteractionForm

        self.push_screen(InteractionForm(list(contact_ids), interaction), callback)

    def open_act_form(self, contact_ids: Iterable[str] = (), act: HelpfulAct | None = None, note: str = "",
                      callback: Callable[[HelpfulAct | None], None] | None = None) -> None:
        """Log a helpful act (or edit ``act``), optionally prefilled."""
        from .dialogs.act_form import ActForm

        self.push_screen(ActForm(list(contact_ids), act, note=note), callback)

    def open_merge(self, survivor_id: str, other_id: str,
                   callback: Callable[[str | None], None] | None = None) -> None:
        """Show two contacts as one and merge them once confirmed; ``callback(survivor_id_or_None)``."""
        from .dialogs.merge_dialog import MergeDialog

        self.push_screen(MergeDialog(survivor_id, other_id), callback)

    def confirm(self, title: str, message: str | RenderableType, confirm_label: str,
                on_yes: Callable[[], object], *, note: str = "") -> None:
        """Ask a yes/no question; ``on_yes()`` runs only on an explicit yes. ``note`` stays in view
        under a long message (such as that Ctrl+Z brings back what a delete takes)."""
        from .dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                on_yes()

        self.push_screen(ConfirmDialog(title, message, confirm_label, note=note), answered)

    def choose_person(self, people: list[tuple[str, str]], title: str, on_chosen: Callable[[str], object]) -> None:
        """Let the user pick one of ``people`` (id, name); ``on_chosen(id)`` runs unless they cancel."""
        from .dialogs.choose_person import ChoosePerson

        def chosen(contact_id: str | None) -> None:
            if contact_id:
                on_chosen(contact_id)

        self.push_screen(ChoosePerson(people, title), chosen)

    def action_import(self) -> None:
        """Import contacts from a file."""
        from .dialogs.import_dialog import ImportDialog

        self.push_screen(ImportDialog())
