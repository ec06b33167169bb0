from datetime import date

import pytest

from smn_tui.exchange import linkedin
from smn_tui.exchange.importer import import_file
from smn_tui.exchange.plan import ImportFormatError

from ...exchange.bigfile import connections_csv
from ...exchange.helpers import by_name, fixture, folder_bytes


@pytest.mark.parametrize("name", ["Connections.csv", "Connections-bom-crlf.csv"])
def test_reads_a_real_looking_export(name):
    parsed = linkedin.parse(fixture(name).read_bytes())
    names = [p.name for p in parsed.people]
    assert names == ["Ada Lovelace", "Zoë Ångström", "Ada Lovelace", "小龙 李", "Bad Date"]
    ada, zoe = parsed.people[0], parsed.people[1]
    assert ada.line == 5
    assert ada.platforms == [("linkedin", "https://www.linkedin.com/in/ada-lovelace")]
    assert ada.notes == "Mathematician at Analytical Engines, Ltd"  # the quoted comma stays in one field
    assert ada.connected_on == date(2026, 11, 24)
    assert zoe.platforms[1] == ("email", "zoe@example.org")
    assert zoe.notes == "Researcher and teacher at Université de Lyon"  # a newline inside a quoted field
    assert zoe.connected_on == date(2025, 2, 3)
    assert [str(s) for s in parsed.skipped] == ["line 9: no name, organisation, e-mail address or phone number",
                                                "line 10: 2 field(s), expected 7"]
    assert [s.line for s in parsed.warnings] == [12]
    assert parsed.people[-1].connected_on is None


def test_import_adds_people_and_passive_connection_entries(store):
    summary = import_file(store, "linkedin", fixture("Connections.csv"))
    assert (summary.added, summary.duplicates, len(summary.skipped)) == (4, 1, 2)
    people = by_name(store)
    ada = people["Ada Lovelace"]
    # the duplicate row (same profile, trailing slash) adds the email it had, nothing else
    assert [(p.platform, p.handle) for p in ada.platforms] == [
        ("linkedin", "https://www.linkedin.com/in/ada-lovelace"), ("email", "ada@example.org")]
    assert ada.how_met == "LinkedIn"
    entries = store.interactions_for(ada.id)
    assert len(entries) == 1
    assert (entries[0].kind, entries[0].platform, entries[0].real, entries[0].on) == (
        "new connection", "linkedin", False, date(2026, 11, 24))
    assert store.interactions_for(people["Bad Date"].id) == []
    assert store.count("interactions") == 3


def test_importing_the_same_file_twice_changes_nothing(store):
    import_file(store, "linkedin", fixture("Connections.csv"))
    before = store.export_tables()
    again = import_file(store, "linkedin", fixture("Connections-bom-crlf.csv"))
    assert (again.added, again.merged, again.interactions) == (0, 0, 0)
    assert again.unchanged == 4
    assert store.export_tables() == before


def test_dry_run_writes_nothing(seeded, journal_path):
    store, _ = seeded
    before = folder_bytes(journal_path.parent)
    summary = import_file(store, "linkedin", fixture("Connections.csv"), dry_run=True)
    assert summary.dry_run and summary.added == 4
    assert folder_bytes(journal_path.parent) == before


@pytest.mark.parametrize("name, message", [
    ("google.csv", "not a LinkedIn Connections.csv"),
    ("binary.bin", "binary"),
    ("empty.csv", "empty"),
])
def test_a_file_of_another_kind_is_refused_and_nothing_is_written(seeded, journal_path, name, message):
    store, _ = seeded
    before = folder_bytes(journal_path.parent)
    with pytest.raises(ImportFormatError, match=message):
        import_file(store, "linkedin", fixture(name))
    assert folder_bytes(journal_path.parent) == before


def test_a_big_export_imports_in_one_commit(store, journal_path):
    # 3,000 rows keep the suite fast; `python -m tests.exchange.bigfile` times 30,000.
    path = journal_path.parent / "Connections.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(connections_csv(3000))
    seen = []
    summary = import_file(store, "linkedin", path, progress=lambda done, total: seen.append((done, total)))
    assert summary.added == 3000 and summary.interactions == 3000
    assert seen[0] == (1000, 3000) and seen[-1] == (3000, 3000)
    log = journal_path.with_name(journal_path.name + ".log").read_bytes()
    assert log.count(b'"seq":') == 1  # one durable commit
