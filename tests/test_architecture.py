"""DESIGN §1: data flows one way. ingest never imports graph/ or web/; web never imports ingest/.

Checked on the source's import statements (ast), so a stray import anywhere in a package fails here.
"""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"ingest": {"graph", "web"}, "web": {"ingest"}, "ontology": {"ingest", "graph", "web"}}


def imported_packages(py: Path) -> set[str]:
    tree = ast.parse(py.read_text(encoding="utf-8"), filename=str(py))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_downstream(package):
    offenders = []
    for py in sorted((ROOT / package).rglob("*.py")):
        bad = imported_packages(py) & FORBIDDEN[package]
        if bad:
            offenders.append(f"{py.relative_to(ROOT)} imports {sorted(bad)}")
    assert not offenders, "one-way data flow broken:\n" + "\n".join(offenders)


def test_checker_sees_a_forbidden_import(tmp_path):
    """The check itself must be able to fail."""
    bad = tmp_path / "x.py"
    bad.write_text("from graph.store import open_store\nimport web.app\n")
    assert imported_packages(bad) == {"graph", "web"}


def test_ingest_code_names_no_person_from_the_corpus():
    """Facts come from the text: no signatory or holder name from the gold appears in ingest code."""
    import yaml

    gold = yaml.safe_load((ROOT / "tests/fixtures/acceptance/seeds-gold.yaml").read_text(encoding="utf-8"))
    surnames = {p["name"].split()[-1] for p in gold["people"]}
    surnames -= {"Ahmed", "Islam", "Jones", "Davis"}  # too common to be evidence of fitting on their own
    hits = []
    for py in sorted((ROOT / "ingest").rglob("*.py")):
        text = py.read_text(encoding="utf-8")
        hits += [f"{py.name}: {s}" for s in sorted(surnames) if re.search(rf"\b{re.escape(s)}\b", text)]
    assert not hits, hits
