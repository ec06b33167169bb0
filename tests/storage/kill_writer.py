"""A writer that is killed at random moments by test_kill.

    python tests/storage/kill_writer.py JOURNAL SEED

Appends contacts and helpful acts forever. Before each commit it prints
``try KIND ID...``; once the store call has returned it prints ``ok KIND
ID...`` (flushing each line), so the parent knows exactly what was
acknowledged. Every few commits it compacts, takes a backup or closes and
reopens the store, so kills land in those steps too.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from smn_tui.domain.models import Contact, HelpfulAct  # noqa: E402
from smn_tui.storage.store import JournalStore  # noqa: E402

DAY0 = date(2026, 11, 25)


def note_for(rid: str) -> str:
    """What the writer stores for a record id, so the checker can tell a whole record."""
    return f"note for {rid} " + "x" * (len(rid) % 7 * 20)


def say(*words: str) -> None:
    sys.stdout.write(" ".join(words) + "\n")
    sys.stdout.flush()


def main() -> None:
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = random.Random(seed)
    store = JournalStore(path)
    n = 0
    while True:
        n += 1
        contacts = list(store.contact_names())
        roll = rng.random()
        if roll < 0.15 or not contacts:
            c = Contact(f"Person {seed}-{n}", notes=note_for(f"{seed}-{n}"), id=f"c{seed:06d}{n:08d}")
            say("try", "contact", c.id)
            store.add_contact(c)
            say("ok", "contact", c.id)
        elif roll < 0.25:
            # A new person and an act for them in one commit: both or neither.
            c = Contact(f"Pair {seed}-{n}", id=f"c{seed:06d}{n:08d}")
            a = HelpfulAct([c.id], DAY0 - timedelta(days=rng.randint(0, 400)), note_for(f"p{seed:06d}{n:08d}"),
                           id=f"p{seed:06d}{n:08d}")
            say("try", "pair", c.id, a.id)
            store.add_many([c, a])
            say("ok", "pair", c.id, a.id)
        else:
            rid = f"a{seed:06d}{n:08d}"
            a = HelpfulAct([rng.choice(contacts)], DAY0 - timedelta(days=rng.randint(0, 400)), note_for(rid),
                           id=rid)
            say("try", "act", rid)
            store.add_act(a)
            say("ok", "act", rid)
        if n % 7 == 0:
            store.compact()
        if n % 11 == 0:
            store.take_backup()
        if n % 17 == 0:
            store.close()
            store = JournalStore(path)


if __name__ == "__main__":
    main()
