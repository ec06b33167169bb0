"""The domain, storage, exchange and command-line layers never import Textual."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import smn_tui

ROOT = Path(smn_tui.__file__).resolve().parent.parent
LAYERS = ("domain", "storage", "exchange", "cli")


def modules() -> list[str]:
    found = []
    for layer in LAYERS:
        folder = ROOT / "smn_tui" / layer
        for info in pkgutil.iter_modules([str(folder)]):
            found.append(f"smn_tui.{layer}.{info.name}")
    return sorted(found)


def run(code: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=60)


def test_every_layer_module_is_found():
    found = modules()
    for expected in ("smn_tui.domain.models", "smn_tui.domain.dates", "smn_tui.storage.store",
                     "smn_tui.exchange.demo", "smn_tui.cli.capture", "smn_tui.cli.run_app"):
        assert expected in found


def test_layers_do_not_import_textual():
    names = modules()
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "    assert 'textual' not in sys.modules, name\n"
        "import smn_tui.settings, smn_tui.resources\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print('textual modules:', bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = run(code)
    assert result.returncode == 0, result.stdout + result.stderr


def test_capture_from_the_shell_imports_no_textual(tmp_path):
    db = tmp_path / "journal.json"
    code = (
        "import io, sys\n"
        "from datetime import date\n"
        "from smn_tui.cli import main\n"
        f"args = ['helped', 'Ada, Bob', 'Reviewed the draft', '--new', '--db', {str(db)!r}]\n"
        "code = main(args, today=date(2026, 11, 25), out=io.StringIO(), err=io.StringIO())\n"
        "for extra in (['due'], ['week', '--format', 'json'], ['log', 'ada', 'hi']):\n"
        f"    code += main([*extra, '--db', {str(db)!r}], today=date(2026, 11, 25), out=io.StringIO())\n"
        "assert code == 0, code\n"
        "sys.exit(1 if any(m.split('.')[0] == 'textual' for m in sys.modules) else 0)\n"
    )
    result = run(code)
    assert result.returncode == 0, result.stdout + result.stderr
    assert db.exists() or db.with_name(db.name + ".log").exists()


def test_audit_logic_does_not_need_the_ui():
    code = "import sys, smn_tui.domain.audit; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_import_and_export_code_does_not_load_textual():
    code = ("import sys, smn_tui.exchange.importer, smn_tui.exchange.export, smn_tui.cli.transfer; "
            "sys.exit(1 if 'textual' in sys.modules else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
