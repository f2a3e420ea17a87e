"""The house layers (../shared/STYLE.md) as checks that fail: folders are the layers (screens
and the command line, then draw and ingest, then figures, then the store), only the store
touches DuckDB, only screens import Streamlit, no import circle, modules and functions a
reader can hold, and screens that stay thin with no SQL."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from countylines.settings import ROOT

PACKAGE = ROOT / "countylines"
PAGES = sorted((ROOT / "pages").glob("*.py"))
SQL = re.compile(r"\b(select|insert|delete|update)\b.+\b(from|into|set|where)\b", re.IGNORECASE | re.DOTALL)
LINTER = Path(sys.executable).with_name("lint-imports")
MODULE_LINES = 400
FUNCTION_LINES = 65  # "about 60"; a longer function says why in a '# Long:' comment at its top


def contracts() -> dict[str, dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["name"]: c for c in config["contracts"]}


def children() -> set[str]:
    """The package's direct children: its modules and sub-packages."""
    names = {path.stem for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    names |= {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    return names


def layered() -> set[str]:
    (layers,) = [c for c in contracts().values() if c["type"] == "layers"]
    return {name.strip() for layer in layers["layers"] for name in re.split(r"[|:]", layer)}


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINTER)], cwd=cwd, capture_output=True, text=True, timeout=180)


def test_import_contracts_hold():
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_every_module_sits_in_a_layer():
    """A new module or folder must be placed in a layer (the contract is also exhaustive)."""
    assert children() == layered(), f"outside every layer: {children() - layered()}"


def test_the_forbidden_contracts_name_every_other_part():
    rules = contracts()
    everything = {f"countylines.{name}" for name in children()}
    duckdb = rules["Only the store imports DuckDB"]["source_modules"]
    streamlit = rules["Only the screens import Streamlit"]["source_modules"]
    assert set(duckdb) == everything - {"countylines.store"}
    assert set(streamlit) == everything - {"countylines.screens"}


def test_every_folder_says_what_it_holds_and_may_import():
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "import" in docstring.lower(), f"{init.parent.name}/__init__.py: say what it may import"


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("figures/words.py", "from countylines.screens import data", "Layers"),
        ("store/reads.py", "from countylines.figures import nca", "Layers"),
        ("draw/palette.py", "from countylines import ingest", "Layers"),
        ("ingest/sources.py", "from countylines.ingest import commit", "No import circle"),
        ("figures/words.py", "import plotly", "Figures are numbers and words"),
        ("draw/charts.py", "import streamlit", "Only the screens import Streamlit"),
    ],
)
def test_the_contracts_catch_a_wrong_import(tmp_path, module, line, broken):
    """The contracts can fail: a copy of the package with one wrong import breaks the named one."""
    shutil.copytree(PACKAGE, tmp_path / "countylines", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "countylines" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode != 0
    assert re.search(rf"{re.escape(broken)}[^\n]* BROKEN", done.stdout), done.stdout


def test_modules_and_functions_stay_readable():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")) + PAGES:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        if len(lines) > MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}: {len(lines)} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                head = "\n".join(lines[node.lineno - 1 : node.lineno + 12])
                if size > FUNCTION_LINES and "# Long:" not in head:
                    long.append(f"{path.relative_to(ROOT)}: {node.name} is {size} lines with no reason given")
    assert not long, long


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


def test_the_package_readme_names_every_module():
    """countylines/README.md stays true: every module in a folder has its line, and no other."""
    text = (PACKAGE / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `([a-z_/]+\.py)`", text, re.MULTILINE))
    actual = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.parent != PACKAGE and path.name != "__init__.py"
    }
    assert listed == actual
