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
