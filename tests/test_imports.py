"""Dependencies and import directions a maintainer relies on.

`pyproject.toml` (what `pip install .` gets) and `requirements/base.in` (what the lock is compiled
from) list the same runtime dependencies, and every third-party module the package imports is one
of them. Import directions between the package's modules are checked by import-linter
(`make lint`, contracts in pyproject.toml); `macros.py` is a single file it cannot analyse, so it is
checked here.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9._-]+)\s*(?:\[([^\]]*)\])?")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def name_and_extras(requirement: str) -> tuple[str, list[str]]:
    """'pagefind[bin]==1.5.2' -> ('pagefind', ['bin'])."""
    match = _REQUIREMENT.match(requirement)
    return match[1], [extra.strip() for extra in (match[2] or "").split(",") if extra.strip()]


def base_in() -> list[str]:
    lines = (ROOT / "requirements" / "base.in").read_text(encoding="utf-8").splitlines()
    return [line.split("#")[0].strip() for line in lines if line.split("#")[0].strip()]


def imported_modules(path) -> set[str]:
    """Top-level names of the absolute imports in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_pyproject_and_base_in_declare_the_same_dependencies():
    assert sorted(PYPROJECT["project"]["dependencies"]) == sorted(base_in())


def test_every_imported_third_party_module_is_declared():
    declared = set()
    for requirement in PYPROJECT["project"]["dependencies"]:
        name, extras = name_and_extras(requirement)
        declared.add(normalise(name))
        for needed in importlib.metadata.requires(name) or []:  # pagefind[bin] brings pagefind-bin
            if any(f"extra == '{extra}'" in needed for extra in extras):
                declared.add(normalise(name_and_extras(needed)[0]))
    distributions = importlib.metadata.packages_distributions()
    sources = [*sorted((ROOT / "src" / "reisregister").rglob("*.py")), ROOT / "macros.py"]
    undeclared = {
        f"{path.name}: {module}"
        for path in sources
        for module in imported_modules(path) - set(sys.stdlib_module_names) - {"reisregister", "__future__"}
        if not {normalise(d) for d in distributions.get(module, [module])} & declared
    }
    assert undeclared == set()


def test_macros_calls_only_the_site_layer_with_the_build_s_register():
    imports = imported_modules(ROOT / "macros.py")
    tree = ast.parse((ROOT / "macros.py").read_text(encoding="utf-8"))
    package = {
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module.startswith("reisregister")
        for alias in node.names
    }
    assert package <= {"reisregister.site.blocks", "reisregister.adapters.mkdocs.state"}
    assert "mkdocs" not in imports


def test_the_readme_map_names_every_folder_and_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it is built", 1)[1].split("\n## ", 1)[0]
    tree = re.search(r"```\n(src/reisregister/.*?)```", section, re.S).group(1)
    package = ROOT / "src" / "reisregister"
    modules = {p.name for p in package.rglob("*.py") if p.name != "__init__.py"}
    folders = {f"{p.name}/" for p in package.rglob("*") if p.is_dir() and (p / "__init__.py").is_file()}
    missing = sorted(name for name in modules | folders if not re.search(rf"(?<![\w/]){re.escape(name)}", tree))
    assert missing == []


def test_no_module_imports_another_modules_private_names():
    found = []
    for path in sorted((ROOT / "src" / "reisregister").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reisregister"):
                found += [f"{path.name}: {a.name}" for a in node.names if a.name.startswith("_")]
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = node.value
                # argparse's `_` and `ngettext` are how it is translated (cli/main.py gives it Dutch words)
                allowed = ("self", "cls", "sys", "os", "argparse")
                if isinstance(owner, ast.Name) and owner.id not in allowed and owner.id.islower():
                    found.append(f"{path.name}: {owner.id}.{node.attr}")
    assert found == []


def test_no_test_imports_a_private_name_of_the_package_or_of_another_test():
    """Tests use what the package makes public, and share helpers through sitebuild.py and formsite.py."""
    tests = ROOT / "tests"
    local = {path.stem for path in tests.glob("*.py")}
    found = []
    for path in sorted(tests.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in {"reisregister", *local}:
                found += [f"{path.name}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert found == []
