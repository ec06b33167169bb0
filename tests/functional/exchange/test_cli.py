import io
import stat

import orjson
import pytest

from smn_tui.cli import main
from smn_tui.domain.dates import week_from_key
from smn_tui.domain.review import build_review
from smn_tui.exchange.report import render_review
from smn_tui.storage.store import JournalStore

from ...exchange.helpers import fixture, folder_bytes
from ...exchange.seed_store import seeded_journal


def run(*argv, today=None):
    from tests.seed import TODAY

    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), today=today or TODAY, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_import_prints_the_summary_and_writes_once(journal_path):
    code, out, err = run("import", "linkedin", str(fixture("Connections.csv")), "--db", str(journal_path))
    assert code == 0, err
    assert "Imported: LinkedIn file Connections.csv (7 rows read)" in out
    assert "to add:     4 new contact(s)" in out
    assert "line 9: no name, organisation, e-mail address or phone number" in out
    assert err == "imported 5/5\n"  # five readable rows; two were skipped
    with JournalStore(journal_path) as store:
        assert store.count("contacts") == 4


def test_dry_run_does_not_create_a_journal(journal_path):
    code, out, _ = run("import", "vcard", str(fixture("contacts.vcf")), "--dry-run", "--db", str(journal_path))
    assert code == 0
    assert out.startswith("Dry run, nothing written: vCard file contacts.vcf")
    assert not journal_path.parent.exists()


def test_dry_run_leaves_an_existing_journal_byte_for_byte(journal_path):
    seeded_journal(journal_path, compact=False)  # with a change log, which a normal close would fold in
    before = folder_bytes(journal_path.parent)
    code, out, _ = run("import", "google", str(fixture("google.csv")), "--dry-run", "--db", str(journal_path))
    assert code == 0 and "to add:" in out
    assert folder_bytes(journal_path.parent) == before


@pytest.mark.parametrize("kind, name", [("linkedin", "binary.bin"), ("google", "empty.csv"),
                                        ("vcard", "Connections.csv"), ("json", "google.csv")])
def test_a_wrong_file_is_a_clear_error_and_writes_nothing(journal_path, kind, name):
    seeded_journal(journal_path)
    before = folder_bytes(journal_path.parent)
    code, out, err = run("import", kind, str(fixture(name)), "--db", str(journal_path))
    assert code == 1
    assert err.startswith(f"smn: {name}: ") and "Traceback" not in err
    assert out == ""
    assert folder_bytes(journal_path.parent) == before


def test_a_missing_file_is_a_clear_error(journal_path):
    code, _, err = run("import", "vcard", "/no/such/file.vcf", "--db", str(journal_path))
    assert code == 1 and "There is no file at /no/such/file.vcf" in err


def test_an_unknown_kind_is_a_usage_error(journal_path):
    code, _, err = run("import", "thunderbird", "x.csv", "--db", str(journal_path))
    assert code == 2 and "invalid choice" in err


def test_exports_are_private_and_never_overwrite_without_force(journal_path, tmp_path):
    seeded_journal(journal_path)
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    code, out, _ = run("export", "json", "--out", str(target), "--db", str(journal_path))
    assert code == 0 and out.startswith(f"Wrote {target}")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    first = target.read_bytes()
    code, _, err = run("export", "json", "--out", str(target), "--db", str(journal_path))
    assert code == 1 and "already exists; add --force" in err
    assert target.read_bytes() == first
    target.write_bytes(b"old")
    code, _, _ = run("export", "json", "--out", str(target), "--force", "--db", str(journal_path))
    assert code == 0 and orjson.loads(target.read_bytes())["smn_export"]["format"] == "smn-journal"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_csv_export_writes_four_private_files(journal_path, tmp_path):
    seeded_journal(journal_path)
    folder = tmp_path / "csv"
    code, out, _ = run("export", "csv", "--out", str(folder), "--db", str(journal_path))
    assert code == 0 and "Wrote 4 files" in out
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["acts.csv", "audits.csv", "contacts.csv", "interactions.csv"]
    assert all(stat.S_IMODE((folder / n).stat().st_mode) == 0o600 for n in names)
    code, _, err = run("export", "csv", "--out", str(folder), "--db", str(journal_path))
    assert code == 1 and "add --force" in err


def test_vcard_export_to_stdout_and_back(journal_path, tmp_path):
    seeded_journal(journal_path)
    code, out, _ = run("export", "vcard", "--db", str(journal_path))
    assert code == 0 and out.count("BEGIN:VCARD") == 12
    path = tmp_path / "all.vcf"
    path.write_text(out, encoding="utf-8")
    other = tmp_path / "other" / "journal.json"
    code, out, _ = run("import", "vcard", str(path), "--db", str(other))
    assert code == 0 and "to add:     12 new contact(s)" in out


def test_markdown_export_is_the_review_report(journal_path, tmp_path, today):
    seeded_journal(journal_path)
    target = tmp_path / "week.md"
    code, _, _ = run("export", "md", "--week", "2026-W48", "--out", str(target), "--db", str(journal_path))
    assert code == 0
    with JournalStore(journal_path) as store:
        expected = render_review(build_review(store, week_from_key("2026-W48", "monday"), today), "md")
    assert target.read_text("utf-8") == expected
    assert expected.startswith("# Week")


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_on_a_terminal_every_thousand_rows(journal_path, tmp_path):
    from smn_tui.cli import main
    from tests.seed import TODAY

    from ...exchange.bigfile import connections_csv

    path = tmp_path / "Connections.csv"
    path.write_bytes(connections_csv(2500))
    out, err = io.StringIO(), _Terminal()
    assert main(["import", "linkedin", str(path), "--db", str(journal_path)], today=TODAY, out=out, err=err) == 0
    assert err.getvalue() == "\rimported 1000/2500\rimported 2000/2500\rimported 2500/2500\n"


def _mkfifo(tmp_path):
    import os

    fifo = tmp_path / "contacts.vcf"
    if not hasattr(os, "mkfifo"):
        pytest.skip("this system has no FIFOs")
    os.mkfifo(fifo)
    return fifo


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_fifo_is_refused_at_once_not_read(journal_path, tmp_path, dry_run):
    import threading

    fifo = _mkfifo(tmp_path)
    result = {}
    worker = threading.Thread(target=lambda: result.update(zip(
        ("code", "out", "err"), run("import", "vcard", str(fifo), "--db", str(journal_path),
                                    *(["--dry-run"] if dry_run else [])), strict=True)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("importing a FIFO blocked")
    assert result["code"] == 1
    assert result["err"] == (f"smn: contacts.vcf: {fifo} is not a regular file (a device, a pipe or a socket); "
                             "smn imports only files.\n")
    assert not journal_path.parent.exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_reading_it(journal_path, device):
    import os

    if not os.path.exists(device):
        pytest.skip(f"no {device} on this system")
    code, out, err = run("import", "linkedin", device, "--db", str(journal_path))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "is not a regular file" in err
    assert not journal_path.parent.exists()


def test_a_file_bigger_than_the_bound_is_refused_with_the_limit(journal_path, tmp_path, monkeypatch):
    from smn_tui.exchange import importer

    monkeypatch.setattr(importer, "MAX_BYTES", 1000)
    path = tmp_path / "big.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\n" * 100)
    code, _, err = run("import", "vcard", str(path), "--db", str(journal_path))
    assert code == 1
    assert err == f"smn: big.vcf: {path} is bigger than 0 MB, the most an import reads; " \
                  "no address book export comes near it.\n"


def test_a_file_that_grows_while_it_is_read_is_read_only_up_to_the_bound(tmp_path, monkeypatch):
    import os

    from smn_tui.exchange import importer
    from smn_tui.exchange.plan import ImportFormatError

    monkeypatch.setattr(importer, "MAX_BYTES", 3000)
    path = tmp_path / "grows.csv"
    path.write_bytes(b"x" * 1000)
    real_read = os.read
    asked = []

    def read(fd, n):
        if not asked:  # the file grows after it was checked, as a log being written does
            with open(path, "ab") as fh:
                fh.write(b"y" * 1_000_000)
        asked.append(n)
        return real_read(fd, n)

    monkeypatch.setattr(importer.os, "read", read)
    with pytest.raises(ImportFormatError, match="bigger than"):
        importer.read_file(path)
    assert asked[0] == 1001 and sum(asked) == 3001


def test_the_import_command_offers_every_format_of_the_registry(journal_path):
    from smn_tui.exchange.formats import IMPORT_FORMATS

    code, _, err = run("import", "thunderbird", "x.csv", "--db", str(journal_path))
    assert code == 2
    assert "choose from " + ", ".join(f"'{name}'" for name in IMPORT_FORMATS) in err


def test_a_file_of_another_kind_names_what_it_looks_like_and_what_smn_reads(journal_path):
    code, _, err = run("import", "vcard", str(fixture("Connections.csv")), "--db", str(journal_path))
    assert code == 1
    assert err == ("smn: Connections.csv: This is not a vCard file: it does not start with BEGIN:VCARD. "
                   "Nothing was imported. It looks like LinkedIn's Connections.csv (old and new layouts): "
                   "import it as 'linkedin'.\n")
    code, _, err = run("import", "google", str(fixture("binary.bin")), "--db", str(journal_path))
    assert err == ("smn: binary.bin: The file is binary, not a Google Contacts CSV. smn reads LinkedIn, "
                   "Google Contacts, Outlook, vCard, iCalendar or smn JSON.\n")


def test_the_phone_region_places_national_numbers(journal_path, tmp_path):
    from smn_tui.settings import Settings, save_settings

    path = tmp_path / "phones.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Lucía\nTEL:663 12 34 56\nEND:VCARD\n")
    code, _, _ = run("import", "vcard", str(path), "--phone-region", "es", "--db", str(journal_path))
    assert code == 0
    with JournalStore(journal_path) as store:
        assert [p.handle for c in store.contacts() for p in c.platforms] == ["+34663123456"]
    other = tmp_path / "settings" / "journal.json"
    save_settings(Settings(phone_region="ES"))  # the settings' region, when the option names none
    assert run("import", "vcard", str(path), "--db", str(other))[0] == 0
    with JournalStore(other) as store:
        assert [p.handle for c in store.contacts() for p in c.platforms] == ["+34663123456"]
    code, _, err = run("import", "vcard", str(path), "--phone-region", "XX", "--db", str(journal_path))
    assert code == 2 and "'XX' is not a two-letter region code" in err


def test_a_wrong_file_is_refused_before_the_journal_is_opened(store, journal_path):
    from smn_tui.domain.models import Contact

    store.add_contact(Contact("Ada Lovelace"))  # with no backup yet: opening it to write would make one
    before = folder_bytes(journal_path.parent)
    code, _, _ = run("import", "vcard", str(fixture("google.csv")), "--db", str(journal_path))
    assert code == 1
    assert folder_bytes(journal_path.parent) == before
