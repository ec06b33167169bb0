from dataclasses import replace

import pytest

from smn_tui.exchange.importer import import_file
from smn_tui.exchange.merge import normalise_name, normalise_phone, platform_key

from .helpers import by_name


def test_names_match_without_case_accents_or_extra_spaces():
    assert normalise_name("  Zoë   ÅNGSTRÖM ") == normalise_name("zoe angstrom") == "zoe angstrom"
    assert normalise_name("Zoe Angstrom") != normalise_name("Zoe Angstrem")


def test_phone_numbers_match_on_their_digits():
    assert normalise_phone("+1 (555) 0100") == normalise_phone("1-555-0100") == "15550100"
    assert normalise_phone("0049 170 1234567") == normalise_phone("+49 170 1234567")
    assert normalise_phone("12") == ""  # too short to identify anyone


@pytest.mark.parametrize("platform, a, b", [
    ("linkedin", "https://www.linkedin.com/in/ada/", "in/ada"),
    ("linkedin", "http://linkedin.com/in/Ada?trk=x", "ada"),
    ("x", "https://twitter.com/linus", "@linus"),
    ("mastodon", "https://hachyderm.io/@grace", "@grace@hachyderm.io"),
    ("bluesky", "https://bsky.app/profile/alan.bsky.social", "alan.bsky.social"),
    ("email", "Ada@Example.org", "mailto:ada@example.org"),
])
def test_handles_and_urls_match_when_they_name_the_same_profile(platform, a, b):
    assert platform_key(platform, a) == platform_key(platform, b) != ""


def test_different_profiles_do_not_match():
    assert platform_key("linkedin", "in/ada") != platform_key("linkedin", "in/ada-2")
    assert platform_key("github", "grace") != platform_key("x", "grace")


CARDS = """BEGIN:VCARD
VERSION:3.0
FN:A. Lovelace
EMAIL:ADA@EXAMPLE.ORG
CATEGORIES:poet
NOTE:Likes poetry
X-SMN-HOW-MET:Somewhere else
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Katherine J.
TEL:+1-555-0100
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:grace  HOPPER
X-SOCIALPROFILE;TYPE=twitter:https://x.com/amazing_grace
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Línus Pauling
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ada Lovelace
X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/another-ada
END:VCARD
"""


def test_merge_adds_and_never_overwrites(seeded, tmp_path):
    store, people = seeded
    store.update_contact(replace(people["Grace"], notes="Keep this note"))
    path = tmp_path / "cards.vcf"
    path.write_text(CARDS, encoding="utf-8")
    summary = import_file(store, "vcard", path)
    assert (summary.added, summary.merged, summary.unchanged) == (1, 2, 2)  # Katherine, Linus: nothing new
    now = by_name(store)
    ada = store.get_contact(people["Ada"].id)
    assert ada.tags == ["mentor", "math", "poet"]
    assert ada.notes == "Likes poetry"
    assert ada.how_met == "Met at a conference"  # kept, not overwritten
    assert ada.platforms == people["Ada"].platforms  # the email was already there
    kj = store.get_contact(people["Katherine"].id)
    assert kj.name == "Katherine Johnson"  # matched by phone; the name is not replaced
    assert "Katherine J." not in now
    grace = store.get_contact(people["Grace"].id)
    assert grace.notes == "Keep this note"
    assert ("x", "https://x.com/amazing_grace") in [(p.platform, p.handle) for p in grace.platforms]
    # Linus matched by name but brought nothing new; the second Ada has another LinkedIn profile,
    # so she is someone else with the same name.
    assert len([c for c in store.contacts() if c.name == "Ada Lovelace"]) == 2
    assert store.get_contact(people["Linus"].id).platforms == people["Linus"].platforms


def test_notes_are_appended_once(seeded, tmp_path):
    store, people = seeded
    store.update_contact(replace(people["Hedy"], notes="Inventor"))
    path = tmp_path / "hedy.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Hedy Lamarr\nNOTE:Actress\nEND:VCARD\n", encoding="utf-8")
    import_file(store, "vcard", path)
    assert store.get_contact(people["Hedy"].id).notes == "Inventor\n\nActress"
    before = store.export_tables()
    second = import_file(store, "vcard", path)
    assert (second.added, second.merged, second.unchanged) == (0, 0, 1)
    assert store.export_tables() == before
