"""The benchmark keeps working (at a tiny size; speed is judged from the full run, not here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench.py"
KEYS = {"commit_act_ms", "stock_tinydb_commit_ms", "commit_speedup_vs_stock", "append_fsync_ms", "open_ms",
        "orjson_loads_ms", "open_ratio", "week_query_ms", "contact_query_ms", "peak_rss_mb", "contacts", "entries",
        "app_ready_ms", "bare_textual_ready_ms", "app_ready_ratio", "filter_keystroke_ms", "acts_week_open_ms",
        "acts_all_open_ms", "review_ms", "cli_helped_ms", "cli_helped_empty_ms", "cli_scale_ratio",
        "import_linkedin_30k_ms", "app_idle_ms", "bare_textual_idle_ms", "prepare_step_max_ms",
        "import_vcard_100k_ms", "import_vcard_100k_peak_rss_mb", "import_linkedin_200k_ms",
        "import_linkedin_200k_peak_rss_mb", "import_vcard_photo_ms", "import_same_name_2k_ms",
        "enc_open_ratio", "enc_cli_ratio", "enc_commit_ms", "enc_open_ms", "enc_cli_helped_ms", "sync_open_ms",
        "sync_single_open_ms", "sync_open_ratio"}


def test_bench_runs_at_a_tiny_size():
    done = subprocess.run([sys.executable, str(BENCH), "--contacts", "50", "--entries", "200", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    res = json.loads(done.stdout)
    assert set(res) >= KEYS
    assert res["contacts"] == 50 and res["entries"] == 200
    for key in KEYS - {"contacts", "entries"}:
        assert isinstance(res[key], (int, float)) and res[key] > 0, key


def test_check_lists_missed_goals():
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench
    finally:
        sys.path.remove(str(BENCH.parent))
    good = {key: (limit * 2 if cmp == ">=" else limit / 2) for key, cmp, limit in bench.GOALS.values()}
    assert bench.missed_goals(good) == []
    bad = dict(good, open_ratio=3.0, commit_speedup_vs_stock=10.0)
    missed = bench.missed_goals(bad)
    assert len(missed) == 2 and any("open_ratio = 3.0" in m for m in missed)
