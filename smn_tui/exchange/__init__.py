"""Bringing people in (LinkedIn, Google Contacts, vCard, smn JSON) and taking the journal out.

No Textual here: the command line and the app's import dialog share these
functions. An import is planned first (:func:`importer.plan_import`), shown,
then applied in one durable commit (:func:`importer.apply_plan`).
"""
