"""The review's text and Markdown never pass a terminal control or a forged line through."""

from __future__ import annotations

import pytest

from smn_tui.domain.dates import week_of
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.domain.review import build_review
from smn_tui.exchange.report import render_review

from ..seed import TODAY

FORGED = "Wed 25 Nov · advice for Grace Hopper · made their year, 600 min — forged"


def _store_with(store, name: str, note: str) -> Contact:
    eve = Contact("Eve")
    eve.name = name  # as a record written before the character rules, or by hand
    store.add_contact(eve)
    store.add_act(HelpfulAct([eve.id], TODAY, "Helped"))
    act = HelpfulAct([eve.id], TODAY, "placeholder", kind="advice")
    act.note = note
    store.add_act(act)
    i = Interaction([eve.id], TODAY, note="placeholder")
    i.note = note
    store.add_interaction(i)
    return eve


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_a_note_line_break_cannot_forge_an_entry(store, fmt):
    _store_with(store, "Eve", f"Coffee\n    {FORGED}\r\n  Tue 24 Nov · meeting with Ada\u2028x")
    text = render_review(build_review(store, week_of(TODAY), TODAY), fmt)
    lines = text.splitlines()
    assert not any(line.lstrip(" -").startswith(("Wed 25 Nov · advice for Grace", "Tue 24 Nov")) for line in lines)
    [act_line] = [line for line in lines if "advice · made their day — Coffee" in line]
    assert "forged" in act_line and "x" in act_line.split("Ada")[-1]
    if fmt == "text":
        assert "Coffee ↵     Wed 25 Nov" in act_line


@pytest.mark.parametrize("fmt", ["text", "md"])
@pytest.mark.parametrize("char,escaped", [
    ("\x9b", "\\x9b"), ("\x9d", "\\x9d"), ("\x1b", "\\x1b"), ("\u202e", "\\u202e"), ("\u2066", "\\u2066"),
    ("\u200b", "\\u200b"), ("\ufeff", "\\ufeff"),
])
def test_names_and_notes_show_control_and_bidi_characters_escaped(store, fmt, char, escaped):
    _store_with(store, f"Eve{char}31m", f"note{char}2J")
    text = render_review(build_review(store, week_of(TODAY), TODAY), fmt)
    assert char not in text
    shown = escaped.replace("\\", "\\\\") if fmt == "md" else escaped  # Markdown escapes the backslash
    assert f"Eve{shown}31m" in text and f"note{shown}2J" in text


def test_an_emoji_sequence_in_a_name_is_shown_as_it_is(store):
    name = "Eve \U0001f469\u200d\U0001f4bb"
    _store_with(store, name, "fine")
    for fmt in ("text", "md"):
        assert name in render_review(build_review(store, week_of(TODAY), TODAY), fmt)
