"""A LinkedIn export of any size, for the import-speed measurement.

Run ``python -m tests.exchange.bigfile [ROWS]`` to time an import of ROWS
(default 30,000) connections into an empty journal.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

PREAMBLE = ('Notes:\n"When exporting your connection data, you may notice that some of the email addresses '
            'are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n')


def connections_csv(rows: int) -> bytes:
    """``rows`` distinct connections; every third has an email, every fifth a quoted company."""
    start = date(2012, 1, 1)
    out = [PREAMBLE]
    for n in range(rows):
        email = f"person{n}@example.org" if n % 3 == 0 else ""
        company = f'"Company {n % 997}, Inc"' if n % 5 == 0 else f"Company {n % 997}"
        on = (start + timedelta(days=n % 5000)).strftime("%d %b %Y")
        out.append(f"First{n},Last{n},https://www.linkedin.com/in/person-{n},{email},{company},"
                   f"Engineer {n % 13},{on}\n")
    return "".join(out).encode("utf-8")


def measure(rows: int = 30_000) -> tuple[float, int]:
    """Seconds to import ``rows`` connections (read, plan, one commit, close), and records written."""
    from smn_tui.exchange.importer import import_file
    from smn_tui.storage.store import JournalStore

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "Connections.csv"
        path.write_bytes(connections_csv(rows))
        t0 = time.perf_counter()
        store = JournalStore(Path(tmp) / "journal.json")
        summary = import_file(store, "linkedin", path)
        store.close()
        return time.perf_counter() - t0, summary.added + summary.interactions


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30_000
    seconds, written = measure(n)
    print(f"{n} connections: {written} records in {seconds:.2f} s")
