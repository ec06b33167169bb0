from datetime import date

import pytest

from smn_tui.domain.birthdays import MonthDay
from smn_tui.domain.models import Contact
from smn_tui.exchange import vcard
from smn_tui.exchange.export import contacts_vcard
from smn_tui.exchange.importer import import_file
from smn_tui.exchange.plan import ImportFormatError
from smn_tui.exchange.vcard import contact_card
from smn_tui.storage.store import JournalStore

from ...exchange.helpers import by_name, contact_shape, fixture


def test_reads_cards_from_phones_and_mail_apps():
    parsed = vcard.parse(fixture("contacts.vcf").read_bytes())
    jurgen, ada, broken, zoe, ada_again = parsed.people
    # vCard 2.1: quoted-printable UTF-8, a soft line break, a comma that is not escaped
    assert jurgen.name == "Jürgen Müller"
    assert jurgen.notes == "Kocht gern\nFährt Rad, sehr gern"
    assert jurgen.platforms == [("phone", "+491701234567")]  # a valid number, kept in E.164
    # vCard 3.0: folded note, escapes, social profiles by type, service and host
    assert ada.line == 9
    assert ada.platforms == [
        ("email", "ada@example.org"), ("linkedin", "https://www.linkedin.com/in/ada-lovelace"),
        ("x", "https://twitter.com/ada"), ("github", "ada"), ("mastodon", "https://mastodon.social/@ada")]
    assert ada.tags == ["friends", "work-stuff"]
    assert ada.birthday == MonthDay(12, 10)  # BDAY:--1210, kept without a year
    assert ada.notes.endswith("Wrote the first program; a long note that is folded across two lines, as mail apps do.")
    assert "Birthday" not in ada.notes
    assert ada.notes.startswith("Mathematician at Analytical Engines, Ltd")
    # vCard 4.0: non-ASCII, tel: URI, Bluesky
    assert zoe.name == "Zoë Ångström" and zoe.birthday == date(1990, 5, 17)
    assert ("phone", "+33612345678") in zoe.platforms
    assert ("bluesky", "https://bsky.app/profile/zoe.bsky.social") in zoe.platforms
    assert ada_again.name == "ada lovelace"
    # a line that is no property is left out, and the card is kept
    assert broken.name == "Broken Card"
    assert [str(w) for w in parsed.warnings] == [
        "line 28: 'this line is not a property' is not a vCard property; left out"]
    assert [str(s) for s in parsed.skipped] == [
        "line 44: card skipped: no name, organisation, e-mail address or phone number"]


def test_import_merges_the_second_ada_into_the_first(store):
    summary = import_file(store, "vcard", fixture("contacts.vcf"))
    assert (summary.added, summary.duplicates, len(summary.skipped)) == (4, 1, 1)
    assert [str(m) for m in summary.matches] == [
        "line 38: ada lovelace -> Ada Lovelace (the same e-mail ada@example.org)"]
    ada = by_name(store)["Ada Lovelace"]
    assert ("phone", "+442079460000") in [(p.platform, p.handle) for p in ada.platforms]
    assert [p.platform for p in ada.platforms].count("email") == 1  # ADA@example.org is the same address


def test_a_csv_is_not_a_vcard(store):
    with pytest.raises(ImportFormatError, match="not a vCard"):
        import_file(store, "vcard", fixture("google.csv"))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vcard_round_trip_gives_the_same_contacts(seeded, tmp_path, version):
    store, _ = seeded
    odd = Contact("Zoë [bold]O'Brien[/], Jr; x", platforms=[("in person", ""), ("other", "https://example.org/z"),
                                                          ("email", "zoe@example.org"), ("phone", "+34663123456"),
                                                          ("mastodon", "@zoe@hachyderm.io")],
                  tags=["café", "a.b"], notes="Line one\nLine two, with; punctuation\\ and a very long tail " * 3,
                  birthday=date(1990, 2, 28), how_met="A workshop")
    twin = Contact("Ada Lovelace")  # a second Ada with nothing to tell them apart stays a second Ada
    store.add_many([odd, twin])
    out = tmp_path / "contacts.vcf"
    out.write_bytes(contacts_vcard(store, version=version))
    assert out.read_text("utf-8").count(f"VERSION:{version}") == store.count("contacts")
    fresh = JournalStore(tmp_path / "fresh" / "journal.json")
    summary = import_file(fresh, "vcard", out)
    assert [str(m) for m in summary.matches] == []
    assert summary.added == store.count("contacts") and not summary.skipped and not summary.warnings
    assert contact_shape(fresh) == contact_shape(store)
    again = import_file(fresh, "vcard", out)  # and a second time changes nothing
    assert (again.added, again.merged, again.unchanged) == (0, 0, store.count("contacts"))
    assert contact_shape(fresh) == contact_shape(store)
    fresh.close()


@pytest.mark.parametrize("name, n", [
    ("Abayomi Sule (MBBS, MBA)", "Sule;Abayomi;;;"),
    ("Dr. Martin Luther King Jr.", "King;Martin;Luther;Dr.;Jr."),
    ("Jean-Claude Van Damme", "Van Damme;Jean-Claude;;;"),
    ("Madonna", ";Madonna;;;"),
    ("小龙 李", ";小龙 李;;;"),  # no Latin letters: no guess at which word is the family name
    ("ada@example.org", ";ada@example.org;;;"),
])
def test_the_structured_name_is_read_as_a_name(name, n):
    from smn_tui.exchange.vcard_write import structured_name

    assert structured_name(name) == n


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_export_lines_fit_75_octets_and_unfold_to_the_value(version):
    from smn_tui.exchange.vcard_lines import logical_lines

    note = "Ça va? Überall ünïcödé — 日本語のメモ " * 20
    card = contact_card(Contact("Zoë Ångström", notes=note, platforms=[("other", "https://example.org/" + "x" * 200)]),
                        version)
    assert all(len(line.encode("utf-8")) <= 75 for line in card.split("\r\n"))
    assert card.endswith("END:VCARD\r\n") and "\n" not in card.replace("\r\n", "")
    values = dict(line.split(":", 1) for _, line in logical_lines(card) if ":" in line)
    assert values["NOTE"] == note.strip().replace(",", "\\,")
    assert values["URL"] == "https://example.org/" + "x" * 200


def test_export_writes_websites_as_url_profiles_as_social_profiles_and_numbers_as_tel():
    contact = Contact("Ada Lovelace", platforms=[
        ("other", "https://ada.example.org"), ("github", "ada"), ("linkedin", "https://www.linkedin.com/in/ada"),
        ("in person", ""), ("phone", "+34 663 12 34 56"), ("email", "ada@example.org")])
    v3 = contact_card(contact, "3.0").split("\r\n")
    assert "URL:https://ada.example.org" in v3
    assert "X-SOCIALPROFILE;TYPE=github:ada" in v3
    assert "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/ada" in v3
    assert 'X-SMN-PLATFORM;TYPE="in person":' in v3
    assert "TEL:+34 663 12 34 56" in v3 and "EMAIL;TYPE=INTERNET:ada@example.org" in v3
    v4 = contact_card(contact, "4.0").split("\r\n")
    assert "TEL;VALUE=uri:tel:+34663123456" in v4 and "EMAIL:ada@example.org" in v4
    assert not any("\\:" in line for line in v3 + v4)


def test_export_vcard_version_option(journal_path, tmp_path):
    import io

    from smn_tui.cli import main

    from ...exchange.seed_store import seeded_journal

    seeded_journal(journal_path)
    for version in ("3.0", "4.0"):
        out, err = io.StringIO(), io.StringIO()
        args = ["export", "vcard", "--db", str(journal_path)] + (["--vcard-version", version] if version != "3.0"
                                                                else [])
        assert main(args, out=out, err=err) == 0, err.getvalue()
        assert out.getvalue().count(f"VERSION:{version}") == 12


@pytest.mark.parametrize("charset", ["base64", "no-such-charset", "utf\udcbb8", "ISO-8859-1"])
def test_any_charset_a_card_names_is_read_or_refused_for_that_property_only(charset):
    raw = ("BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=" + charset + ";ENCODING=QUOTED-PRINTABLE:Ren=E9e\r\n"
           "EMAIL:renee@example.fr\r\nEND:VCARD\r\n").encode("utf-8", errors="surrogateescape")
    (person,) = vcard.parse(raw).people
    assert person.name == "Renée"  # Latin-1 as named, or Windows-1252 when the name is no character set
    assert person.platforms == [("email", "renee@example.fr")]
