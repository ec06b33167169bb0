import io
import time
from datetime import UTC, date
from datetime import time as clock

import pytest

from smn_tui.cli import main
from smn_tui.domain.models import Contact
from smn_tui.exchange import ics
from smn_tui.exchange.importer import detect_kind, import_file
from smn_tui.exchange.plan import ImportFormatError, ImportOptions
from smn_tui.storage.store import JournalStore

from ...exchange.helpers import by_name, folder_bytes, import_twice_and_round_trip, real

TODAY = date(2026, 11, 25)
CALENDAR = real("calendar.ics")


@pytest.fixture(autouse=True)
def madrid():
    """The calendar's times read in Madrid, whatever the machine's own zone."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Europe/Madrid")
        time.tzset()
        yield
    time.tzset()


PEOPLE = [("Ada Lovelace", "ada@example.org"), ("Grace Hopper", "grace@navy.example"),
          ("Hedy Lamarr", "hedy@example.org"), ("Linus Pauling", "linus@example.org")]


@pytest.fixture
def contacts(store):
    store.add_many([Contact(name, platforms=[("email", mail)]) for name, mail in PEOPLE])
    return store


def interactions(store):
    names = store.contact_names()
    docs = store.export_tables()["interactions"].values()
    return sorted((d["on"], d["at"], d["kind"], d["platform"], d["note"], [names[c] for c in d["contact_ids"]])
                  for d in docs)


def test_meetings_with_contacts_become_journal_entries(contacts, tmp_path):
    summary = import_twice_and_round_trip(contacts, "ics", CALENDAR, tmp_path, today=TODAY)
    assert interactions(contacts) == [
        ("2026-11-05", None, "event", "in person", "PyCon", ["Ada Lovelace"]),  # all day, in Lisbon
        ("2026-11-10", "16:00:00", "meeting", "zoom", "Weekly sync", ["Grace Hopper"]),  # 15:00 UTC
        ("2026-11-18", "09:30:00", "meeting", "in person", "Coffee with Ada", ["Ada Lovelace"]),
        ("2026-11-19", "13:30:00", "meeting", "", "Lunch", ["Hedy Lamarr"]),  # Linus declined
        ("2026-11-24", "18:00:00", "meeting", "google meet", "Weekly sync (moved)", ["Grace Hopper"]),
    ]  # the 17th is an exception, 1 Dec and 10 Dec have not happened, the dinner was cancelled
    assert (summary.rows, summary.interactions, summary.added) == (7, 5, 0)
    assert summary.not_in_journal == ("dana@example.com (Dana Scott): 2 event(s)",)
    assert [str(s) for s in summary.skipped] == ["line 54: 'Dinner' was cancelled",
                                                 "line 77: 'Planning 2027' on 10 Dec 2026 has not happened yet"]
    text = summary.describe()
    assert "5 meetings and events in the journal" in text
    assert "not in the journal: 1 attendee(s) (import with --new to add them)" in text


def test_entry_ids_come_from_the_event_uid(contacts):
    summary = import_file(contacts, "ics", CALENDAR, options=ImportOptions(today=TODAY))
    assert summary.interactions == 5
    coffee = ics.entry_id("coffee-1@example.org", date(2026, 11, 18)) != ics.entry_id("coffee-1@example.org",
                                                                                       date(2026, 11, 19))
    assert coffee
    ids = set(contacts.export_tables()["interactions"])
    from datetime import datetime

    assert ics.entry_id("sync-7@example.org", datetime(2026, 11, 24, 15, tzinfo=UTC)) in ids  # moved: kept


def test_with_new_attendees_become_contacts_but_not_the_owner_rooms_or_decliners(contacts, tmp_path):
    summary = import_twice_and_round_trip(contacts, "ics", CALENDAR, tmp_path, today=TODAY, create_new=True)
    assert summary.added == 1 and not summary.not_in_journal
    dana = by_name(contacts)["Dana Scott"]
    assert [(p.platform, p.handle) for p in dana.platforms] == [("email", "dana@example.com")]
    assert dana.how_met == "PyCon, 05 Nov 2026"
    assert ("2026-11-10", "16:00:00", "meeting", "zoom", "Weekly sync", ["Grace Hopper", "Dana Scott"]) \
        in interactions(contacts)
    assert sorted(by_name(contacts)) == ["Ada Lovelace", "Dana Scott", "Grace Hopper", "Hedy Lamarr", "Linus Pauling"]


def test_the_owner_named_with_me_is_never_added(contacts, tmp_path):
    path = tmp_path / "outlook.ics"
    path.write_bytes(CALENDAR.read_bytes().replace(b"X-WR-CALNAME:me@example.org\r\n", b""))
    options = ImportOptions(today=TODAY, create_new=True, me=("ME@example.org",))
    summary = import_file(contacts, "ics", path, options=options)
    assert sorted(c.name for c in contacts.contacts()) == sorted([n for n, _ in PEOPLE] + ["Dana Scott"])
    assert summary.added == 1


def test_a_calendar_is_detected_and_a_broken_one_is_one_clear_error(contacts, journal_path, tmp_path):
    assert detect_kind("x.txt", CALENDAR.read_bytes()) == "ics"
    path = tmp_path / "broken.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\nthis is no content line\r\nEND:VCALENDAR\r\n")
    before = folder_bytes(journal_path.parent)
    out, err = io.StringIO(), io.StringIO()
    code = main(["import", "ics", str(path), "--db", str(journal_path)], today=TODAY, out=out, err=err)
    assert code == 1 and err.getvalue().startswith("smn: broken.ics: ") and err.getvalue().count("\n") == 1
    assert folder_bytes(journal_path.parent) == before
    with pytest.raises(ImportFormatError, match=r"It looks like a \.vcf file"):
        import_file(contacts, "ics", real("groups.vcf"))


def test_the_command_line_lists_strangers_then_adds_them_with_new(contacts, journal_path):
    contacts.close()
    out, err = io.StringIO(), io.StringIO()
    code = main(["import", "ics", str(CALENDAR), "--dry-run", "--db", str(journal_path)], today=TODAY, out=out, err=err)
    assert code == 0, err.getvalue()
    assert "    dana@example.com (Dana Scott): 2 event(s)" in out.getvalue()
    code = main(["import", "ics", str(CALENDAR), "--new", "--db", str(journal_path)], today=TODAY,
                out=io.StringIO(), err=io.StringIO())
    assert code == 0
    with JournalStore(journal_path) as store:
        assert "Dana Scott" in by_name(store) and store.count("interactions") == 5
    err = io.StringIO()
    assert main(["import", "vcard", str(real("groups.vcf")), "--new", "--db", str(journal_path)], today=TODAY,
                out=io.StringIO(), err=err) == 1
    assert err.getvalue() == "smn: --new and --me are for calendars (smn import ics).\n"


def test_a_weekly_event_repeats_until_today_and_no_more_than_the_bound(contacts, tmp_path, monkeypatch):
    monkeypatch.setattr(ics, "MOST_OCCURRENCES", 5)
    path = tmp_path / "weekly.ics"
    path.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:w@x\r\nDTSTART:20260105T090000\r\n"
                    "RRULE:FREQ=WEEKLY\r\nSUMMARY:Standup\r\nATTENDEE:mailto:ada@example.org\r\n"
                    "END:VEVENT\r\nEND:VCALENDAR\r\n")
    summary = import_file(contacts, "ics", path, options=ImportOptions(today=date(2026, 1, 20)))
    assert [i[0] for i in interactions(contacts)] == ["2026-01-05", "2026-01-12", "2026-01-19"]
    summary = import_file(contacts, "ics", path, options=ImportOptions(today=TODAY))
    assert summary.interactions == 2 and summary.unchanged == 3  # the bound, not the whole year
    assert [str(w) for w in summary.warnings] == [
        "line 2: 'Standup' repeats more than 5 times; the later ones are left out"]
    assert all(i[1] == "09:00:00" for i in interactions(contacts))  # a floating time is kept as written
    assert clock(9) == contacts.interactions_for(by_name(contacts)["Ada Lovelace"].id)[0].at


@pytest.mark.parametrize("text, platform", [
    ("https://us02web.zoom.us/j/123", "zoom"), ("<https://meet.google.com/abc>", "google meet"),
    ("Teams: https://teams.microsoft.com/l/meetup-join/x", "teams"), ("https://example.org/room", None),
    ("Room 4", None),
])
def test_video_links_name_their_service(text, platform):
    assert ics.video_platform(text) == platform


def test_an_event_that_cannot_be_read_is_skipped_with_its_line(contacts, tmp_path):
    path = tmp_path / "damaged.ics"
    path.write_text("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:not a date\r\nSUMMARY:Odd\r\n"
                    "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261101T100000\r\nSUMMARY:Fine\r\n"
                    "ATTENDEE:mailto:ada@example.org\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:c\r\n")
    summary = import_file(contacts, "ics", path, options=ImportOptions(today=TODAY))
    assert summary.interactions == 1 and summary.rows == 3
    assert str(summary.skipped[0]).startswith("line 2: 'Odd': DTSTART cannot be read (")
    assert str(summary.skipped[1]) == "line 13: event has no END:VEVENT (the file may be cut short)"


@pytest.mark.parametrize("value", ["123000", "P1D", "20261101T100000/PT1H"])  # a time, a duration, a period
def test_a_start_that_is_no_date_skips_its_event_and_moves_nothing(contacts, tmp_path, value):
    path = tmp_path / "odd.ics"
    path.write_text("BEGIN:VCALENDAR\r\n"
                    f"BEGIN:VEVENT\r\nUID:a\r\nDTSTART:{value}\r\nSUMMARY:Odd start\r\n"
                    "ATTENDEE:mailto:ada@example.org\r\nEND:VEVENT\r\n"
                    "BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261101T100000\r\nSUMMARY:Fine\r\n"
                    "ATTENDEE:mailto:ada@example.org\r\nEND:VEVENT\r\n"
                    f"BEGIN:VEVENT\r\nUID:b\r\nDTSTART:20261102T100000\r\nRECURRENCE-ID:{value}\r\n"
                    "SUMMARY:Odd move\r\nATTENDEE:mailto:ada@example.org\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    summary = import_file(contacts, "ics", path, options=ImportOptions(today=TODAY))
    assert [s for _, _, _, _, s, _ in interactions(contacts)] == ["Fine"]
    assert [str(s) for s in summary.skipped] == [
        "line 2: event cannot be read (its DTSTART is not a date or a date and time)",
        "line 14: event cannot be read (its RECURRENCE-ID is not a date or a date and time)",
    ]
