"""Running ``smn`` through ``main(argv)`` in tests, and small journals to run it on."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct, Interaction

from ...seed import TODAY

STAMP = datetime(2026, 8, 1, 9, 0, tzinfo=UTC)


@dataclass
class Result:
    code: int
    out: str
    err: str


class Terminal(io.StringIO):
    """A stream that says it is a terminal (for the questions a command asks)."""

    def isatty(self) -> bool:
        return True


def smn(*argv: str, db=None, stdin=None, out=None) -> Result:
    """Run smn; a user error must be one line starting 'smn: ', and nothing may be a traceback
    (``smn doctor`` alone exits 1 with its report on stdout when the journal has a problem)."""
    out = out if out is not None else io.StringIO()
    err = io.StringIO()
    args = [*argv, "--db", str(db)] if db is not None else list(argv)
    code = main(args, today=TODAY, out=out, err=err, stdin=stdin)
    result = Result(code, out.getvalue(), err.getvalue())
    assert "Traceback" not in result.err
    if code == 1 and not (argv[0] == "doctor" and result.err == "" and "Problem: " in result.out):
        assert result.err.startswith("smn: ") and result.err.count("\n") == 1, result.err
    return result


def hexid(start: str) -> str:
    """A 32-character hex id that starts with ``start``."""
    return (start + "0" * 32)[:32]


def small_journal(store) -> dict[str, Contact]:
    """Ada, Grace and Marie with entries whose ids are known (two of them share 9 characters)."""
    ada = Contact("Ada Lovelace", platforms=[("linkedin", "in/ada"), ("email", "ada@example.org")],
                  tags=["mentor", "math"], cadence_days=30, how_met="A conference", notes="Poet\nof numbers",
                  id=hexid("ad"), created=STAMP, updated=STAMP)
    grace = Contact("Grace Hopper", platforms=[("github", "grace")], tags=["mentor"], id=hexid("9c"),
                    created=STAMP, updated=STAMP)
    marie = Contact("Marie Curie", id=hexid("3a"), created=STAMP, updated=STAMP)
    store.add_many([ada, grace, marie])
    store.add_many([
        Interaction([ada.id], TODAY, kind="conversation", platform="linkedin", note="Talked about the lab",
                    id=hexid("1111aaaa"), created=STAMP, updated=STAMP),
        Interaction([ada.id, grace.id], TODAY.replace(day=20), kind="meeting", note="Lunch",
                    id=hexid("2222bbbb1"), created=STAMP, updated=STAMP),
        HelpfulAct([ada.id], TODAY.replace(day=24), "Reviewed her grant", kind="feedback", impact="month",
                   minutes=45, platform="email", id=hexid("2222bbbb2"), created=STAMP, updated=STAMP),
        HelpfulAct([grace.id], TODAY.replace(day=23), "Shared her talk", kind="amplify",
                   id=hexid("3333cccc"), created=STAMP, updated=STAMP),
    ])
    return {"ada": ada, "grace": grace, "marie": marie}
