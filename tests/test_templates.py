"""HTML is written in templates only: no module of the site builds a tag in a Python string."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import reisregister.site
from reisregister.site import html

SITE = Path(reisregister.site.__file__).parent
TAG = re.compile(r"<\s*/?\s*[A-Za-z!]")
# Not built from data: render_markdown moves the rendered Markdown's headings below the page's own.
ALLOWED = {("html.py", tag) for tag in ("<h1", "</h1>", "<h2", "</h2>", "<h3", "</h3>")}


def tags_in_python() -> list[tuple[str, int, str]]:
    """(module, line, text) of every string literal or f-string part in site/ that holds a tag (docstrings aside)."""
    found = []
    for module in sorted(SITE.rglob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree) if _has_docstring(node)}
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
            if id(node) not in docstrings and TAG.search(text) and (module.name, text) not in ALLOWED:
                found.append((str(module.relative_to(SITE)), node.lineno, node.value))
    return found


def _has_docstring(node: ast.AST) -> bool:
    body = getattr(node, "body", None)
    return (
        isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and bool(body)
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
    )


def test_no_site_module_writes_a_tag_in_python():
    assert tags_in_python() == []


def test_the_check_sees_a_tag_in_an_f_string(tmp_path, monkeypatch):
    (tmp_path / "view.py").write_text('def f(x):\n    return f"<p>{x}</p>"\n', encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "SITE", tmp_path)
    assert tags_in_python() == [("view.py", 2, "<p>"), ("view.py", 2, "</p>")]


def test_templates_are_package_data_of_the_site():
    names = {path.name for path in (SITE / "templates").glob("*.html")}
    assert {"trip.html", "table.html", "pager.html", "redirect.html", "insights.html", "annual.html"} <= names
    assert not (SITE.parent / "templates").exists()
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"site/templates/*"' in pyproject


def test_one_environment_escapes_and_is_built_once():
    environment = html.environment()
    assert environment is html.environment()
    assert environment.autoescape is True and environment.auto_reload is False
    assert html.render("redirect.html", target="x", title="<b>").count("&lt;b&gt;") == 2
