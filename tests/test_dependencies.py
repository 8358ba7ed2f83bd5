"""Every third-party module factlint imports is a declared dependency.

A module that happens to be installed on a developer's machine (click, PyYAML) but
is not declared passes every other test there and breaks a fresh install.
"""

import ast
import importlib.metadata as md
import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]

# Installed with, and pinned by, a declared dependency.
BUNDLED = {"pydantic-core": "pydantic"}


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[\s<>=!~;\[]", d, maxsplit=1)[0] for d in project["dependencies"]}
    return {n.lower().replace("_", "-") for n in names}


def imported_top_levels() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted((ROOT / "factlint").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.split(".")[0], str(path.relative_to(ROOT)))
    return found


def test_third_party_imports_are_declared_dependencies():
    dists = md.packages_distributions()
    allowed = declared()
    missing = []
    for top, where in imported_top_levels().items():
        if top == "factlint" or top in sys.stdlib_module_names:
            continue
        owners = {d.lower().replace("_", "-") for d in dists.get(top, [])} or {top.lower().replace("_", "-")}
        owners |= {BUNDLED[o] for o in owners if o in BUNDLED}
        if not owners & allowed:
            missing.append(f"{top} (imported in {where}, from {sorted(owners) or 'nothing installed'})")
    assert not missing, "undeclared imports: " + "; ".join(missing)
