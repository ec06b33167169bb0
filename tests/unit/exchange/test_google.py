from datetime import date

import pytest

from smn_tui.domain.birthdays import MonthDay
from smn_tui.exchange import google
from smn_tui.exchange.importer import import_file
from smn_tui.exchange.plan import ImportFormatError

from ...exchange.helpers import by_name, fixture, folder_bytes


def test_reads_the_current_google_format():
    parsed = google.parse(fixture("google.csv").read_bytes())
    ada = parsed.people[0]
    assert ada.name == "Ada Lovelace"
    assert ada.platforms == [("email", "ada@example.org"), ("email", "ada@work.example"),
                             ("phone", "+442079460000"), ("github", "https://github.com/ada")]
    assert ada.tags == ["friends", "work-stuff"]  # '* myContacts' is Google's, not the user's
    assert ada.birthday == date(1815, 12, 10)
    assert ada.notes == 'Mathematician at Analytical Engines, Ltd\nMet at the "Difference" talk\nlikes poetry'
    grace = parsed.people[1]
    assert grace.line == 4  # Ada's notes span lines 2 and 3
    assert grace.birthday == MonthDay(12, 9) and grace.notes == ""  # a year-less birthday is kept as one
    assert [str(s) for s in parsed.skipped] == ["line 6: no name, organisation, e-mail address or phone number"]
    assert parsed.people[-1].name == "Jürgen Müller"


def test_reads_the_older_google_format():
    (kj,) = google.parse(fixture("google-old.csv").read_bytes()).people
    assert kj.name == "Katherine Johnson"
    assert ("x", "https://twitter.com/kjohnson") in kj.platforms
    assert kj.tags == ["nasa"]
    assert kj.birthday == date(1918, 8, 26)
    assert kj.notes == "Mathematician at NASA\nOrbital mechanics"


def test_import_folds_the_duplicate_row_in(store):
    summary = import_file(store, "google", fixture("google.csv"))
    assert (summary.added, summary.duplicates) == (3, 1)
    assert sorted(by_name(store)) == ["Ada Lovelace", "Grace Brewster Hopper", "Jürgen Müller"]


def test_a_linkedin_file_is_not_a_google_export(store, journal_path):
    before = folder_bytes(journal_path.parent)
    with pytest.raises(ImportFormatError, match="not a Google Contacts CSV"):
        import_file(store, "google", fixture("Connections.csv"))
    assert folder_bytes(journal_path.parent) == before
