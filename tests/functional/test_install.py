"""A non-editable install carries styles/ and data/ and runs from another folder."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import smn_tui

ROOT = Path(smn_tui.__file__).resolve().parent.parent


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source tree to build a wheel")
def test_wheel_installs_with_its_styles_and_data(tmp_path):
    wheels, target, elsewhere = tmp_path / "wheels", tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Build with the installed backend when there is one (fast, offline); else pip fetches it.
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("hatchling") else []
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", *isolation, "-q", "-w", str(wheels)],
        capture_output=True, text=True, timeout=120,
    )
    assert build.returncode == 0, build.stderr
    [wheel] = wheels.glob("smn-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        shipped = zf.namelist()
    assert "smn_tui/_data/demo_journal.json" in shipped and "smn_tui/_styles/app.tcss" in shipped
    assert not any(name.startswith(("tests/", "tools/")) for name in shipped)
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=120,
    )
    assert install.returncode == 0, install.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    check = subprocess.run(
        [sys.executable, "-c",
         "import smn_tui, smn_tui.resources as r\n"
         "from pathlib import Path\n"
         f"assert Path(smn_tui.__file__).resolve().is_relative_to(Path({str(target)!r}).resolve()), smn_tui.__file__\n"
         "assert r.styles_dir().is_relative_to(Path(smn_tui.__file__).parent), r.styles_dir()\n"
         "assert any(r.styles_dir().glob('*.tcss')), r.styles_dir()\n"
         "assert r.data_file('demo_journal.json').is_file()\n"
         "print('ok')\n"],
        capture_output=True, text=True, env=env, cwd=elsewhere, timeout=60,
    )
    assert check.returncode == 0 and check.stdout.strip() == "ok", check.stderr
    version = subprocess.run([sys.executable, "-m", "smn_tui", "--version"], capture_output=True, text=True,
                             env=env, cwd=elsewhere, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"smn {smn_tui.__version__}", version.stderr
    demo = subprocess.run(
        [sys.executable, "-c",
         "from datetime import date\n"
         "from pathlib import Path\n"
         "from smn_tui.exchange.demo import write_demo_journal\n"
         "print(write_demo_journal(Path('j') / 'journal.json', date(2026, 11, 25)))\n"],
        capture_output=True, text=True, env=env, cwd=elsewhere, timeout=60,
    )
    assert demo.returncode == 0 and int(demo.stdout) > 200, demo.stderr
