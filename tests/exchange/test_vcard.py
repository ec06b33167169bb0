from datetime import date

import pytest

from smn_tui.domain.models import Contact
from smn_tui.exchange import vcard
from smn_tui.exchange.export import contacts_vcard
from smn_tui.exchange.importer import import_file
from smn_tui.exchange.plan import ImportFormatError
from smn_tui.storage.store import JournalStore

from .helpers import by_name, fixture


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
    assert ada.birthday is None
    assert ada.notes.endswith("Wrote the first program; a long note that is folded across two lines, as mail apps do.")
    assert "Birthday: 10 Dec (year unknown)" in ada.notes
    assert ada.notes.startswith("Mathematician at Analytical Engines, Ltd")
    # vCard 4.0: non-ASCII, tel: URI, Bluesky
    assert zoe.name == "Zoë Ångström" and zoe.birthday == date(1990, 5, 17)
    assert ("phone", "+33612345678") in zoe.platforms
    assert ("bluesky", "https://bsky.app/profile/zoe.bsky.social") in zoe.platforms
    assert ada_again.name == "ada lovelace"
    # a line that is no property is left out, and the card is kept
    assert broken.name == "Broken Card"
    assert [str(w) for w in parsed.warnings] == ["line 28: 'this line is not a property' is not a vCard property; left out"]
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


def contact_shape(store):
    """What a vCard carries of every contact: id, name, platforms, tags, notes, birthday, how met."""
    return sorted((c.id, c.name, sorted((p.platform, p.handle) for p in c.platforms), c.tags, c.notes, c.birthday,
                   c.how_met) for c in store.contacts(include_archived=True))


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
