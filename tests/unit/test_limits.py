"""The size limits for smn_tui/: no module over 400 lines, no class over 300, no function over 60.

A screen or store that outgrows them is split along its concerns (see how the contacts screen leaves
its changes, merging and listing to modules of their own).
"""

from __future__ import annotations

import ast
from pathlib import Path

import smn_tui

PACKAGE = Path(smn_tui.__file__).resolve().parent
MODULE_LINES = 400
CLASS_LINES = 300
FUNCTION_LINES = 60

def over_the_limits(root: Path) -> list[str]:
    """Every module, class and function under ``root`` over its limit, as ``path:line name (n lines)``."""
    found = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(root.parent).as_posix()
        lines = len(text.splitlines())
        if lines > MODULE_LINES:
            found.append(f"{where}: module ({lines} lines, limit {MODULE_LINES})")
        for node in ast.walk(ast.parse(text, filename=str(path))):
            if isinstance(node, ast.ClassDef):
                limit = CLASS_LINES
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                limit = FUNCTION_LINES
            else:
                continue
            n = node.end_lineno - node.lineno + 1  # from the def or class line to the last
            if n > limit:
                found.append(f"{where}:{node.lineno} {node.name} ({n} lines, limit {limit})")
    return found


def test_no_module_class_or_function_is_over_its_limit():
    over = over_the_limits(PACKAGE)
    assert not over, "over the size limits:\n" + "\n".join(over)


def test_the_check_names_each_module_class_and_function_over_its_limit(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    big_class = "\n".join(f"    x{i} = {i}" for i in range(CLASS_LINES))
    (package / "big_class.py").write_text(f"class Big:\n{big_class}\n\n\ndef small():\n    return 1\n")
    long_function = "\n".join(f"        x{i} = {i}" for i in range(FUNCTION_LINES - 1))
    (package / "long_function.py").write_text(f"class Small:\n    async def long(self):\n{long_function}\n"
                                              f"        return 1\n")
    (package / "long_module.py").write_text("x = 1\n" * (MODULE_LINES + 1))
    (package / "just_in.py").write_text("x = 1\n" * MODULE_LINES)
    assert over_the_limits(package) == [
        f"pkg/big_class.py:1 Big ({CLASS_LINES + 1} lines, limit {CLASS_LINES})",
        f"pkg/long_function.py:2 long ({FUNCTION_LINES + 1} lines, limit {FUNCTION_LINES})",
        f"pkg/long_module.py: module ({MODULE_LINES + 1} lines, limit {MODULE_LINES})",
    ]
