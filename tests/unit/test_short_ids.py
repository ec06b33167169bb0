"""Short ids for entries: 8 characters, more where two ids start alike (domain/short_ids.py)."""

from __future__ import annotations

from smn_tui.domain.short_ids import matching_ids, short_ids

A = "1111aaaa" + "0" * 24
B1 = "2222bbbb1" + "0" * 23
B2 = "2222bbbb2" + "0" * 23
EVERY = [A, B1, B2, "2222bbbc" + "0" * 24]


def test_eight_characters_or_as_many_as_it_takes():
    assert short_ids([A, B1, B2], EVERY) == {A: "1111aaaa", B1: "2222bbbb1", B2: "2222bbbb2"}
    assert short_ids([EVERY[3]], EVERY) == {EVERY[3]: "2222bbbc"}


def test_short_ids_are_unique_across_every_id_not_just_the_ones_shown():
    assert short_ids([B1], EVERY) == {B1: "2222bbbb1"}
    assert short_ids([B1], [B1]) == {B1: "2222bbbb"}


def test_an_id_that_starts_another_is_shown_whole():
    assert short_ids(["abcd1234"], ["abcd1234", "abcd12345"]) == {"abcd1234": "abcd1234"}
    assert short_ids(["abcd12345"], ["abcd1234", "abcd12345"]) == {"abcd12345": "abcd12345"}


def test_matching_ids():
    assert matching_ids("2222bbbb", EVERY) == sorted([B1, B2])
    assert matching_ids("2222BBBB1", EVERY) == [B1]
    assert matching_ids("abcd1234", ["abcd1234", "abcd12345"]) == ["abcd1234"]  # the exact one wins
    assert matching_ids("ffff", EVERY) == [] and matching_ids("", EVERY) == []
