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


_AREAS = ("212", "415", "617", "312", "206", "303", "404", "512", "702", "919", "305", "503")


def vcards(cards: int) -> bytes:
    """``cards`` distinct people as a phone writes them: vCard 3.0 with a name, an e-mail, a mobile number,
    a company and title, a folded note, categories, and every fourth a LinkedIn profile."""
    out = []
    for n in range(cards):
        area, line = _AREAS[(n // 10_000) % len(_AREAS)], n % 10_000
        linkedin = f"X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/person-{n}\r\n" if n % 4 == 0 else ""
        out.append(
            "BEGIN:VCARD\r\nVERSION:3.0\r\n"
            f"FN:First{n} Last{n}\r\nN:Last{n};First{n};;;\r\n"
            f"EMAIL;TYPE=INTERNET:person{n}@example.org\r\nTEL;TYPE=CELL:+1 {area} 555 {line:04d}\r\n"
            f"ORG:Company {n % 997}\\, Inc\r\nTITLE:Engineer {n % 13}\r\n{linkedin}"
            f"NOTE:Met at the meetup number {n % 101}\\, talked about compilers and the weather in a long\r\n"
            f"  note that is folded\r\nCATEGORIES:Group {n % 7},Friends\r\nEND:VCARD\r\n")
    return "".join(out).encode("utf-8")


def photo_card(megabytes: float) -> bytes:
    """One card with a base64 photo of about ``megabytes`` MB, folded at 75 columns as phones fold it."""
    import base64

    raw = base64.b64encode(bytes(range(256)) * max(1, int(megabytes * 1024 * 1024 * 3 / 4 / 256))).decode()
    value = "PHOTO;ENCODING=b;TYPE=JPEG:" + raw
    lines = [value[:75]] + [" " + value[i:i + 74] for i in range(75, len(value), 74)]
    return ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Photo Person\r\n" + "\r\n".join(lines)
            + "\r\nEMAIL:photo@example.org\r\nEND:VCARD\r\n").encode("ascii")


def same_name_cards(cards: int) -> bytes:
    """``cards`` people who share one name and have different e-mail addresses."""
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Smith\r\nEMAIL:sam{n}@example.org\r\nEND:VCARD\r\n"
                   for n in range(cards)).encode("ascii")
