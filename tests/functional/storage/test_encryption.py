"""An encrypted journal: the stock age tool opens every file, no plaintext ever lies on disk, and a
wrong key or a kill in the middle of 'smn encrypt' costs nothing."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pyrage
import pytest

from smn_tui.cli import main
from smn_tui.domain.models import Contact, HelpfulAct, Interaction
from smn_tui.storage.crypt import switch_codec
from smn_tui.storage.journal_file import JournalFile
from smn_tui.storage.keys import load_codec, make_identity
from smn_tui.storage.store import JournalStore

from ...seed import TODAY, seed_journal
from ...storage.crash import every_crash_point
from ...storage.util import folder_state

AGE = shutil.which("age")
SECRET_WORDS = ("Lovelace", "Hopper", "compilers", "Babbage")


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), today=TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def seeded(journal: Path) -> dict:
    with JournalStore(journal) as s:
        seed_journal(s)
        s.update_contact(Contact("Ada Lovelace", notes="Talked about compilers and Babbage",
                                 id=s.resolve_name("Ada Lovelace").id))
        s.compact()
        s.add_act(HelpfulAct([s.resolve_name("Grace").id], TODAY, "Reviewed the Lovelace notes"))
        return s.export_tables()


def in_the_clear(*folders: Path) -> list[str]:
    """Every file under ``folders`` holding one of the secret words."""
    found = []
    for folder in folders:
        for p in folder.rglob("*"):
            if p.is_file() and any(w.encode() in p.read_bytes() for w in SECRET_WORDS):
                found.append(str(p))
    return found


def test_encrypting_turns_every_file_into_an_age_message_the_journal_still_reads(journal_path, tmp_path):
    before = seeded(journal_path)
    run("doctor", "--db", str(journal_path))  # a daily backup
    code, out, err = run("encrypt", "--db", str(journal_path))
    assert code == 0, err
    identity = Path(out.split("saved in ")[1].split(" (")[0])
    assert identity.stat().st_mode & 0o077 == 0 and "losing it means losing the journal" in out
    assert not in_the_clear(journal_path.parent, identity.parent)
    for p in [journal_path, *journal_path.parent.glob("journal.json.entries-*"), journal_path.with_name(
            "journal.json.names"), *(journal_path.parent / "backups").iterdir()]:
        assert p.read_bytes().startswith(b"age-encryption.org/v1\n"), p
    with JournalStore(journal_path) as s:  # the identity is remembered in the settings
        assert s.export_tables() == before
    code, out, _ = run("doctor", "--db", str(journal_path))
    assert code == 0 and f"Encrypted: yes, to {load_codec(identity).recipient}" in out


@pytest.mark.skipif(AGE is None, reason="the age tool is not installed (apt-get install age)")
def test_the_stock_age_tool_decrypts_the_head_entries_and_backups_into_the_plain_json(journal_path, tmp_path):
    seeded(journal_path)
    run("doctor", "--db", str(journal_path))
    plain = {p.name: p.read_bytes() for p in journal_path.parent.iterdir() if p.is_file()}
    backups_plain = {p.name: p.read_bytes() for p in (journal_path.parent / "backups").iterdir()}
    identity = tmp_path / "key.txt"
    codec = make_identity(identity)
    jf = JournalFile(journal_path, keys=lambda: codec)
    switch_codec(jf, codec)
    head = subprocess.run([AGE, "-d", "-i", str(identity), str(journal_path)], capture_output=True, check=True)
    body = json.loads(head.stdout)
    assert body["_smn"]["recipient"] == codec.recipient and "Ada Lovelace" in head.stdout.decode()
    assert {c["name"] for c in body["contacts"].values()} >= {"Ada Lovelace", "Grace Hopper"}
    entries = next(journal_path.parent.glob("journal.json.entries-*"))
    lines = subprocess.run([AGE, "-d", "-i", str(identity), str(entries)], capture_output=True,
                           check=True).stdout.splitlines()
    assert all(json.loads(line) for line in lines) and b"Reviewed the Lovelace notes" in b"".join(lines)
    for name, data in backups_plain.items():
        out = subprocess.run([AGE, "-d", "-i", str(identity), str(journal_path.parent / "backups" / name)],
                             capture_output=True, check=True).stdout
        assert out == data  # the same bytes the plain journal's backup held
    assert plain  # (the plain journal existed)


def test_a_whole_day_of_use_leaves_no_plaintext_anywhere(journal_path, tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("TMPDIR", str(temp))
    config = Path(tmp_path / "home" / "config")
    monkeypatch.setenv("SMN_CONFIG", str(config / "settings.json"))
    assert run("encrypt", "--db", str(journal_path))[0] == 0  # a new journal starts encrypted
    db = ["--db", str(journal_path)]
    assert run("contact", "add", "Ada Lovelace", "--note", "Talked about compilers", *db)[0] == 0
    assert run("helped", "ada", "Introduced her to Babbage", "--new", *db)[0] == 0
    assert run("log", "grace hopper", "Coffee", "--new", *db)[0] == 0
    app = JournalStore(journal_path, app=True)  # the app's writes go through the same store
    app.add_interaction(Interaction([app.resolve_name("Grace Hopper").id], TODAY, note="Hopper's lecture"))
    app.close()  # the app compacts as it quits
    vcf = tmp_path / "in.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Alan Hopper\nEMAIL:alan@example.org\nEND:VCARD\n")
    assert run("import", "vcard", str(vcf), *db)[0] == 0
    vcf.unlink()  # the user's own file, in the clear by their choice
    export = tmp_path / "export.json"
    assert run("export", "json", "--out", str(export), *db)[0] == 0
    assert export.read_bytes().startswith(b"age-encryption.org/v1")
    assert run("doctor", *db)[0] == 0
    assert run("contact", "edit", "ada", "--note", "Lovelace again", *db)[0] == 0
    assert run("undo", *db)[0] == 0
    assert run("restore", "1", *db)[0] == 0
    assert run("migrate", *db)[0] == 0
    with JournalStore(journal_path) as s:
        s.compact()
        s.take_backup()
    assert not in_the_clear(journal_path.parent, config, temp, export.parent)
    code, out, _ = run("export", "json", "--plain", *db)
    assert code == 0 and "Ada Lovelace" in out  # only when asked for


def _folder(journal: Path) -> dict:
    return {k: v for k, v in folder_state(journal.parent).items() if not k.endswith(".lock")}


@pytest.mark.parametrize("how", ["missing", "wrong identity", "not an identity", "wrong passphrase"])
def test_a_wrong_or_missing_key_is_one_line_and_nothing_is_written(journal_path, tmp_path, monkeypatch, how):
    seeded(journal_path)
    assert run("encrypt", "--identity", str(tmp_path / "nokey.txt"), "--db", str(journal_path))[0] == 1
    identity = tmp_path / "key.txt"
    codec = make_identity(identity)
    switch_codec(JournalFile(journal_path, keys=lambda: codec), codec)
    before = _folder(journal_path)
    if how == "missing":
        monkeypatch.setenv("SMN_IDENTITY", str(tmp_path / "gone.txt"))
    elif how == "wrong identity":
        make_identity(tmp_path / "other.txt")
        monkeypatch.setenv("SMN_IDENTITY", str(tmp_path / "other.txt"))
    elif how == "not an identity":
        (tmp_path / "junk.txt").write_text("hello\n")
        monkeypatch.setenv("SMN_IDENTITY", str(tmp_path / "junk.txt"))
    else:
        locked = tmp_path / "locked.age"
        locked.write_bytes(pyrage.passphrase.encrypt(identity.read_bytes(), "right horse"))
        monkeypatch.setenv("SMN_IDENTITY", str(locked))
        monkeypatch.setenv("SMN_PASSPHRASE", "wrong horse")
    for cmd in (["due"], ["helped", "Ada", "x"], ["log", "Ada", "x"], ["contact", "add", "Zed"], ["history"],
                ["undo"], ["export", "json"]):
        code, _, err = run(*cmd, "--db", str(journal_path))
        assert code == 1 and err.startswith("smn: ") and err.count("\n") == 1, (cmd, err)
        assert "Traceback" not in err and "Nothing was written" in err
    assert _folder(journal_path) == before


def test_a_passphrase_protected_identity_opens_the_journal(journal_path, tmp_path, monkeypatch):
    seeded(journal_path)
    identity = tmp_path / "key.txt"
    codec = make_identity(identity)
    locked = tmp_path / "key.age"
    locked.write_bytes(pyrage.passphrase.encrypt(identity.read_bytes(), "correct horse"))
    identity.unlink()
    monkeypatch.setenv("SMN_IDENTITY", str(locked))
    code, _, err = run("due", "--db", str(journal_path))
    assert code == 0  # a plain journal needs no key at all
    monkeypatch.setenv("SMN_PASSPHRASE", "correct horse")
    assert run("encrypt", "--identity", str(locked), "--db", str(journal_path))[0] == 0
    assert codec.recipient in run("doctor", "--db", str(journal_path))[1]
    monkeypatch.delenv("SMN_PASSPHRASE")
    code, _, err = run("due", "--db", str(journal_path))  # not on a terminal: told how to give it
    assert code == 1 and "SMN_PASSPHRASE" in err


def test_rotating_moves_the_journal_and_its_backups_to_a_new_identity(journal_path, tmp_path, monkeypatch):
    before = seeded(journal_path)
    run("doctor", "--db", str(journal_path))
    assert run("encrypt", "--db", str(journal_path))[0] == 0
    code, out, err = run("encrypt", "--rotate", "--db", str(journal_path))
    assert code == 0, err
    new = Path(out.split("saved in ")[1].split(" (")[0])
    assert new.name == "identity-2.txt"
    monkeypatch.setenv("SMN_IDENTITY", str(new.with_name("identity.txt")))
    assert run("due", "--db", str(journal_path))[0] == 1  # the old identity opens nothing now
    for backup in (journal_path.parent / "backups").iterdir():
        with pytest.raises(pyrage.DecryptError):
            pyrage.decrypt(backup.read_bytes(), [load_codec(new.with_name("identity.txt")).identity])
    monkeypatch.setenv("SMN_IDENTITY", str(new))
    with JournalStore(journal_path) as s:
        assert s.export_tables() == before


def test_decrypting_to_a_folder_leaves_the_journal_as_it_is(journal_path, tmp_path):
    before = seeded(journal_path)
    assert run("encrypt", "--db", str(journal_path))[0] == 0
    state = _folder(journal_path)
    code, _, _ = run("decrypt", "--out", str(tmp_path / "plain"), "--db", str(journal_path))
    assert code == 0 and _folder(journal_path) == state
    copy = tmp_path / "plain" / "journal.json"
    assert copy.read_bytes().startswith(b'{"contacts"')
    with JournalStore(copy) as s:
        assert s.export_tables() == before
    assert run("decrypt", "--db", str(journal_path))[0] == 0
    assert journal_path.read_bytes().startswith(b'{"contacts"')
    assert not any(p.read_bytes().startswith(b"age-") for p in (journal_path.parent / "backups").iterdir())


def test_a_kill_at_any_point_of_encrypting_leaves_a_whole_journal(tmp_path, monkeypatch):
    base = tmp_path / "base"
    journal = base / "journal.json"
    before = seeded(journal)
    with JournalStore(journal) as s:
        s.take_backup()
    codec = make_identity(tmp_path / "key.txt")
    monkeypatch.setenv("SMN_IDENTITY", str(tmp_path / "key.txt"))
    kinds = {"plain": 0, "encrypted": 0}

    def action(folder):
        switch_codec(JournalFile(folder / "journal.json", keys=lambda: codec), codec)

    def check(folder, completed):
        jf = JournalFile(folder / "journal.json", keys=lambda: codec)
        result = jf.load(entries=True)
        kinds["encrypted" if jf.codec.encrypted else "plain"] += 1
        assert {name: t for name, t in result.tables.items()} == before
        if completed:
            assert jf.codec.encrypted
        with JournalStore(folder / "journal.json") as s:  # and it keeps working
            s.add_contact(Contact("After the kill"))
        if jf.codec.encrypted:
            switch_codec(jf, codec)  # running it again finishes the job: nothing left in the clear
            assert not in_the_clear(folder)

    points = every_crash_point(base, action, check, work=tmp_path / "runs", torn=True)
    assert points > 8 and kinds["plain"] and kinds["encrypted"]


async def test_the_app_on_an_encrypted_journal_writes_nothing_in_the_clear(journal_path, tmp_path, monkeypatch):
    from ...conftest import make_app
    from ...storage.encrypted import encrypt

    encrypt(journal_path, tmp_path / "key.txt", monkeypatch)
    with JournalStore(journal_path) as s:
        seed_journal(s)
    store = JournalStore(journal_path, app=True)
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("1", "2", "3", "4", "1"):
            await pilot.press(key)
        app.save(lambda: store.add_contact(Contact("Babbage Charles", notes="Lovelace's friend")),
                 done="Added Babbage Charles.")
        await pilot.pause()
    store.close()  # as the app quits: the log is compacted into a new encrypted snapshot
    assert not in_the_clear(journal_path.parent)
    with JournalStore(journal_path) as s:
        assert s.resolve_name("Babbage").notes == "Lovelace's friend"
