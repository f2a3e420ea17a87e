"""The house layers (../shared/STYLE.md) as checks that fail: only store.py touches DuckDB,
builders never import Streamlit, and screens stay thin with no SQL."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from countylines.settings import ROOT

PACKAGE = ROOT / "countylines"
# The Streamlit-facing parts: the screens' shared helpers and views. Everything else in
# the package must work (and be tested) without Streamlit.
VIEWS = {
    "countylines.ui",
    "countylines.map_view",
    "countylines.theme_view",
    "countylines.import_view",
    "countylines.present_view",
}
PAGES = sorted((ROOT / "pages").glob("*.py"))
SQL = re.compile(r"\b(select|insert|delete|update)\b.+\b(from|into|set|where)\b", re.IGNORECASE | re.DOTALL)


def contracts() -> dict[str, set[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["name"]: set(c["source_modules"]) for c in config["contracts"]}


def modules() -> set[str]:
    """The package's children: its modules and sub-packages (import-linter checks what is inside)."""
    children = {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    children |= {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    return {f"countylines.{name}" for name in children}


def test_import_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_every_module_is_under_the_contracts():
    """A new module is checked too: it must be listed (or be store / a view)."""
    rules = contracts()
    assert modules() - {"countylines.store"} == rules["Only countylines.store imports duckdb"]
    assert modules() - VIEWS == rules["Builders and the data core do not import Streamlit"]


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_pages_are_thin_and_hold_no_sql(page):
    text = page.read_text(encoding="utf-8")
    tree = ast.parse(text)
    imported = {
        alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    }
    imported |= {
        node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert "duckdb" not in imported
    # a screen reads widgets, calls countylines and renders: no data access of its own
    assert imported - set(sys.stdlib_module_names) <= {"streamlit", "countylines", "pandas"}, imported
    strings = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert not [s for s in strings if SQL.search(s)]
    assert len(text.splitlines()) <= 150, f"{page.name}: move logic into countylines/"
