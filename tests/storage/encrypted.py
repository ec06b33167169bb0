"""Encrypted journals for the tests: an age identity in the test's home, and a journal switched to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from smn_tui.storage.crypt import switch_codec
from smn_tui.storage.journal_file import JournalFile
from smn_tui.storage.keys import make_identity


def encrypt(journal: Path, identity: Path, monkeypatch: pytest.MonkeyPatch | None = None) -> str:
    """Make ``journal`` (made if missing) encrypted to a new identity at ``identity``; SMN_IDENTITY names it.

    Returns the recipient. Everything written to the journal afterwards, by any process with
    SMN_IDENTITY set, stays encrypted: a journal is what its head is.
    """
    codec = make_identity(identity)
    if monkeypatch is not None:
        monkeypatch.setenv("SMN_IDENTITY", str(identity))
    jf = JournalFile(journal, keys=lambda: codec)
    jf.ensure_folder()
    switch_codec(jf, codec)
    return codec.recipient


@pytest.fixture(params=["plain", "encrypted"])
def journal_kind(request, journal_path, tmp_path):  # type: ignore[no-untyped-def]
    """Run a test on a plain journal and again on an encrypted one (journal_path is encrypted before use).

    SMN_IDENTITY is set apart from the test's own monkeypatch, which some tests undo midway.
    """
    env = pytest.MonkeyPatch()
    if request.param == "encrypted":
        encrypt(journal_path, tmp_path / "identity.txt", env)
    yield str(request.param)
    env.undo()
