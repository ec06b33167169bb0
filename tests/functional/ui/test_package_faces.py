"""The UI packages' faces: every name they list loads from its module, and nothing loads before it is asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest

import smn_tui.dialogs
import smn_tui.screens
import smn_tui.widgets


@pytest.mark.parametrize("package", [smn_tui.dialogs, smn_tui.screens, smn_tui.widgets],
                         ids=lambda p: p.__name__)
def test_every_listed_name_loads(package):
    for name in package.__all__:
        assert getattr(package, name).__name__ == name
    with pytest.raises(AttributeError):
        package.NoSuchThing  # noqa: B018 - the lookup is the test


def test_opening_the_first_screen_loads_no_form():
    code = ("import sys, smn_tui.app\n"
            "print(sorted(m for m in sys.modules if m.startswith(('smn_tui.dialogs.', 'smn_tui.exchange'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
