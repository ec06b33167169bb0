from datetime import date

import pytest

from smn_tui.exchange import outlook
from smn_tui.exchange.importer import detect_kind, import_file
from smn_tui.exchange.plan import ImportFormatError

from ...exchange.helpers import by_name, fixture, folder_bytes, import_twice_and_round_trip, real


def test_reads_outlooks_own_export():
    parsed = outlook.parse(real("outlook.csv").read_bytes())
    gustav, helga, ines, grace = parsed.people
    assert gustav.name == "Gustav Larsen"  # 'Title' is the honorific, not part of the name
    # the company's main number and the fax are not his; the mobile comes first
    assert gustav.platforms == [("email", "gustav@example.dk"), ("email", "g.larsen@work.example"),
                                ("phone", "+4520123456"), ("phone", "+4532123456"),
                                ("github", "https://github.com/glarsen")]
    assert gustav.notes == "Designer at Larsen & Søn\nPrefers mornings"  # a Windows-1252 file
    assert gustav.tags == ["work", "design"] and gustav.birthday == date(1980, 3, 14)
    assert helga.name == "helga@example.no"  # an Exchange path is no address; '0/0/00' no birthday
    assert helga.platforms == [("email", "helga@example.no")] and helga.birthday is None
    assert ines.birthday is None and [str(w) for w in parsed.warnings] == [
        "line 4: birthday 'sometime' is not a date; left out"]
    assert grace.name == "Grace Hopper"


def test_reads_googles_outlook_csv():
    (nia,) = outlook.parse(real("google-outlook.csv").read_bytes()).people
    assert nia.platforms == [("email", "nia@example.org"), ("phone", "+14155552671"),
                             ("bluesky", "https://bsky.app/profile/nia.bsky.social")]
    assert nia.tags == ["friends"] and nia.birthday == date(1991, 4, 2) and nia.notes == "Book club"


def test_import_twice_and_round_trip(seeded, tmp_path):
    store, _ = seeded
    summary = import_twice_and_round_trip(store, "outlook", real("outlook.csv"), tmp_path)
    assert summary.added == 3
    assert [str(m) for m in summary.matches] == ["line 5: Grace Hopper (the same name)"]
    assert by_name(store)["Gustav Larsen"].birthday == date(1980, 3, 14)


@pytest.mark.parametrize("name", ["outlook.csv", "google-outlook.csv"])
def test_outlook_files_are_detected(name):
    assert detect_kind(name, real(name).read_bytes()) == "outlook"


def test_a_google_csv_is_not_an_outlook_csv_and_the_message_says_what_it_is(store, journal_path):
    before = folder_bytes(journal_path.parent)
    with pytest.raises(ImportFormatError) as caught:
        import_file(store, "outlook", fixture("google.csv"))
    assert str(caught.value) == (
        "This is not an Outlook CSV: the first row has no 'First Name' and 'E-mail Address' columns. "
        "Nothing was imported. It looks like a Google Contacts CSV (Google CSV): import it as 'google'.")
    assert folder_bytes(journal_path.parent) == before
