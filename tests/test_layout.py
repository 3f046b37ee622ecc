"""The layout holds: interfaces call services and selectors (no ORM, transaction or task in a view, an API
endpoint or a command), and nothing outside the import machinery writes spreadsheets through it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "talenta"
INTERFACES = sorted(
    [*ROOT.glob("*/views*.py"), *ROOT.glob("*/api.py"), *ROOT.glob("*/management/commands/*.py")],
    key=str,
)


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            out.append(f"{path.name}:{node.lineno} .objects")
        if isinstance(node, ast.Attribute) and node.attr in ("atomic", "on_commit", "enqueue"):
            out.append(f"{path.name}:{node.lineno} .{node.attr}")
    return out


@pytest.mark.parametrize("path", INTERFACES, ids=lambda p: str(p.relative_to(ROOT)))
def test_interfaces_are_thin(path):
    assert _offences(path) == []


def test_spreadsheets_are_written_by_core_only():
    users = [
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if "imports.exports import" in p.read_text() and not str(p).startswith(str(ROOT / "imports"))
    ]
    assert users == []
