from dataclasses import replace

import pytest

from smn_tui.exchange.importer import import_file
from smn_tui.exchange.match import identity_keys, names_compatible, normalise_name

from ...exchange.helpers import by_name


def test_names_match_without_case_accents_or_extra_spaces():
    assert normalise_name("  Zoë   ÅNGSTRÖM ") == normalise_name("zoe angstrom") == "zoe angstrom"
    assert normalise_name("Zoe Angstrom") != normalise_name("Zoe Angstrem")


@pytest.mark.parametrize("a, b", [
    ("Katherine J.", "Katherine Johnson"), ("K. Johnson", "Katherine Johnson"), ("Ada", "Ada Lovelace"),
    ("ada lovelace", "Ada  Lovelace"), ("ada@example.org", "Ada Lovelace"), ("+34 663 12 34 56", "Ana"),
])
def test_names_that_may_be_one_person(a, b):
    assert names_compatible(a, b) and names_compatible(b, a)


@pytest.mark.parametrize("a, b", [("John Doe", "Mary Doe"), ("Kate Johnson", "Katherine Johnson"),
                                  ("Ada Lovelace", "Grace Hopper")])
def test_names_of_two_people(a, b):
    assert not names_compatible(a, b)


def test_only_strong_keys_identify_anyone():
    keys = identity_keys([("email", "Ada@Example.org"), ("phone", "+34 663 12 34 56"), ("phone", "5555"),
                          ("phone", "IBERDROLA"), ("other", "https://acme.example"), ("in person", ""),
                          ("github", "https://github.com/Ada")])
    assert [(k.kind, k.value) for k in keys] == [("email", "ada@example.org"), ("phone", "+34663123456"),
                                                 ("h:github", "ada")]


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
TEL:+44-20-7946-0100
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
    store.update_contact(replace(people["Katherine"], platforms=[("phone", "+44 20 7946 0100")]))
    path = tmp_path / "cards.vcf"
    path.write_text(CARDS, encoding="utf-8")
    summary = import_file(store, "vcard", path)
    assert (summary.added, summary.merged, summary.unchanged) == (1, 2, 2)  # Katherine, Linus: nothing new
    assert [str(m) for m in summary.matches] == [
        "line 1: A. Lovelace -> Ada Lovelace (the same e-mail ada@example.org)",
        "line 9: Katherine J. -> Katherine Johnson (the same phone number +442079460100 and a name that fits)",
        "line 14: grace HOPPER -> Grace Hopper (the same name)",
        "line 19: Línus Pauling -> Linus Pauling (the same name)",
    ]
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
