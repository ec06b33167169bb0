"""Exports write only to regular files (new or existing) or standard output."""

from __future__ import annotations

import os
import socket
import stat

import pytest

from .helpers import smn

FORMATS = [["json"], ["vcard"], ["md"]]


def _unchanged(path, before: os.stat_result) -> bool:
    now = os.lstat(path)
    return (now.st_mode, now.st_ino, now.st_size, now.st_mtime_ns) == (
        before.st_mode, before.st_ino, before.st_size, before.st_mtime_ns)


@pytest.mark.parametrize("fmt", FORMATS, ids="".join)
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["", "force"])
def test_a_link_to_a_device_is_refused_and_stays(small_db, tmp_path, fmt, force):
    link = tmp_path / "out.json"
    link.symlink_to("/dev/null")
    r = smn("export", *fmt, "--out", str(link), *force, db=small_db)
    assert r.code == 1 and r.err == ("smn: /dev/null is a device; exports write only to regular files or "
                                     "standard output. Nothing was written.\n")
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["", "force"])
def test_a_fifo_is_refused(small_db, tmp_path, force):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = os.lstat(fifo)
    r = smn("export", "json", "--out", str(fifo), *force, db=small_db)
    assert r.code == 1 and "is a FIFO (a named pipe); exports write only to regular files" in r.err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and _unchanged(fifo, before)


def test_a_socket_is_refused(small_db, tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        r = smn("export", "md", "--out", str(path), "--force", db=small_db)
        assert r.code == 1 and "is a socket" in r.err
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["", "force"])
def test_a_dangling_link_is_refused(small_db, tmp_path, force):
    link = tmp_path / "out.json"
    link.symlink_to(tmp_path / "nowhere" / "x.json")
    r = smn("export", "json", "--out", str(link), *force, db=small_db)
    assert r.code == 1 and "is a link to nothing" in r.err
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_folder_is_refused(small_db, tmp_path):
    r = smn("export", "json", "--out", str(tmp_path), "--force", db=small_db)
    assert r.code == 1 and "is a folder" in r.err


def test_a_link_to_a_regular_file_writes_the_file_and_keeps_the_link(small_db, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert smn("export", "json", "--out", str(link), db=small_db).code == 1  # exists: needs --force
    r = smn("export", "json", "--out", str(link), "--force", db=small_db)
    assert r.code == 0 and f"Wrote {link}" in r.out
    assert link.is_symlink() and real.read_text().startswith("{")


def test_new_and_existing_regular_files_and_stdout_still_work(small_db, tmp_path):
    target = tmp_path / "new.md"
    assert smn("export", "md", "--out", str(target), db=small_db).code == 0
    assert target.read_text().startswith("# Week")
    assert smn("export", "md", "--out", str(target), "--force", db=small_db).code == 0
    assert smn("export", "json", db=small_db).out.startswith("{")


def test_csv_files_that_are_not_regular_files_are_refused(small_db, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "acts.csv").symlink_to("/dev/null")
    r = smn("export", "csv", "--out", str(folder), "--force", db=small_db)
    assert r.code == 1 and "/dev/null is a device" in r.err
    assert sorted(os.listdir(folder)) == ["acts.csv"]  # nothing else was written either
