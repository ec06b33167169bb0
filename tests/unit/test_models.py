"""Validation and conversion of the journal's records."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from smn_tui.domain.models import (
    ACT_KINDS,
    IMPACTS,
    INTERACTION_KINDS,
    PLATFORMS,
    Contact,
    HelpfulAct,
    Interaction,
    PlatformHandle,
    ValidationError,
    WeeklyAudit,
    act_kind_label,
    normalise_platform,
    platform_mark,
)

STAMP = datetime(2026, 8, 1, 9, 0, tzinfo=UTC)


def fails(field: str, build) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        build()
    assert info.value.field == field
    assert info.value.message
    assert str(info.value) == f"{field}: {info.value.message}"
    return info.value


# ------------------------------------------------------------------ Contact.name


def test_name_is_trimmed_and_inner_space_collapsed():
    assert Contact("  Ada   Lovelace \t").name == "Ada Lovelace"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_name_is_required(name):
    assert "required" in fails("name", lambda: Contact(name)).message


def test_name_at_most_200_characters():
    assert Contact("x" * 200).name == "x" * 200
    err = fails("name", lambda: Contact("x" * 201))
    assert "201" in err.message and "200" in err.message


@pytest.mark.parametrize("bad", ["Ada\nLovelace", "Ada\tL", "Ada\x00", "Ada\x1b[31m", "Ada\x7f"])
def test_name_refuses_control_characters(bad):
    assert "control" in fails("name", lambda: Contact(bad)).message


@pytest.mark.parametrize("bad", ["Ada\x9b31m", "Ada\x9d0;x\x07", "Ad\x85a", "Ada\x80", "Ada\x9f"])
def test_name_refuses_c1_control_characters(bad):
    assert "control characters (U+00" in fails("name", lambda: Contact(bad)).message


@pytest.mark.parametrize("field,build", [
    ("note", lambda t: Interaction(["c1"], date(2026, 1, 1), note=t)),
    ("note", lambda t: HelpfulAct(["c1"], date(2026, 1, 1), t)),
    ("outcome", lambda t: HelpfulAct(["c1"], date(2026, 1, 1), "x", outcome=t)),
    ("notes", lambda t: Contact("Ada", notes=t)),
    ("how_met", lambda t: Contact("Ada", how_met=t)),
    ("platforms", lambda t: Contact("Ada", platforms=[("x", t)])),
    ("platform", lambda t: Interaction(["c1"], date(2026, 1, 1), platform=t)),
])
def test_every_text_field_refuses_c1_controls(field, build):
    assert "control characters (U+009B)" in fails(field, lambda: build("a\x9bb")).message


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                  "\u2066", "\u2067", "\u2068", "\u2069",
                                  "\u200b", "\u2060", "\ufeff"])
def test_invisible_formatting_characters_are_removed(char):
    assert Contact(f"{char}Ada{char} Love{char}lace").name == "Ada Lovelace"
    assert Contact("Ada", notes=f"first{char} line").notes == "first line"
    assert Interaction(["c1"], date(2026, 1, 1), platform=f"git{char}hub").platform == "github"
    assert Contact("Ada", platforms=[("x", f"@ada{char}")]).platforms[0].handle == "@ada"


def test_a_name_of_only_invisible_characters_is_required():
    assert "required" in fails("name", lambda: Contact("\u202e\u200b\ufeff")).message


def test_joiners_stay_inside_emoji_and_words_and_go_elsewhere():
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"
    assert Contact(f"Ada {family}").name == f"Ada {family}"
    assert Contact("Ada \u2764\ufe0f\u200d\U0001f525").name == "Ada \u2764\ufe0f\u200d\U0001f525"
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # a joiner-free join in Persian
    assert Contact(persian).name == persian
    assert Contact("\u200dAda\u200c").name == "Ada"
    assert Contact("Ada \u200d Lovelace").name == "Ada Lovelace"


def test_unicode_line_separators_are_line_breaks():
    assert Contact("Ada", notes="one\u2028two\u2029three").notes == "one\ntwo\nthree"
    assert "control" in fails("name", lambda: Contact("Ada\u2028Lovelace")).message


def test_text_from_bytes_that_are_not_utf8_is_refused():
    assert "not UTF-8" in fails("name", lambda: Contact("Ada\udcff")).message
    assert "not UTF-8" in fails("note", lambda: HelpfulAct(["c1"], date(2026, 1, 1), "x\udce9")).message


def test_name_must_be_text():
    fails("name", lambda: Contact(42))


def test_markup_like_name_is_kept_verbatim():
    assert Contact("[bold red]Eve[/]").name == "[bold red]Eve[/]"


# ------------------------------------------------------------------ platforms


def test_platforms_parse_from_text_pairs_dicts_and_handles():
    c = Contact("A", platforms=["linkedin:in/a", ("GitHub", "agh"), {"platform": "Email", "handle": "a@x.org"},
                                PlatformHandle("phone", "+1 555")])
    assert [(p.platform, p.handle) for p in c.platforms] == [
        ("linkedin", "in/a"), ("github", "agh"), ("email", "a@x.org"), ("phone", "+1 555")]


def test_platform_handle_parse_keeps_colons_in_handle():
    ph = PlatformHandle.parse("mastodon:@ada@hachyderm.io")
    assert (ph.platform, ph.handle) == ("mastodon", "@ada@hachyderm.io")
    url = PlatformHandle.parse("linkedin:https://linkedin.com/in/ada")
    assert url.handle == "https://linkedin.com/in/ada"
    assert str(PlatformHandle.parse("in person")) == "in person"
    assert str(url) == "linkedin:https://linkedin.com/in/ada"


@pytest.mark.parametrize("text,platform,handle", [
    ("https://www.linkedin.com/in/ada", "linkedin", "https://www.linkedin.com/in/ada"),
    ("https://github.com/ada/", "github", "https://github.com/ada/"),
    ("http://twitter.com/ada", "x", "http://twitter.com/ada"),
    ("https://bsky.app/profile/ada.bsky.social", "bluesky", "https://bsky.app/profile/ada.bsky.social"),
    ("https://ada.example.org", "other", "https://ada.example.org"),
    ("ada@example.org", "email", "ada@example.org"),
    ("mailto:ada@example.org", "email", "ada@example.org"),
    ("+44 7700 900112", "phone", "+44 7700 900112"),
    ("tel:+1 555 0100", "phone", "+1 555 0100"),
    ("mastodon:@ada@hachyderm.io", "mastodon", "@ada@hachyderm.io"),
])
def test_platform_handle_recognises_urls_addresses_and_numbers(text, platform, handle):
    ph = PlatformHandle.parse(text)
    assert (ph.platform, ph.handle) == (platform, handle)


@pytest.mark.parametrize("alias,expected", [
    ("twitter", "x"), ("Twitter", "x"), ("li", "linkedin"), ("gh", "github"), ("bsky", "bluesky"),
    ("e-mail", "email"), ("IRL", "in person"), ("in-person", "in person"), ("  In   Person ", "in person"),
])
def test_platform_aliases_normalise(alias, expected):
    assert normalise_platform(alias) == expected
    assert PlatformHandle(alias, "h").platform == expected


def test_platform_list_is_extensible():
    c = Contact("A", platforms=["Signal:+44 7700", "matrix:@a:matrix.org"])
    assert c.platform_names == ["signal", "matrix"]
    assert "signal" not in PLATFORMS
    assert platform_mark("signal") == "Si"
    assert platform_mark("linkedin") == "in"


def test_platform_entries_are_deduplicated():
    c = Contact("A", platforms=["x:ada", "twitter:ada", "x:other"])
    assert [str(p) for p in c.platforms] == ["x:ada", "x:other"]
    assert c.platform_names == ["x"]


@pytest.mark.parametrize("bad", [":handle", "  :x", ("", "h")])
def test_platform_is_required_in_an_entry(bad):
    fails("platforms", lambda: Contact("A", platforms=[bad]))


def test_platform_too_long_or_odd_is_refused():
    fails("platforms", lambda: Contact("A", platforms=["p" * 41 + ":h"]))
    fails("platforms", lambda: Contact("A", platforms=[42]))
    fails("platforms", lambda: Contact("A", platforms=["x:ha\x00ndle"]))


def test_every_known_platform_has_a_mark():
    assert all(platform_mark(p) for p in PLATFORMS)


# ------------------------------------------------------------------ tags, cadence, birthday


def test_tags_are_normalised_and_deduplicated():
    c = Contact("A", tags=["#Mentor", "mentor", "Open Source", "ml/ai"])
    assert c.tags == ["mentor", "open-source", "ml/ai"]
    assert Contact("A", tags="a, b c").tags == ["a", "b", "c"]


@pytest.mark.parametrize("bad", ["", "#", "bad!", "t" * 61, 3])
def test_bad_tags_are_refused(bad):
    fails("tags", lambda: Contact("A", tags=[bad]))


def test_cadence_whole_days_between_1_and_3660():
    assert Contact("A", cadence_days=30).cadence_days == 30
    assert Contact("A", cadence_days=None).cadence_days is None
    assert Contact("A", cadence_days=0).cadence_days is None  # "no cadence" from a blank form field
    for bad in (-1, 3661, 1.5, "30", True):
        fails("cadence_days", lambda bad=bad: Contact("A", cadence_days=bad))


def test_birthday_optional_date():
    assert Contact("A", birthday="1990-02-28").birthday == date(1990, 2, 28)
    assert Contact("A", birthday="").birthday is None
    assert Contact("A", birthday=datetime(1990, 1, 2, 3, 4)).birthday == date(1990, 1, 2)
    fails("birthday", lambda: Contact("A", birthday="28/02/1990"))
    fails("birthday", lambda: Contact("A", birthday="1990-02-30"))


def test_a_birthday_without_its_year_is_kept_as_month_and_day():
    from smn_tui.domain.birthdays import MonthDay

    c = Contact("A", birthday="--02-03")
    assert c.birthday == MonthDay(2, 3) and c.to_doc()["birthday"] == "--02-03"
    assert Contact.from_doc(c.to_doc()).birthday == MonthDay(2, 3)
    fails("birthday", lambda: Contact("A", birthday="--02-30"))


def test_text_fields_limits_and_archived_flag():
    fails("how_met", lambda: Contact("A", how_met="m" * 2001))
    fails("notes", lambda: Contact("A", notes="bad\x00"))
    assert Contact("A", notes="line one\nline two\ttab").notes == "line one\nline two\ttab"
    assert Contact("A", notes="pasted\r\nfrom windows\r").notes == "pasted\nfrom windows"
    fails("archived", lambda: Contact("A", archived="yes"))


def test_ids_are_unique_strings():
    ids = {Contact("A").id for _ in range(50)}
    assert len(ids) == 50 and all(isinstance(i, str) and len(i) == 32 for i in ids)


# ------------------------------------------------------------------ Interaction


def test_interaction_kinds_and_prefixes():
    for kind in INTERACTION_KINDS:
        assert Interaction(["c1"], date(2026, 1, 1), kind=kind).kind == kind
    assert Interaction(["c1"], date(2026, 1, 1), kind=" Meet ").kind == "meeting"
    assert Interaction(["c1"], date(2026, 1, 1), kind="new").kind == "new connection"
    err = fails("kind", lambda: Interaction(["c1"], date(2026, 1, 1), kind="telepathy"))
    assert "new connection" in err.message


def test_interaction_needs_contacts_and_a_date():
    fails("contacts", lambda: Interaction([], date(2026, 1, 1)))
    fails("contacts", lambda: Interaction([""], date(2026, 1, 1)))
    fails("contacts", lambda: Interaction([7], date(2026, 1, 1)))
    fails("date", lambda: Interaction(["c1"], "yesterday"))
    assert Interaction(["c1", "c1", "c2"], "2026-01-01").contact_ids == ["c1", "c2"]


def test_interaction_time_platform_real_note():
    i = Interaction(["c1"], "2026-01-01", at="09:30", platform="Twitter", real=False, note="  liked  ")
    assert (i.at, i.platform, i.real, i.note) == (time(9, 30), "x", False, "liked")
    fails("time", lambda: Interaction(["c1"], "2026-01-01", at="9h"))
    fails("real", lambda: Interaction(["c1"], "2026-01-01", real="no"))
    fails("note", lambda: Interaction(["c1"], "2026-01-01", note="\x01"))


# ------------------------------------------------------------------ HelpfulAct


def test_act_kinds_labels_and_impacts():
    for kind in ACT_KINDS:
        assert HelpfulAct(["c"], "2026-01-01", "n", kind=kind).kind == kind
    assert HelpfulAct(["c"], "2026-01-01", "n", kind="share").kind == "amplify"
    assert HelpfulAct(["c"], "2026-01-01", "n", kind="listening").kind == "time"
    assert HelpfulAct(["c"], "2026-01-01", "n", kind="intro").kind == "introduction"
    assert act_kind_label("amplify") == "amplify/share" and act_kind_label("advice") == "advice"
    for impact in IMPACTS:
        assert HelpfulAct(["c"], "2026-01-01", "n", impact=impact).impact == impact
    fails("kind", lambda: HelpfulAct(["c"], "2026-01-01", "n", kind="bribe"))
    fails("impact", lambda: HelpfulAct(["c"], "2026-01-01", "n", impact="decade"))


def test_act_minutes_whole_and_not_negative():
    assert HelpfulAct(["c"], "2026-01-01", "n", minutes=0).minutes == 0
    assert HelpfulAct(["c"], "2026-01-01", "n", minutes=None).minutes is None
    for bad in (-1, 1.5, "10", True, 100_001):
        fails("minutes", lambda bad=bad: HelpfulAct(["c"], "2026-01-01", "n", minutes=bad))


def test_act_needs_contacts_and_a_note():
    fails("contacts", lambda: HelpfulAct([], "2026-01-01", "n"))
    fails("note", lambda: HelpfulAct(["c"], "2026-01-01", "   "))
    fails("asked", lambda: HelpfulAct(["c"], "2026-01-01", "n", asked=1))
    act = HelpfulAct(["c"], "2026-01-01", "n", platform="LI", outcome=" got the job ")
    assert (act.platform, act.outcome, act.asked) == ("linkedin", "got the job", False)


# ------------------------------------------------------------------ WeeklyAudit


@pytest.mark.parametrize("key", ["2026-W48", "2026-W01", "2020-W53"])
def test_audit_week_keys(key):
    assert WeeklyAudit(key).week == key


@pytest.mark.parametrize("bad", ["2026-48", "2026W48", "2026-w48", "2026-W00", "2026-W54", "2025-W53", "", None])
def test_audit_bad_week_keys(bad):
    fails("week", lambda: WeeklyAudit(bad))


def test_audit_answers_and_completion():
    a = WeeklyAudit("2026-W48", answers={"hours": 7.5, "shares": {"new": 10}}, intention=" call Ada ")
    assert a.intention == "call Ada" and not a.is_complete
    done = WeeklyAudit("2026-W48", completed="2026-11-29T20:00:00")
    assert done.is_complete and done.completed.tzinfo is not None
    fails("answers", lambda: WeeklyAudit("2026-W48", answers=[1, 2]))
    fails("timestamp", lambda: WeeklyAudit("2026-W48", completed="soon"))


# ------------------------------------------------------------------ documents


def test_round_trip_through_documents_for_every_record():
    records = [
        Contact("Ada", platforms=["linkedin:in/ada", "in person"], tags=["x"], how_met="met", notes="n",
                cadence_days=14, birthday=date(1990, 1, 2), archived=True, created=STAMP, updated=STAMP),
        Interaction(["c1", "c2"], date(2026, 11, 24), kind="meeting", platform="phone", real=False, note="n",
                    at=time(8, 15), created=STAMP, updated=STAMP),
        HelpfulAct(["c1"], date(2026, 11, 24), "n", kind="referral", impact="year", asked=True, minutes=20,
                   platform="email", outcome="hired", created=STAMP, updated=STAMP),
        WeeklyAudit("2026-W48", answers={"hours": 7.5, "platforms": {"linkedin": "yes"}}, intention="i",
                    completed=STAMP, created=STAMP, updated=STAMP),
    ]
    for record in records:
        doc = record.to_doc()
        assert doc["id"] == record.id
        assert all(not isinstance(v, (date, datetime, time)) for v in doc.values())
        assert type(record).from_doc(doc) == record
    assert records[0].to_doc()["platforms"] == [["linkedin", "in/ada"], ["in person", ""]]


def test_from_doc_validates_and_ignores_unknown_keys():
    doc = Contact("Ada").to_doc()
    assert Contact.from_doc({**doc, "future_field": 1}).name == "Ada"
    fails("name", lambda: Contact.from_doc({**doc, "name": ""}))
    fails("impact", lambda: HelpfulAct.from_doc({**HelpfulAct(["c"], "2026-01-01", "n").to_doc(), "impact": "x"}))


def test_touched_moves_updated_only():
    c = Contact("Ada", created=STAMP, updated=STAMP)
    t = c.touched()
    assert t.created == STAMP and t.updated > STAMP and t.id == c.id
