"""Where a saved review goes: its file name, the folder offered, and a write that never overwrites."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def review_file_name(week_key: str) -> str:
    return f"smn-review-{week_key}.md"


def default_export_folder() -> Path:
    """The user's documents folder when it exists, else their home."""
    try:
        from platformdirs import user_documents_path

        docs = user_documents_path()
        if docs.is_dir():
            return docs
    except Exception:  # no documents folder known on this system
        pass
    return Path.home()


def write_new_file(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name`` atomically, readable by the owner only (0600).

    Never overwrites: when the name is taken, ``-2``, ``-3``... go before the
    extension. The text goes to a temporary file first, which is then linked
    into place, so a reader never sees half a report.
    """
    folder = Path(folder)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    fd, tmp = tempfile.mkstemp(prefix=".smn-", suffix=".tmp", dir=folder)  # created 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        n = 1
        while True:
            target = folder / (name if n == 1 else f"{stem}-{n}{dot}{ext}")
            try:
                os.link(tmp, target)  # fails if the target exists: nothing is overwritten
                return target
            except FileExistsError:
                n += 1
            except OSError:  # no hard links here (some file systems): check, then rename
                if target.exists():
                    n += 1
                    continue
                os.replace(tmp, target)
                return target
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
