"""What user text may hold, and how it is shown where it could mislead (domain/text.py)."""

from __future__ import annotations

import pytest

from smn_tui.domain.text import drop_invisible, has_surrogates, printable


@pytest.mark.parametrize("text,shown", [
    ("Ada Lovelace", "Ada Lovelace"),
    ("a\x9b31mb", "a\\x9b31mb"),
    ("a\x9d0;title\x07b", "a\\x9d0;title\\x07b"),
    ("a\x1b[2Jb", "a\\x1b[2Jb"),
    ("\u202eecila", "\\u202eecila"),
    ("a\u2066b\u2069", "a\\u2066b\\u2069"),
    ("a\u200bb\u2060c\ufeff", "a\\u200bb\\u2060c\\ufeff"),
    ("\u200dAda", "\\u200dAda"),
    ("one\ntwo", "one ↵ two"),
    ("one\r\ntwo\u2028three", "one ↵ two ↵ three"),
    ("tab\there", "tab here"),
    ("bad \udcff byte", "bad \\udcff byte"),
])
def test_printable_escapes_what_a_terminal_would_obey(text, shown):
    assert printable(text) == shown


def test_printable_keeps_joiners_that_join():
    for text in ("\U0001f469\u200d\U0001f4bb", "\u0645\u06cc\u200c\u062e"):
        assert printable(text) == text


def test_printable_line_break_mark_can_be_chosen():
    assert printable("a\nb", line_break=" / ") == "a / b"


def test_drop_invisible_and_surrogates():
    assert drop_invisible("\u202aAda\u202c") == "Ada"
    assert drop_invisible("\u200d\u200d") == ""
    assert has_surrogates("x\udcff") and not has_surrogates("Ada ✓")
