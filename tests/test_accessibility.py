"""WCAG 2.1 AA as far as a machine can prove it, on one page of every type, and the dated test record.

For each page type: axe-core with the WCAG 2.0/2.1 A and AA rules (no violation of any impact),
the keyboard (every visible control reached by Tab, in order, with a visible focus, no trap) and
a 390 px phone screen (no horizontal scrolling). With A11Y_RECORD set (`make toegankelijkheid`),
the run writes its results, dated, to that file: /toegankelijkheid/ shows the committed record.
One test, so one worker writes the whole record.
"""

from __future__ import annotations

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = {
    "Startpagina": "",
    "Alle reizen": "reizen/",
    "Reizen van een jaar": "reizen/2015/",
    "Jaarrapportage": "reizen/2021/jaarrapportage/",
    "Reis": "reizen/2015-09-14-actions/",
    "Reis met een niet-openbare naam": "reizen/2015-09-14-withheld-and-named/",
    "Overzicht per land": "landen/",
    "Reizen naar een land": "landen/fr/",
    "Reizen met een trefwoord": "tags/veiligheid/",
    "Zoeken": "zoeken/",
    "Inzichten": "inzichten/",
    "Methode": "inzichten/methode/",
    "Vervolgacties": "vervolg/",
    "Open data": "open-data/",
    "Verslag indienen": "verslag-indienen/",
    "Toegankelijkheid": "toegankelijkheid/",
}

# Visible elements that take keyboard focus, in document order, each marked with its index.
_MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const folded = el => {  // inside a closed <details>, other than its own summary
    const details = el.closest('details:not([open])');
    return details !== null && !(el.tagName === 'SUMMARY' && el.parentElement === details);
  };
  // Of a group of radio buttons only the checked one (else the first) is in the tab order.
  const radios = {};
  document.querySelectorAll('input[type=radio]').forEach(r => {
    if (!radios[r.name] || r.checked) radios[r.name] = r;
  });
  const all = [...document.querySelectorAll(selector)].filter(el =>
    (el.type !== 'radio' || radios[el.name] === el) &&
    el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0 && !folded(el) &&
    getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden], [inert], [aria-hidden=true]'));
  all.forEach((el, i) => el.dataset.rrKb = i);
  return all.length;
}"""
# The focused element's mark, and whether its focus shows (an outline or a box shadow).
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // A visually hidden control (Material's colour-scheme switch) shows its focus on the label beside it.
  const marked = node => {
    const style = getComputedStyle(node);
    return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  };
  const beside = el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL' ? [el.nextElementSibling] : [];
  const shown = marked(el) || [...(el.labels || []), ...beside].some(marked);
  return {mark: el.dataset.rrKb ?? null, shown, text: (el.textContent || el.value || '').trim().slice(0, 40)};
}"""


def _axe(page) -> tuple[list[str], int, str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}}).response
    violations = [f"{v['id']} ({v['impact']}, {len(v['nodes'])}x)" for v in results["violations"]]
    return violations, len(results["passes"]), results["testEngine"]["version"]


def _keyboard(page) -> dict:
    count = page.evaluate(_MARK_FOCUSABLE)
    reached, unshown = [], []
    for _ in range(count + 5):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused is None or focused["mark"] is None:
            continue
        mark = int(focused["mark"])
        if reached and mark <= reached[-1]:
            break  # back at the start: the whole page has been passed
        reached.append(mark)
        if not focused["shown"]:
            unshown.append(focused["text"])
    return {"focusable": count, "reached": len(set(reached)), "without_visible_focus": unshown}


def _phone_overflow(browser, url: str) -> int:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True)
    tab = context.new_page()
    tab.goto(url)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    return overflow


def _record(results: list[dict], axe_version: str, browser) -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return {
        "date": date.today().isoformat(),
        "standard": "WCAG 2.1 AA",
        "tools": {"axe-core": axe_version, "Chromium": browser.version, "rules": WCAG_TAGS},
        "commit": commit.stdout.strip(),
        "pages": results,
    }


def test_every_page_type_meets_wcag_21_aa(browser, page, site_url: str):
    results, axe_version = [], ""
    for kind, address in PAGE_TYPES.items():
        page.goto(site_url + address)
        page.wait_for_load_state("networkidle")
        violations, passed, axe_version = _axe(page)
        keyboard = _keyboard(page)
        results.append(
            {
                "type": kind,
                "address": f"/{address}",
                "axe_violations": violations,
                "axe_rules_passed": passed,
                "keyboard": keyboard,
                "phone_390_overflow_px": _phone_overflow(browser, site_url + address),
            }
        )
    if os.environ.get("A11Y_RECORD"):
        text = json.dumps(_record(results, axe_version, browser), ensure_ascii=False, indent=2) + "\n"
        Path(os.environ["A11Y_RECORD"]).write_text(text, encoding="utf-8")
    failures = [
        r
        for r in results
        if r["axe_violations"]
        or r["keyboard"]["reached"] != r["keyboard"]["focusable"]
        or r["keyboard"]["without_visible_focus"]
        or r["phone_390_overflow_px"] > 0
    ]
    assert failures == []
