"""Small things the exchange tests share."""

from __future__ import annotations

import tempfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> Path:
    return FIXTURES / name


def folder_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (recursively) with its bytes: to prove nothing was written."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def by_name(store) -> dict:
    return {c.name: c for c in store.contacts(include_archived=True)}


REAL_WORLD = FIXTURES / "real-world"


def real(name: str) -> Path:
    return REAL_WORLD / name


def contact_shape(store) -> list:
    """What a vCard carries of every contact: id, name, platforms, tags, notes, birthday, how met."""
    return sorted((c.id, c.name, sorted((p.platform, p.handle) for p in c.platforms), c.tags, c.notes, c.birthday,
                   c.how_met) for c in store.contacts(include_archived=True))


def import_twice_and_round_trip(store, kind: str, path: Path, tmp_path: Path, **options):
    """Import ``path``; import it again (it must change nothing); export the contacts as vCard 3.0 and 4.0 and
    import each into an empty journal (it must give the same contacts). Returns the first summary."""
    from smn_tui.exchange.export import contacts_vcard
    from smn_tui.exchange.importer import import_file
    from smn_tui.exchange.plan import ImportOptions
    from smn_tui.storage.store import JournalStore

    opts = ImportOptions(**options) if options else None
    first = import_file(store, kind, path, options=opts)
    before = store.export_tables()
    again = import_file(store, kind, path, options=opts)
    assert (again.added, again.merged, again.interactions, again.acts, again.audits) == (0, 0, 0, 0, 0), \
        again.describe()
    assert store.export_tables() == before
    for version in ("3.0", "4.0"):
        folder = Path(tempfile.mkdtemp(prefix=f"round-trip-{version}-", dir=tmp_path))
        out = folder / "contacts.vcf"
        out.write_bytes(contacts_vcard(store, version=version))
        fresh = JournalStore(folder / "journal" / "journal.json")
        try:
            summary = import_file(fresh, "vcard", out, options=opts)
            assert not summary.skipped and not summary.warnings, summary.describe()
            assert contact_shape(fresh) == contact_shape(store)
        finally:
            fresh.close()
    return first
