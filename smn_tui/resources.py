"""Where the shipped ``styles/`` and ``data/`` folders are.

In a source checkout or an editable install they sit at the repository's top
level; a wheel carries them inside the package as ``_styles`` and ``_data``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(installed: str, top_level: str) -> Path:
    inside = _PACKAGE / installed
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / top_level


def styles_dir() -> Path:
    return _folder("_styles", "styles")


def data_dir() -> Path:
    return _folder("_data", "data")


def data_file(name: str) -> Path:
    return data_dir() / name
