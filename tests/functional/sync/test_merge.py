"""The last-writer rule on its own: an order every device agrees on, folded in any order and any number
of times to the same journal; stamps later than what they replace; tombstones that go in time."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from smn_tui.storage.sync.marks import TOMBSTONE_DAYS, VersionMarks
from smn_tui.storage.sync.merge import DEL, PUT, fold_ops, items_of, join_tables, newer, restamp, stamp_of, version_of

T = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def doc(rid: str, note: str, at: datetime) -> dict:
    return {"id": rid, "note": note, "updated": at.isoformat()}


def test_stamps_in_any_form_compare_as_times() -> None:
    assert stamp_of("2026-11-20T10:00:00+01:00") == stamp_of("2026-11-20T09:00:00+00:00")
    assert stamp_of("2026-11-20T09:00:00") == "2026-11-20T09:00:00+00:00"
    assert stamp_of("2026-11-20T09:00:00.5+00:00") > stamp_of("2026-11-20T09:00:00+00:00")
    assert stamp_of("not a time") == stamp_of(None) == ""


def test_the_later_stamp_wins_then_a_delete_then_the_same_choice_everywhere() -> None:
    a = (stamp_of(T.isoformat()), PUT, doc("r", "a", T))
    b = (stamp_of(T.isoformat()), PUT, doc("r", "b", T))
    later = (stamp_of((T + timedelta(seconds=1)).isoformat()), PUT, doc("r", "c", T))
    gone = (stamp_of(T.isoformat()), DEL, None)
    assert newer(later, a) and not newer(a, later)
    assert newer(gone, a) and not newer(a, gone), "a delete wins at the same second"
    assert newer(a, b) != newer(b, a), "two puts of one second: one of them, the same one everywhere"
    assert not newer(a, a) and newer(a, None)


def _commits(rng: random.Random, streams: int = 3, each: int = 40) -> list[tuple[str, int, list, dict]]:
    """Random commits of several streams on a handful of records, with increasing stamps per stream."""
    out = []
    for s in range(streams):
        clock = T + timedelta(seconds=rng.randrange(5))
        for seq in range(1, each + 1):
            clock += timedelta(seconds=rng.choice((0, 1, 1, 2)))
            rid = f"r{rng.randrange(6)}"
            if rng.random() < 0.3:
                ops, extra = [["del", "acts", rid, None]], {"v": [clock.isoformat()]}
            else:
                ops, extra = [["put", "acts", rid, doc(rid, f"s{s} {seq}", clock)]], {}
            out.append((f"S{s}", seq, ops, extra))
    return out


def _fold(commits: list, tables: dict | None = None, marks: VersionMarks | None = None) -> tuple[dict, VersionMarks]:
    tables = {"acts": {}} if tables is None else tables
    marks = VersionMarks() if marks is None else marks
    for stream, seq, ops, extra in commits:
        won = fold_ops(tables, marks, items_of(ops, extra), (stream, seq))
        for op, table, rid, d in won:
            if op == "put":
                tables[table][rid] = d
            else:
                tables[table].pop(rid, None)
    return tables, marks


@pytest.mark.parametrize("seed", range(8))
def test_folding_in_any_order_and_twice_gives_one_journal(seed: int) -> None:
    rng = random.Random(seed)
    commits = _commits(rng)
    first, _ = _fold(commits)
    shuffled = commits[:]
    rng.shuffle(shuffled)
    again, marks = _fold(shuffled + commits[: len(commits) // 2])
    assert again == first
    # The winner of each record is its latest version, whichever order the commits came in.
    for rid in {op[2] for _, _, ops, _ in commits for op in ops}:
        versions = [(extra.get("v", [""])[0] or op[3]["updated"], op[0] == "del", op[3]) for _, _, ops, extra in commits
                    for op in ops if op[2] == rid]
        best = max(versions, key=lambda v: (stamp_of(v[0]), v[1]))
        got = version_of(again, marks, "acts", rid)
        assert got is not None and got[0] == stamp_of(best[0]) and (got[1] == DEL) == best[1]


def test_joining_two_snapshots_is_the_same_as_folding_every_commit() -> None:
    rng = random.Random(3)
    commits = _commits(rng)
    half = len(commits) // 2
    left, left_marks = _fold(commits[:half])
    right, right_marks = _fold(commits[half:])
    joined = {"acts": dict(left["acts"])}
    marks = left_marks.copy()
    for op, table, rid, d in join_tables(joined, marks, right, right_marks, ["acts"]):
        if op == "put":
            joined[table][rid] = d
        else:
            joined[table].pop(rid, None)
    assert joined == _fold(commits)[0]


def test_a_write_is_stamped_past_what_it_replaces() -> None:
    tables = {"acts": {"r": doc("r", "ahead", T + timedelta(hours=1))}}  # another device's clock runs ahead
    marks = VersionMarks()
    ops = [["put", "acts", "r", doc("r", "mine", T)], ["del", "acts", "x", None]]
    stamps = restamp(ops, tables, marks, T)
    assert stamps == [(T + timedelta(hours=1, seconds=1)).isoformat(), T.isoformat()]
    assert ops[0][3]["updated"] == T.isoformat(), "the record itself is written as given"
    assert restamp([["put", "acts", "new", doc("new", "n", T)]], tables, marks, T) is None


def test_tombstones_go_only_when_old_and_folded_in_by_every_device_still_writing() -> None:
    marks = VersionMarks()
    now = T + timedelta(days=TOMBSTONE_DAYS + 1)
    marks.put("acts", "old", T.isoformat(), ("A", 5))
    marks.put("acts", "young", (now - timedelta(days=1)).isoformat(), ("A", 9))
    assert set(marks.kept(now, {"B": {"A": 4}})["acts"]) == {"old", "young"}, "B has not read change 5 yet"
    assert set(marks.kept(now, {"B": {"A": 9}, "C": {"A": 5}})["acts"]) == {"young"}
    assert set(marks.kept(now, {})["acts"]) == {"young"}
