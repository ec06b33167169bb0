"""Every modal of the app: forms that return what they saved, questions, choosers, help, import.

Each dialog is a ``ModalScreen`` that gives its answer through ``dismiss``:
:class:`ConfirmDialog` a yes or no, :class:`ChoosePerson` a contact id, the
forms (:class:`ContactForm`, :class:`InteractionForm`, :class:`ActForm`, all on
:class:`FormDialog`) the record they saved, :class:`ImportDialog` the import's
summary, :class:`MergeDialog` the contact who stayed, :class:`PassphraseDialog` the
opened journal. They are imported on first use (a form costs nothing at start), so the
names below load their module when asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .act_form import ActForm
    from .choose_person import ChoosePerson
    from .confirm import ConfirmDialog
    from .contact_form import ContactForm
    from .form import FormDialog
    from .help import HelpDialog
    from .import_dialog import ImportDialog
    from .interaction_form import InteractionForm
    from .merge_dialog import MergeDialog
    from .passphrase import PassphraseDialog

__all__ = ["ActForm", "ChoosePerson", "ConfirmDialog", "ContactForm", "FormDialog", "HelpDialog",
           "ImportDialog", "InteractionForm", "MergeDialog", "PassphraseDialog"]

_MODULES = {"ActForm": "act_form", "ChoosePerson": "choose_person", "ConfirmDialog": "confirm",
            "ContactForm": "contact_form", "FormDialog": "form", "HelpDialog": "help",
            "ImportDialog": "import_dialog", "InteractionForm": "interaction_form", "MergeDialog": "merge_dialog",
            "PassphraseDialog": "passphrase"}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
