"""The optional NL Design System bridge: Den Haag's component tokens (npm, pinned) and the stylesheet
that maps Material's variables to them, switched on by extra.reisregister.nl_design_system."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site

TOKENS = "assets/nlds/design-tokens-components.css"
BRIDGE = "assets/nlds-denhaag.css"


@pytest.fixture(scope="module")
def themed_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("nlds")
    reports = base / "reports"
    shutil.copytree(ROOT / "reports", reports)
    build_site(reports, base / "site", env_extra={"NL_DESIGN_SYSTEM": "true"})
    return base / "site"


def test_the_tokens_are_the_pinned_npm_package_under_the_eupl():
    lock = json.loads((ROOT / "tools" / "nlds" / "package-lock.json").read_text(encoding="utf-8"))
    package = lock["packages"]["node_modules/@gemeente-denhaag/design-tokens-components"]
    assert package["license"] == "EUPL-1.2" and package["integrity"].startswith("sha512-")


def test_switched_on_the_site_serves_the_tokens_and_the_bridge_after_materials_styles(themed_site: Path):
    page = (themed_site / "index.html").read_text(encoding="utf-8")
    styles = [line for line in page.splitlines() if 'rel="stylesheet"' in line]
    order = [next(i for i, line in enumerate(styles) if name in line) for name in ("main.", TOKENS, BRIDGE)]
    assert order == sorted(order)
    tokens = (themed_site / TOKENS).read_text(encoding="utf-8")
    assert "--utrecht-link-color" in tokens
    assert "@font-face" not in tokens  # Den Haag's typefaces (another licence) are named, never bundled or fetched


def test_switched_off_by_default(built_site: Path):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert TOKENS not in page and BRIDGE not in page


@pytest.mark.browser
def test_material_takes_the_den_haag_tokens_and_falls_back_without_them(browser, themed_site: Path):
    from conftest import serious_violations

    tab = browser.new_page()
    tab.goto((themed_site / "open-data" / "index.html").as_uri())
    tab.add_style_tag(content="* { transition: none !important; }")  # Material fades link colours
    link = ".md-typeset td a[href]"
    themed = tab.eval_on_selector(link, "a => getComputedStyle(a).color")
    probe = tab.evaluate(
        """() => { const p = document.createElement('span'); p.style.color = 'var(--utrecht-link-color)';
        document.body.append(p); return getComputedStyle(p).color; }"""
    )
    assert themed == probe != "rgb(64, 81, 181)"  # Den Haag's link colour, not Material's indigo
    assert serious_violations(tab) == []  # contrast holds with Den Haag's colours too
    tab.eval_on_selector(f'link[href$="{TOKENS}"]', "l => { l.disabled = true; }")
    assert tab.eval_on_selector(link, "a => getComputedStyle(a).color") == "rgb(64, 81, 181)"
    tab.close()
