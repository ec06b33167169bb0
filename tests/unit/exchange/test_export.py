import csv
import io
from dataclasses import replace

import orjson
import pytest

from smn_tui.domain.models import SCHEMA_VERSION
from smn_tui.exchange.export import journal_csv, journal_json, neutralise
from smn_tui.exchange.importer import import_file
from smn_tui.exchange.plan import ImportFormatError
from smn_tui.storage.store import JournalStore


def test_json_export_is_every_table_under_a_schema_header(seeded):
    store, _ = seeded
    body = orjson.loads(journal_json(store))
    assert body["smn_export"]["schema"] == SCHEMA_VERSION
    assert body["smn_export"]["format"] == "smn-journal"
    tables = store.export_tables()
    for name in ("contacts", "interactions", "acts", "audits"):
        assert body[name] == tables[name]
    assert store.count("audits") > 0 and store.count("acts") > 0


def test_json_round_trip_into_an_empty_journal_is_exact(seeded, tmp_path):
    store, _ = seeded
    path = tmp_path / "journal-export.json"
    path.write_bytes(journal_json(store))
    fresh = JournalStore(tmp_path / "fresh" / "journal.json")
    summary = import_file(fresh, "json", path)
    assert not summary.skipped
    assert fresh.export_tables() == store.export_tables()
    fresh.close()
    reopened = JournalStore(tmp_path / "fresh" / "journal.json")  # and it survives a reopen
    assert reopened.export_tables() == store.export_tables()
    reopened.close()


def test_json_import_into_the_same_journal_changes_nothing(seeded, tmp_path):
    store, _ = seeded
    path = tmp_path / "journal-export.json"
    path.write_bytes(journal_json(store))
    before = store.export_tables()
    summary = import_file(store, "json", path)
    assert (summary.added, summary.merged, summary.interactions, summary.acts, summary.audits) == (0, 0, 0, 0, 0)
    assert store.export_tables() == before


def test_json_that_is_not_an_export_is_refused(store, tmp_path):
    path = tmp_path / "other.json"
    path.write_bytes(b'{"contacts": {}}')
    with pytest.raises(ImportFormatError, match="header is missing"):
        import_file(store, "json", path)
    path.write_bytes(b'{"smn_export": {"format": "smn-journal", "schema": 99}}')
    with pytest.raises(ImportFormatError, match="newer smn"):
        import_file(store, "json", path)
    path.write_bytes(b'{"smn_export": ')
    with pytest.raises(ImportFormatError, match="not valid JSON"):
        import_file(store, "json", path)
    assert store.count("contacts") == 0


@pytest.mark.parametrize("cell", ["=1+1", "+44 20", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_neutralised(cell):
    assert neutralise(cell) == "'" + cell


def test_plain_cells_are_left_alone():
    assert neutralise("Ada") == "Ada" and neutralise(None) == "" and neutralise(7) == "7"


def test_csv_export_has_one_file_per_kind_and_no_live_formulas(seeded):
    store, people = seeded
    store.update_contact(replace(people["Ada"], notes="=HYPERLINK(\"http://evil\")", tags=["mentor"]))
    files = journal_csv(store)
    assert sorted(files) == ["acts.csv", "audits.csv", "contacts.csv", "interactions.csv"]
    for name, blob in files.items():
        assert blob.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(blob.decode("utf-8-sig"), newline="")))
        kind = name.removesuffix(".csv")
        assert len(rows) - 1 == store.count(kind)
        for row in rows[1:]:
            assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in row)
    contacts = list(csv.DictReader(io.StringIO(files["contacts.csv"].decode("utf-8-sig"), newline="")))
    ada = next(r for r in contacts if r["name"] == "Ada Lovelace")
    assert ada["notes"] == "'=HYPERLINK(\"http://evil\")"
    kj = next(r for r in contacts if r["name"] == "Katherine Johnson")
    assert kj["platforms"] == "phone:+1 555 0100"  # inside a cell, '+' is harmless: it is not first


def test_json_import_remaps_entries_to_the_matching_contact(seeded, tmp_path):
    from datetime import date

    from smn_tui.domain.models import Contact, Interaction

    store, people = seeded
    other = JournalStore(tmp_path / "other" / "journal.json")
    ada2 = Contact("Ada L.", platforms=[("email", "ADA@example.org")], tags=["poet"])
    other.add_many([ada2, Interaction([ada2.id], date(2026, 11, 20), kind="message", note="From the laptop")])
    path = tmp_path / "laptop.json"
    path.write_bytes(journal_json(other))
    other.close()
    summary = import_file(store, "json", path)
    assert (summary.added, summary.merged, summary.interactions) == (0, 1, 1)
    ada = store.get_contact(people["Ada"].id)
    assert ada.name == "Ada Lovelace" and "poet" in ada.tags
    assert "From the laptop" in [i.note for i in store.interactions_for(ada.id)]


@pytest.mark.parametrize("where", [
    '"audits": {"a": {"id": "a", "week": "2026-W48", "answers": {"q": %s}}}',
    '"contacts": {"a": {"id": "a", "name": "A", "notes": %s}}',
])
def test_json_nested_600_levels_is_one_clear_refusal(journal_path, tmp_path, where):
    import io

    from smn_tui.cli import main

    path = tmp_path / "deep.json"
    deep = "[" * 600 + "]" * 600
    path.write_text('{"smn_export": {"format": "smn-journal", "schema": 2}, ' + where % deep + "}")
    out, err = io.StringIO(), io.StringIO()
    assert main(["import", "json", str(path), "--db", str(journal_path)], out=out, err=err) == 1
    assert err.getvalue() == ("smn: deep.json: This is not an smn JSON export: it nests values more than 64 "
                              "levels deep, which no smn record does. Nothing was imported.\n")
    assert out.getvalue() == "" and not journal_path.parent.exists()
