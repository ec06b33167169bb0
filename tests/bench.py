"""Benchmark the journal store on a generated journal.

    python tests/bench.py [--contacts N] [--entries N] [--json] [--check]

Generates a seeded, realistic journal (names, one to three platforms, tags,
notes of 20-500 characters on two in three, ten years of interactions and helpful acts),
then measures side by side in one run: a durable commit against stock TinyDB
and a bare append+fsync, opening against a plain ``orjson.loads`` of the same
files, the week and per-contact queries, and the peak memory of a process that
holds the whole journal. Figures are medians of repeated runs.

``--check`` exits with status 1 and lists every goal in :data:`GOALS` that
was missed.

Figures: ``open_ms`` is a fresh ``JournalStore`` plus the first week's query
(so the entries are read and indexed); ``orjson_loads_ms`` is one plain
``orjson.loads`` of the same records as a single JSON document (the goal's
baseline) and ``orjson_loads_files_ms`` a plain ``orjson.loads`` of the
journal's own files, line by line. ``peak_rss_mb`` is the peak resident
memory of the app process below; ``store_peak_rss_mb`` that of a fresh process
that opens the journal and runs the week, contact, due and search queries.

The app and the shell, as whole processes: ``app_ready_ms`` runs the app
headless on the journal from before its process starts until its first frame
draws the contacts list with its rows, the event loop then taking keys;
``bare_textual_ready_ms`` the same for a bare Textual app with a header, a
list and a footer on no data (until its first frame draws the header),
interleaved in the same run. ``app_idle_ms`` and ``bare_textual_idle_ms``
run until ``App.run_test`` is ready and the screen has handled what it was
sent; for smn this includes the first steps of reading the entries, which
run between keys. ``prepare_step_max_ms`` is the longest of those steps,
so the longest a key can wait while the journal is read.
All child processes run on compiled bytecode, after one warm-up run each.
``filter_keystroke_ms`` is the median app-side time from a key reaching the
app to the contacts list refiltered, over a typed and backspaced sequence
(``filter_press_to_idle_ms`` adds the test pilot's wait for idle);
``filter_notes_keystroke_ms`` the same for words found only in what was
written about people (notes, how you met), typed and backspaced. The acts
screen (one week, then ``w`` for all weeks) and the review screen are timed
from the switch or key to the end of their reload (``*_to_idle_ms``: until
the pilot finds the app idle); these run once the entries are read
(``app_settle_ms`` after ready). ``review_ms`` is ``build_review`` of one week,
trends included, the worse of steady and right after a write.
``cli_helped_ms`` runs ``python -m smn_tui helped`` on the big journal and
``cli_helped_empty_ms`` on one holding only the same person.
``import_linkedin_30k_ms`` imports a generated LinkedIn export of as many rows
as contacts (30,000 at full size) into an empty journal.

One journal on three devices: ``sync_open_ms`` opens (as above) a journal of the
same records that three devices wrote, a third of the entries each, each
device having compacted after reading the others, then two of them logging
:data:`SYNC_TAIL` entries more one at a time (so the device that opens reads
their logs' tails); ``sync_single_open_ms`` opens the same records written by
one device, its log holding as many entries; ``sync_open_ratio`` is the first
over the second, timed in turns.

Imports at scale, each in a fresh process, timed from loading smn's import
code until the journal is closed, with that process's peak memory (``*_peak_rss_mb``);
sizes are for 30,000 contacts and shrink with ``--contacts``:
``import_vcard_100k_ms`` reads 100,000 phone-style vCards (name, e-mail,
mobile, company, a folded note, categories, some LinkedIn profiles);
``import_linkedin_200k_ms`` 200,000 LinkedIn connections;
``import_vcard_photo_ms`` one card with a 50 MB photo folded at 75 columns;
``import_same_name_2k_ms`` 2,000 cards of one name with different e-mails
(2,000 people, none merged).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

from smn_tui.domain.dates import week_of  # noqa: E402
from smn_tui.domain.models import (  # noqa: E402
    ACT_KINDS,
    IMPACTS,
    INTERACTION_KINDS,
    SCHEMA_VERSION,
    HelpfulAct,
)
from smn_tui.storage.journal_file import JournalFile  # noqa: E402
from smn_tui.storage.store import JournalStore  # noqa: E402

TODAY = date(2026, 11, 25)

#: name -> (figure, comparison, limit). Extend with more goals as the app grows.
GOALS: dict[str, tuple[str, str, float]] = {
    "commit speedup vs stock TinyDB": ("commit_speedup_vs_stock", ">=", 40.0),
    "open vs plain orjson.loads": ("open_ratio", "<=", 1.5),
    "acts in one week": ("week_query_ms", "<=", 5.0),
    "everything for one contact": ("contact_query_ms", "<=", 5.0),
    "app peak memory on the big journal": ("peak_rss_mb", "<=", 250.0),
    "app ready vs a bare Textual app": ("app_ready_ratio", "<=", 1.5),
    "contacts filter, one keystroke": ("filter_keystroke_ms", "<=", 16.7),
    "contacts filter on the notes, one keystroke": ("filter_notes_keystroke_ms", "<=", 16.7),
    "acts screen, one week": ("acts_week_open_ms", "<=", 100.0),
    "acts screen, all weeks": ("acts_all_open_ms", "<=", 100.0),
    "review of one week (after a write too)": ("review_ms", "<=", 50.0),
    "smn helped, big vs empty journal": ("cli_scale_ratio", "<=", 1.5),
    "open a journal three devices wrote vs one": ("sync_open_ratio", "<=", 1.3),
    "import 30,000 LinkedIn connections": ("import_linkedin_30k_ms", "<=", 5000.0),
    "import 100,000 vCards": ("import_vcard_100k_ms", "<=", 30000.0),
    "import 100,000 vCards, peak memory": ("import_vcard_100k_peak_rss_mb", "<=", 600.0),
    "import 200,000 LinkedIn connections": ("import_linkedin_200k_ms", "<=", 40000.0),
    "import 200,000 LinkedIn connections, peak memory": ("import_linkedin_200k_peak_rss_mb", "<=", 1200.0),
    "import a vCard with a 50 MB photo": ("import_vcard_photo_ms", "<=", 3000.0),
    "import 2,000 namesakes": ("import_same_name_2k_ms", "<=", 2000.0),
    "open an encrypted journal vs the same in the clear": ("enc_open_ratio", "<=", 1.5),
    "smn helped, encrypted vs in the clear": ("enc_cli_ratio", "<=", 1.5),
    "a durable commit on an encrypted journal": ("enc_commit_ms", "<=", 2.0),
}

FIRST = ["Ada", "Grace", "Linus", "Marie", "Alan", "Katherine", "Tim", "Hedy", "Rosalind", "Claude", "Barbara",
         "Edsger", "Ana", "Bo", "Chen", "Dana", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jae", "Kemal", "Lena",
         "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rafael", "Sofia", "Taro", "Uma", "Viktor", "Wen", "Ximena", "Yusuf",
         "Zara", "Amara", "Bruno", "Carmen", "Diego", "Emeka", "Freya", "Gustav", "Helga", "Ines", "Jonas"]
LAST = ["Lovelace", "Hopper", "Pauling", "Curie", "Turing", "Johnson", "Lee", "Lamarr", "Franklin", "Shannon", "Liskov",
        "Dijkstra", "Silva", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Usman", "Vargas",
        "Weber", "Xu", "Yilmaz", "Zhang", "Andersen", "Baptiste", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Horvat", "Ivanova", "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Olsen", "Popescu", "Quinn", "Ramos",
        "Santos", "Torres", "Ulrich", "Varga", "Wagner"]
PLATFORMS = ("linkedin", "x", "mastodon", "github", "email", "phone", "instagram", "bluesky", "in person")
TAGS = ("friend", "mentor", "colleague", "family", "client", "science", "math", "web", "music", "climbing",
        "neighbour", "founder", "investor", "recruiter", "school", "conference", "open-source", "design")
WORDS = ["talked", "about", "the", "new", "job", "and", "how", "the", "move", "went;", "sent", "the", "article", "on",
         "career", "changes,", "introduced", "them", "to", "a", "hiring", "manager,", "reviewed", "their", "slides",
         "for", "the", "talk", "next", "week,", "helped", "debug", "a", "flaky", "test,", "lent", "a", "book,",
         "coffee", "near", "the", "office,", "quick", "call", "about", "the", "visa", "paperwork,", "shared", "notes",
         "from", "the", "workshop,", "congratulated", "them", "on", "the", "launch"]


def _text(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    out: list[str] = []
    size = 0
    while size < n:
        w = rng.choice(WORDS)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n].strip() or "note"


def _stamp(d: date, rng: random.Random) -> str:
    return datetime(d.year, d.month, d.day, rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59),
                    tzinfo=UTC).isoformat()


def generate(contacts: int, entries: int, seed: int = 1) -> dict[str, dict[str, dict]]:
    """Documents exactly as the store writes them (see the models' ``to_doc``)."""
    rng = random.Random(seed)
    days = 3650
    start = TODAY - timedelta(days=days)
    tables: dict[str, dict[str, dict]] = {"contacts": {}, "interactions": {}, "acts": {}, "audits": {}}
    cids: list[str] = []
    for _ in range(contacts):
        cid = f"{rng.getrandbits(128):032x}"
        first, last = rng.choice(FIRST), rng.choice(LAST)
        plats = []
        for p in rng.sample(PLATFORMS, rng.choice((1, 1, 2, 2, 3))):
            handle = "" if p == "in person" else f"{first.lower()}.{last.lower()}{rng.randint(1, 999)}"
            plats.append([p, handle])
        created = start + timedelta(days=rng.randint(0, days))
        stamp = _stamp(created, rng)
        tables["contacts"][cid] = {
            "name": f"{first} {last}",
            "platforms": plats,
            "tags": sorted(rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3)))),
            "how_met": rng.choice(("", "", "Met at a conference", "University", "Former colleague", "Meetup")),
            "notes": _text(rng, 20, 500) if rng.random() < 0.65 else "",
            "cadence_days": rng.choice((None, None, 7, 14, 30, 90)),
            "birthday": None,
            "archived": rng.random() < 0.03,
            "id": cid,
            "created": stamp,
            "updated": stamp,
        }
        cids.append(cid)
    cum: list[float] = []
    total = 0.0
    for i in range(len(cids)):
        total += 1.0 / (i + 1) ** 0.8  # a few people get most of the attention
        cum.append(total)
    for n in range(entries):
        on = start + timedelta(days=rng.randint(0, days))
        who = list(dict.fromkeys(rng.choices(cids, cum_weights=cum, k=rng.choice((1, 1, 1, 2, 3)))))
        rid = f"{rng.getrandbits(128):032x}"
        stamp = _stamp(on, rng)
        if n % 5 < 3:
            tables["interactions"][rid] = {
                "contact_ids": who, "on": on.isoformat(), "kind": rng.choice(INTERACTION_KINDS),
                "platform": rng.choice(PLATFORMS), "real": rng.random() < 0.8,
                "note": _text(rng, 20, 200), "at": None, "id": rid, "created": stamp, "updated": stamp,
            }
        else:
            tables["acts"][rid] = {
                "contact_ids": who, "on": on.isoformat(), "note": _text(rng, 20, 200),
                "kind": rng.choice(ACT_KINDS), "impact": rng.choice(IMPACTS), "asked": rng.random() < 0.3,
                "minutes": rng.choice((None, 5, 15, 30, 60)), "platform": rng.choice(PLATFORMS),
                "outcome": _text(rng, 20, 80) if rng.random() < 0.3 else "",
                "id": rid, "created": stamp, "updated": stamp,
            }
    return tables


def write_journal(path: Path, tables) -> None:
    jf = JournalFile(path)
    jf.ensure_folder()
    jf.install_entries(tables, None)  # the entries are all in tables
    with jf.acquire_write():
        jf.write_snapshot(tables, {"schema": SCHEMA_VERSION})


def write_stock_tinydb(path: Path, tables) -> None:
    """The same data in stock TinyDB's layout (integer document ids)."""
    body = {name: {str(i): doc for i, doc in enumerate(t.values(), 1)} for name, t in tables.items()}
    path.write_bytes(orjson.dumps(body))


#: Entries the other two devices log one at a time after the last compaction, each.
SYNC_TAIL = 200
BENCH_DEVICES = ("BENCHAAA", "BENCHBBB", "BENCHCCC")


def _as_device(device: str) -> None:
    os.environ["SMN_DEVICE"] = device


def sync_open_figures(tables, workdir: Path) -> dict[str, float]:
    """Open a journal three devices wrote against the same journal written by one (see the module)."""
    a, b, c = BENCH_DEVICES
    mine = os.environ.get("SMN_DEVICE", a)
    entries = [["put", t, rid, doc] for t in ("interactions", "acts") for rid, doc in tables[t].items()]
    contacts = [["put", "contacts", rid, doc] for rid, doc in tables["contacts"].items()]
    third = len(entries) // 3
    shares = [entries[:third], entries[third:2 * third], entries[2 * third:]]
    tails = [[], shares[1][-SYNC_TAIL:], shares[2][-SYNC_TAIL:]]
    shares = [shares[0], shares[1][:-SYNC_TAIL], shares[2][:-SYNC_TAIL]]
    three = workdir / "three" / "journal.json"
    for device, ops in ((a, contacts + shares[0]), (b, shares[1]), (c, shares[2]), (a, [])):
        _as_device(device)
        with JournalStore(three) as s:
            if ops:
                s._commit(ops, "Imported a share")
            s.compact()
    for device, tail in ((b, tails[1]), (c, tails[2])):
        _as_device(device)
        with JournalStore(three) as s:
            s.compact()  # now that the first device has read all it wrote, its log keeps none of it
            for op in tail:
                s._commit([op], "Logged one")
    _as_device(a)
    one = workdir / "one" / "journal.json"
    head = {k: v for k, v in tables.items() if k not in ("interactions", "acts")}
    held = {t: dict(tables[t]) for t in ("interactions", "acts")}
    for _op, t, rid, _doc in tails[1] + tails[2]:
        del held[t][rid]
    write_journal(one, {**head, **held})
    with JournalStore(one) as s:
        for op in tails[1] + tails[2]:
            s._commit([op], "Logged one")
    wk = week_of(TODAY, "monday")
    times: dict[Path, list[float]] = {three: [], one: []}
    for _ in range(5):
        for path in (three, one):
            gc.collect()
            t0 = time.perf_counter()
            s = JournalStore(path)
            s.acts_in(wk)
            times[path].append((time.perf_counter() - t0) * 1000)
            assert len(s.entry_ids()["acts"]) == len(tables["acts"]), path
            s.close()
    _as_device(mine)
    res = {"sync_open_ms": statistics.median(times[three]), "sync_single_open_ms": statistics.median(times[one])}
    res["sync_open_ratio"] = res["sync_open_ms"] / res["sync_single_open_ms"]
    return res


def median_ms(fn: Callable[[], object], runs: int, setup: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(runs):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _act(cid: str, n: int) -> HelpfulAct:
    return HelpfulAct([cid], TODAY, f"Sent notes from the workshop ({n})", kind="advice", impact="week")


HOLD_SCRIPT = r"""
import resource, sys
sys.path.insert(0, sys.argv[2])
from datetime import date
from smn_tui.domain.dates import week_of
from smn_tui.storage.store import JournalStore
s = JournalStore(sys.argv[1])
wk = week_of(date(2026, 11, 25), "monday")
s.acts_in(wk); s.interactions_in(wk)
s.contacts(); s.last_contact_dates(); s.contact_search_index()
cid = next(iter(s.contact_names()))
s.timeline(cid)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:
    # Linux carries the parent's high-water mark into ru_maxrss across fork and exec,
    # so the benchmark's own memory would be counted; VmHWM is this process's alone.
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) / 1024
except OSError:
    pass
print(peak)
"""


#: A whole app process, timed from before its spawn (the parent's clock; perf_counter is
#: system-wide on Linux) so interpreter start and imports count. ``bare`` is a bare Textual app
#: with a header, a list and a footer on no data; ``ready`` the smn app until its contacts screen
#: takes input; ``full`` goes on to type in the filter, open the acts and review screens, and
#: report its own peak memory.
APP_SCRIPT = r"""
import sys, time, json, asyncio
T_SPAWN = float(sys.argv[4])
sys.path.insert(0, sys.argv[3])
mode, path = sys.argv[1], sys.argv[2]

def vmhwm():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

PAINT = {}


def first_paint(cls, method):
    # Note when the first frame draws the widget: for smn the contacts list (its rows are in
    # place then); for the bare app, whose list is empty and draws no line, the header.
    draw = getattr(cls, method)

    def wrapper(self, *args):
        if "t" not in PAINT:
            PAINT["t"] = time.perf_counter()
            PAINT["monitor"] = asyncio.ensure_future(stalls())
        return draw(self, *args)

    setattr(cls, method, wrapper)


STALLS = []


async def stalls():
    # From the first frame on: how late the event loop comes back to a 5 ms timer, that is
    # how long a key would wait, while the app goes on reading the journal.
    while not PAINT.get("settled"):
        t0 = time.perf_counter()
        await asyncio.sleep(0.005)
        STALLS.append((time.perf_counter() - t0) * 1000 - 5)


async def bare():
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList

    class Bare(App):
        def compose(self):
            yield Header()
            yield OptionList()
            yield Footer()

    from textual.widgets._header import HeaderTitle

    first_paint(HeaderTitle, "render")
    async with Bare().run_test(size=(120, 40)):
        ready = time.perf_counter()
    return {"ready_ms": (ready - T_SPAWN) * 1000, "paint_ms": (PAINT["t"] - T_SPAWN) * 1000}

async def smn():
    from datetime import date
    from smn_tui.app import SmnApp
    from smn_tui.storage.store import JournalStore
    from smn_tui.widgets.contact_list import ContactList
    from textual.events import Key

    first_paint(ContactList, "render_line")

    today = date(2026, 11, 25)
    store = JournalStore(path, app=True)
    app = SmnApp(store, clock=lambda: today, poll=False)
    stamps = {}

    def hook(message):
        # The first post of a key (the app then forwards the same event to the focused widget).
        if isinstance(message, Key) and "key" not in stamps:
            stamps["key"] = time.perf_counter()

    out = {}
    try:
        async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
            out["ready_ms"] = (time.perf_counter() - T_SPAWN) * 1000
            out["paint_ms"] = (PAINT["t"] - T_SPAWN) * 1000
            if mode == "ready":
                return out
            t0 = time.perf_counter()
            await app.workers.wait_for_complete()
            await pilot.pause()
            out["settle_ms"] = (time.perf_counter() - t0) * 1000
            PAINT["settled"] = True
            await PAINT["monitor"]
            out["startup_stall_max_ms"] = max(STALLS, default=0.0)
            screen = app.screen
            done = {}
            apply_filter = screen.apply_filter

            def timed_apply_filter():
                apply_filter()
                done["t"] = time.perf_counter()

            screen.apply_filter = timed_apply_filter
            await pilot.press("slash")
            typed = [*"ada", "space", *"lo", *["backspace"] * 6, *"#men", "space", *"@git", "space", *"due",
                     *["backspace"] * 13, *"hopper", *["backspace"] * 6, *"kowalski"]

            async def timed_keys(keys):
                times, idle = [], []
                for key in keys:
                    stamps.clear()
                    done.clear()
                    t0 = time.perf_counter()
                    await pilot.press(key)
                    idle.append((time.perf_counter() - t0) * 1000)
                    if "t" in done and "key" in stamps:
                        times.append((done["t"] - stamps["key"]) * 1000)
                return times, idle

            out["filter_ms"], out["filter_press_ms"] = await timed_keys(typed)
            # Words only the notes hold (never a name, a handle or a tag).
            written = [*"workshop", *["backspace"] * 8, *"visa", "space", *"paperwork", *["backspace"] * 14,
                       *"hiring", "space", *"manager", *["backspace"] * 14, *"slides"]
            out["filter_notes_ms"], _ = await timed_keys(written)
            await pilot.press("escape")

            # A screen is open when its reload (the first, or after a key) has drawn its data;
            # also timed: until the test pilot finds the app idle again.
            from smn_tui.screens.acts import ActsScreen
            from smn_tui.screens.review import ReviewScreen

            def timed_reload(cls):
                reload = cls.reload

                def wrapper(self, *args, **kwargs):
                    result = reload(self, *args, **kwargs)
                    done["t"] = time.perf_counter()
                    return result

                cls.reload = wrapper

            timed_reload(ActsScreen)
            timed_reload(ReviewScreen)
            for name, start in (("acts_week", lambda: app.switch_mode("acts")), ("acts_all", lambda: pilot.press("w")),
                                ("review_open", lambda: app.switch_mode("review"))):
                done.clear()
                stamps.clear()
                t0 = time.perf_counter()
                await start()
                await pilot.pause()
                out[name + "_idle_ms"] = (time.perf_counter() - t0) * 1000
                begin = stamps.get("key", t0)
                out[name + "_ms"] = (done["t"] - begin) * 1000
            out["peak_rss_mb"] = vmhwm()
    finally:
        store.close()
    return out

print(json.dumps(asyncio.run(bare() if mode == "bare" else smn())))
"""


#: One import into an empty journal as a whole process: read, plan, one commit, close.
IMPORT_SCRIPT = r"""
import json, sys, time
sys.path.insert(0, sys.argv[4])
kind, path, journal = sys.argv[1], sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
from smn_tui.exchange.importer import import_file
from smn_tui.storage.store import JournalStore
store = JournalStore(journal)
summary = import_file(store, kind, path)
store.close()
ms = (time.perf_counter() - t0) * 1000
peak = 0.0
for line in open("/proc/self/status"):
    if line.startswith("VmHWM:"):
        peak = int(line.split()[1]) / 1024
print(json.dumps({"ms": ms, "peak_rss_mb": peak, "added": summary.added}))
"""


def import_process(kind: str, data: bytes, workdir: Path, name: str) -> dict:
    """Import ``data`` as ``kind`` into an empty journal in a fresh process: its time and peak memory."""
    folder = workdir / f"import-{name}"
    folder.mkdir()
    path = folder / f"{name}.{'csv' if kind == 'linkedin' else 'vcf'}"
    path.write_bytes(data)
    del data
    done = subprocess.run([sys.executable, "-c", IMPORT_SCRIPT, kind, str(path), str(folder / "journal.json"),
                           str(ROOT)], capture_output=True, text=True, timeout=1800, env=CHILD_ENV)
    if done.returncode != 0:
        raise RuntimeError(f"import process ({name}) failed:\n{done.stderr}")
    shutil.rmtree(folder, ignore_errors=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def import_figures(contacts: int, workdir: Path) -> dict[str, float]:
    """The imports at scale: 100,000 vCards, 200,000 LinkedIn rows, a 50 MB photo, 2,000 namesakes."""
    from tests.exchange import bigfile

    scale = contacts / 30_000
    res: dict[str, float] = {}
    for key, kind, make in (
        ("import_vcard_100k", "vcard", lambda: bigfile.vcards(max(100, round(100_000 * scale)))),
        ("import_linkedin_200k", "linkedin", lambda: bigfile.connections_csv(max(100, round(200_000 * scale)))),
        ("import_vcard_photo", "vcard", lambda: bigfile.photo_card(max(0.1, 50 * scale))),
        ("import_same_name_2k", "vcard", lambda: bigfile.same_name_cards(max(20, round(2000 * scale)))),
    ):
        out = import_process(kind, make(), workdir, key)
        res[f"{key}_ms"] = out["ms"]
        res[f"{key}_peak_rss_mb"] = out["peak_rss_mb"]
    return res


#: The environment of the timed child processes (see :func:`use_bytecode_cache`).
CHILD_ENV: dict[str, str] | None = None


def use_bytecode_cache(folder: Path) -> None:
    """Let the timed processes load compiled bytecode, as an installed smn does.

    With ``PYTHONDONTWRITEBYTECODE`` set, every child would compile smn's modules
    from source on each start (80 ms and more) while Textual's come compiled from
    its install; the children then keep their bytecode in ``folder`` instead.
    Call :func:`warm_up` before timing.
    """
    global CHILD_ENV
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE")
        env["PYTHONPYCACHEPREFIX"] = str(folder)
        CHILD_ENV = env


def warm_up(path: Path) -> None:
    """One untimed run of each kind of child process (bytecode written, files cached)."""
    run_app_process("bare", path)
    run_app_process("ready", path)
    cli_helped_ms(path, 1)


def run_app_process(mode: str, path: Path) -> dict:
    t_spawn = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", APP_SCRIPT, mode, str(path), str(ROOT), repr(t_spawn)],
                          capture_output=True, text=True, timeout=600, env=CHILD_ENV)
    if done.returncode != 0:
        raise RuntimeError(f"app process ({mode}) failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def prepare_step_max_ms(path: Path) -> float:
    """The longest step of the app's background reading (how late a key can be handled meanwhile)."""
    store = JournalStore(path, app=True)
    try:
        steps, t0 = [], time.perf_counter()
        for _ in store.prepare_steps():
            now = time.perf_counter()
            steps.append((now - t0) * 1000)
            t0 = now
        return max(steps, default=0.0)
    finally:
        store.close()


def cli_helped_ms(path: Path, runs: int) -> float:
    """Median wall time of ``smn helped`` as a whole process."""
    times = []
    for n in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "smn_tui", "helped", BENCH_NAME, f"Sent the notes ({n})",
                        "--db", str(path)], cwd=ROOT, check=True, capture_output=True, env=CHILD_ENV)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


BENCH_NAME = "Zora Quillfeather"


def run(contacts: int, entries: int, *, workdir: Path) -> dict[str, float | int]:
    from tinydb import TinyDB

    res: dict[str, float | int] = {"contacts": contacts, "entries": entries}
    tables = generate(contacts, entries)
    from smn_tui.domain.models import Contact

    named = Contact(BENCH_NAME, created=datetime(2020, 1, 1, tzinfo=UTC))
    tables["contacts"][named.id] = named.to_doc()
    path = workdir / "journal" / "journal.json"
    write_journal(path, tables)
    stock = workdir / "stock.json"
    write_stock_tinydb(stock, tables)
    # The baseline for opening: the same records as one plain JSON document.
    single = workdir / "single.json"
    single.write_bytes(orjson.dumps(tables))
    cids = list(tables["contacts"])
    busiest = sorted(cids, key=lambda c: 0)[:1]
    res.update(sync_open_figures(tables, workdir))
    del tables
    gc.collect()

    # Opening: JournalStore + the first week's query (entries loaded, indexes built).
    wk = week_of(TODAY, "monday")
    files = [path, *path.parent.glob("journal.json.entries-*")]

    def load_plain():
        orjson.loads(single.read_bytes())

    def load_files():
        # The journal's own files as they lie on disk (the entries file holds a chunk per line).
        for f in files:
            for line in f.read_bytes().splitlines():
                orjson.loads(line)

    stores: list[JournalStore] = []

    def open_store():
        s = JournalStore(path)
        s.acts_in(wk)
        stores.append(s)

    def drop():
        while stores:
            stores.pop().close()
        gc.collect()

    res["orjson_loads_ms"] = median_ms(load_plain, 5, setup=gc.collect)
    res["orjson_loads_files_ms"] = median_ms(load_files, 5, setup=gc.collect)
    res["open_ms"] = median_ms(open_store, 5, setup=drop)
    res["open_ratio"] = res["open_ms"] / res["orjson_loads_ms"]
    res["open_ratio_vs_files"] = res["open_ms"] / res["orjson_loads_files_ms"]
    store = stores.pop()
    drop()

    # Queries.
    rng = random.Random(7)
    weeks = [wk.shift(-rng.randint(0, 500)) for _ in range(50)]
    it = iter(weeks * 2)
    res["week_query_ms"] = median_ms(lambda: store.acts_in(next(it)), 50)
    it = iter(weeks * 2)
    res["week_all_query_ms"] = median_ms(lambda: (store.acts_in(next(it)), store.interactions_in(wk)), 50)
    counts = store.act_counts()
    busiest = max(counts, key=counts.get)
    sample = [busiest, *rng.sample(cids, 49)]
    it = iter(sample * 2)

    def contact_query():
        cid = next(it)
        store.get_contact(cid)
        store.timeline(cid)

    res["contact_query_ms"] = median_ms(contact_query, 50)
    res["busiest_contact_entries"] = len(store.timeline(busiest))

    # Durable commits.
    n = iter(range(10_000))
    res["commit_act_ms"] = median_ms(lambda: store.add_act(_act(busiest, next(n))), 30)

    # The week's review, trends included: as it stands, and right after a write.
    from smn_tui.domain.review import build_review

    t0 = time.perf_counter()
    build_review(store, wk, TODAY)
    res["review_first_ms"] = (time.perf_counter() - t0) * 1000
    res["review_steady_ms"] = median_ms(lambda: build_review(store, wk, TODAY), 9)
    res["review_after_write_ms"] = median_ms(lambda: build_review(store, wk, TODAY), 9,
                                             setup=lambda: store.add_act(_act(busiest, next(n))))
    res["review_ms"] = max(res["review_steady_ms"], res["review_after_write_ms"])
    store.close()

    def bare_append():
        fd = os.open(workdir / "bare.log", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, orjson.dumps({"seq": 1, "ops": [["put", "acts", "x", _act(busiest, 0).to_doc()]]}) + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)

    res["append_fsync_ms"] = median_ms(bare_append, 30)

    doc = _act(busiest, 0).to_doc()

    def stock_insert():
        db = TinyDB(stock)
        db.table("acts").insert(doc)
        db.close()

    res["stock_tinydb_commit_ms"] = median_ms(stock_insert, 3)
    res["commit_speedup_vs_stock"] = res["stock_tinydb_commit_ms"] / res["commit_act_ms"]
    res["commit_vs_bare_append"] = res["commit_act_ms"] / res["append_fsync_ms"]

    # Peak memory of a fresh process holding the whole journal.
    out = subprocess.run([sys.executable, "-c", HOLD_SCRIPT, str(path), str(ROOT)],
                         capture_output=True, text=True, check=True)
    res["store_peak_rss_mb"] = float(out.stdout.strip().splitlines()[-1])

    # Quick capture from the shell: the big journal against one holding only the same person.
    empty = workdir / "empty" / "journal.json"
    with JournalStore(empty) as small:
        small.add_contact(named)
    use_bytecode_cache(workdir / "bytecode")
    warm_up(empty)
    big_runs, small_runs = [], []
    for _ in range(5):  # interleaved, so a noisy moment hits both
        big_runs.append(cli_helped_ms(path, 1))
        small_runs.append(cli_helped_ms(empty, 1))
    res["cli_helped_ms"] = statistics.median(big_runs)
    res["cli_helped_empty_ms"] = statistics.median(small_runs)
    res["cli_scale_ratio"] = res["cli_helped_ms"] / res["cli_helped_empty_ms"]

    # The same journal encrypted, against it in the clear.
    from tests.bench_more import encryption_figures, helped_process

    res.update(encryption_figures(path, workdir, today=TODAY, act=_act,
                                  helped=helped_process(CHILD_ENV, ROOT, BENCH_NAME)))

    # Importing a LinkedIn export into an empty journal (read, plan, one commit, close).
    from tests.exchange.bigfile import measure

    measure(100)  # first, so what is timed is the import, not compiling the modules it loads
    seconds, _written = measure(min(contacts, 30_000))
    res["import_linkedin_30k_ms"] = seconds * 1000
    res.update(import_figures(contacts, workdir))

    # The app as a whole process, against a bare Textual app, interleaved.
    # Nine runs of each (the median of a start of a few hundred ms moves by tens of ms on a busy machine).
    bare, ready, full = [], [], {}
    for i in range(9):
        bare.append(run_app_process("bare", path))
        if i < 8:
            ready.append(run_app_process("ready", path))
        else:
            full = run_app_process("full", path)
            ready.append(full)
    res["app_ready_ms"] = statistics.median(r["paint_ms"] for r in ready)
    res["bare_textual_ready_ms"] = statistics.median(r["paint_ms"] for r in bare)
    res["app_ready_ratio"] = res["app_ready_ms"] / res["bare_textual_ready_ms"]
    res["app_idle_ms"] = statistics.median(r["ready_ms"] for r in ready)
    res["bare_textual_idle_ms"] = statistics.median(r["ready_ms"] for r in bare)
    res["app_idle_ratio"] = res["app_idle_ms"] / res["bare_textual_idle_ms"]
    res["prepare_step_max_ms"] = prepare_step_max_ms(path)
    res["app_settle_ms"] = full["settle_ms"]
    res["startup_stall_max_ms"] = full["startup_stall_max_ms"]
    res["filter_keystroke_ms"] = statistics.median(full["filter_ms"])
    res["filter_keystroke_max_ms"] = max(full["filter_ms"])
    res["filter_press_to_idle_ms"] = statistics.median(full["filter_press_ms"])
    res["filter_notes_keystroke_ms"] = statistics.median(full["filter_notes_ms"])
    res["filter_notes_keystroke_max_ms"] = max(full["filter_notes_ms"])
    res["acts_week_open_ms"] = full["acts_week_ms"]
    res["acts_week_open_to_idle_ms"] = full["acts_week_idle_ms"]
    res["acts_all_open_ms"] = full["acts_all_ms"]
    res["acts_all_open_to_idle_ms"] = full["acts_all_idle_ms"]
    res["review_open_ms"] = full["review_open_ms"]
    res["review_open_to_idle_ms"] = full["review_open_idle_ms"]
    res["peak_rss_mb"] = full["peak_rss_mb"]
    res["journal_mb"] = sum(f.stat().st_size for f in path.parent.glob("journal.json*") if f.is_file()) / 2**20
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in res.items()}


def missed_goals(res: dict) -> list[str]:
    missed = []
    for name, (key, cmp, limit) in GOALS.items():
        value = res.get(key)
        if value is None:
            continue
        ok = value >= limit if cmp == ">=" else value <= limit
        if not ok:
            missed.append(f"{name}: {key} = {value} (goal {cmp} {limit})")
    return missed


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--contacts", type=int, default=30_000)
    p.add_argument("--entries", type=int, default=100_000)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--check", action="store_true", help="exit 1 listing the goals missed")
    p.add_argument("--scale", action="store_true",
                   help="the storage, shell and app figures at 10,000, 100,000 and 300,000 entries, side by side")
    args = p.parse_args(argv)
    os.environ.setdefault("SMN_DEVICE", BENCH_DEVICES[0])  # never a device id made in the user's config
    if args.scale:
        from tests.bench_more import scale

        def one(contacts: int, entries: int) -> dict[str, float | int]:
            folder = Path(tempfile.mkdtemp(prefix="smn-bench-"))
            try:
                return run(contacts, entries, workdir=folder)
            finally:
                shutil.rmtree(folder, ignore_errors=True)

        print(scale(one, args.contacts))
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="smn-bench-"))
    try:
        res = run(args.contacts, args.entries, workdir=workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(res))
    else:
        width = max(map(len, res))
        for k, v in res.items():
            print(f"{k:<{width}}  {v}")
    missed = missed_goals(res)
    if args.check and missed:
        print("goals missed:", file=sys.stderr)
        for m in missed:
            print(f"  {m}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
