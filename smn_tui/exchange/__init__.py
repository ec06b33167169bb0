"""Bringing people in (LinkedIn, Google Contacts, Outlook, vCard, calendars, smn JSON) and taking the journal out.

No Textual here: the command line and the app's import dialog share these
functions, and both offer the formats of one registry (:mod:`formats`). An
import is read and checked first (:func:`importer.prepare_import`), planned
against a snapshot of the journal (who each person already is comes from
:mod:`match`, strong keys only; what a merge adds from :mod:`merge`), shown,
then applied in one durable commit (:func:`importer.apply_plan`). What makes
two handles the same, and which platform a URL belongs to, is the domain's
(:mod:`smn_tui.domain.platforms`). What an import or an export reads from the
journal, and writes to it, are protocols (:mod:`ports`) the store meets. The
weekly review goes out as text, Markdown or JSON from :mod:`report`, and is
saved to a file that never replaces another by :mod:`report_files`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .export import contacts_vcard
    from .formats import IMPORT_FORMATS
    from .importer import apply_plan, prepare_import
    from .plan import ImportFormatError
    from .report import render_review

# (The exports of the journal as JSON and CSV stay in :mod:`.export`: a name here would hide the
# submodule journal_json.)
__all__ = ["IMPORT_FORMATS", "ImportFormatError", "apply_plan", "contacts_vcard", "prepare_import", "render_review"]

#: Which module each name lives in: a name loads its module when first asked for.
_MODULES = {"IMPORT_FORMATS": "formats", "ImportFormatError": "plan", "apply_plan": "importer",
            "contacts_vcard": "export", "prepare_import": "importer",
            "render_review": "report"}


def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{module}", __name__), name)
