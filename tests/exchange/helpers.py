"""Small things the exchange tests share."""

from __future__ import annotations

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
