"""The site in a real headless Chromium: loading, sorting, privacy, phones and accessibility."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from conftest import serious_violations
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "reizen/",
    "reizen/2015/",
    "landen/fr/",
    "reizen/2015-09-14-withheld-and-named/",
    "reizen/2016-03-01-hostile/",
    "open-data/",
    "inzichten/",
    "inzichten/methode/",
    "vervolg/",
    "tags/veiligheid/",
    "reizen/2015-09-14-actions/",
]


@pytest.mark.parametrize("address", PAGES)
def test_page_loads_clean_and_stays_local(page, site_url: str, address: str):
    response = page.goto(site_url + address)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []
    hosts = {urlparse(url).hostname for url in page.requested if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


@pytest.mark.parametrize("address", PAGES)
def test_no_serious_accessibility_violations(page, site_url: str, address: str):
    page.goto(site_url + address)
    assert serious_violations(page) == []


@pytest.mark.parametrize("address", PAGES)
def test_no_serious_accessibility_violations_in_the_dark_scheme(browser, site_url: str, address: str):
    context = browser.new_context(locale="nl-NL", color_scheme="dark")
    tab = context.new_page()
    tab.goto(site_url + address)
    assert tab.locator("body").get_attribute("data-md-color-scheme") == "slate"  # follows the device
    violations = serious_violations(tab)
    context.close()
    assert violations == []


def test_the_toggle_switches_the_scheme_and_the_charts_follow(page, site_url: str):
    page.goto(site_url + "inzichten/")
    chart = page.locator(".rr-chart").first
    expect(chart.locator(".rr-chart--light img")).to_be_visible()
    expect(chart.locator(".rr-chart--dark img")).to_be_hidden()
    page.locator("label[title='Donkere weergave']").click()  # the header toggle
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    # the dark image is lazy: it has a size (is visible) only once loaded, so wait for it
    expect(chart.locator(".rr-chart--dark img")).to_be_visible()
    expect(chart.locator(".rr-chart--light img")).to_be_hidden()
    assert chart.locator(".rr-chart--dark img").get_attribute("src").endswith("-donker.svg")


# The smallest chart text as the browser draws it: the SVG's font sizes times the image's scale.
SMALLEST_CHART_TEXT = """async () => {
  const found = [];
  for (const img of document.querySelectorAll('.rr-chart img')) {
    const shown = img.getBoundingClientRect().width;
    if (!shown) continue;
    const svg = await (await fetch(img.currentSrc)).text();
    const width = parseFloat(svg.match(/<svg[^>]*width="([\\d.]+)"/)[1]);
    const sizes = [...svg.matchAll(/font-size="([\\d.]+)px"/g)].map(m => parseFloat(m[1]));
    found.push([img.currentSrc.split('/').pop(), Math.min(...sizes) * shown / width]);
  }
  return found;
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("address", ["", "inzichten/", "reizen/2015/", "landen/fr/"])
def test_chart_text_is_at_least_11_px_as_drawn(browser, site_url: str, address: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500)
    tab = context.new_page()
    tab.goto(site_url + address)
    for img in tab.locator(".rr-chart--light img").all():
        img.scroll_into_view_if_needed()
        tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    charts = tab.evaluate(SMALLEST_CHART_TEXT)
    context.close()
    assert charts and all(size >= 11 for _, size in charts), charts
    if width == 390 and address == "inzichten/":
        assert any(name.endswith("-smal.svg") for name, _ in charts)  # drawn for the phone


def _costs(page) -> list[float]:
    values = page.locator("table.rr-table tbody tr td:nth-child(6)").evaluate_all(
        "cells => cells.map(c => parseFloat(c.dataset.sort))"
    )
    return [v for v in values if v >= 0]


def test_sorting_by_cost_reorders_the_table(page, site_url: str):
    page.goto(site_url + "reizen/2015/")
    before = _costs(page)
    page.get_by_role("button", name="Sorteer op Kosten").click()
    ascending = _costs(page)
    assert ascending == sorted(before) and len(ascending) >= 3
    page.get_by_role("button", name="Sorteer op Kosten").click()
    assert _costs(page) == sorted(before, reverse=True)
    assert page.locator("th[aria-sort]").count() == 1
    assert page.locator("th[aria-sort] button").inner_text().startswith("Kosten")


def test_sorting_works_with_the_keyboard(page, site_url: str):
    page.goto(site_url + "reizen/")
    dates = "table.rr-table >> nth=1 >> tbody tr td:nth-child(1)"
    before = page.locator(dates).evaluate_all("cells => cells.map(c => c.dataset.sort)")
    assert before == sorted(before, reverse=True)
    button = page.get_by_role("button", name="Sorteer op Datum")
    for _ in range(120):  # Tab through the page until the button has focus
        page.keyboard.press("Tab")
        if button.evaluate("b => b === document.activeElement"):
            break
    assert button.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")
    after = page.locator(dates).evaluate_all("cells => cells.map(c => c.dataset.sort)")
    assert after == sorted(before) and after != before


def test_table_is_complete_without_javascript(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "reizen/2015/")
    assert tab.locator("table.rr-table tbody tr").count() >= 10
    assert tab.locator("table.rr-table tfoot").inner_text().startswith("Totaal")
    context.close()


def test_withheld_name_is_shown_as_such(page, site_url: str):
    page.goto(site_url + "reizen/2015-09-14-full/")
    card = page.locator(".rr-card")
    assert "naam niet openbaar, beleidsadviseur, Gemeente Den Haag" in card.inner_text()


PHONE_PAGES = [
    "",
    "reizen/",
    "reizen/2015/",
    "reizen/2015-09-14-withheld-and-named/",
    "landen/",
    "inzichten/",
    "vervolg/",
    "reizen/2015-09-14-actions/",
]


@pytest.mark.parametrize("address", PHONE_PAGES)
@pytest.mark.parametrize("width", [360, 390])
def test_phone_viewport_has_no_horizontal_scroll(browser, site_url: str, address: str, width: int):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    tab.goto(site_url + address)
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    # Every table fits its frame: no cell, the totals row included, lies beyond the screen's edge.
    hidden = tab.evaluate(
        """() => [...document.querySelectorAll('.rr-table td, .rr-table th')]
            .filter(cell => cell.offsetParent && cell.getBoundingClientRect().right > window.innerWidth + 1)
            .map(cell => cell.textContent.trim().slice(0, 30))"""
    )
    context.close()
    assert overflow <= 0
    assert hidden == []


def test_phone_tables_stay_sortable(browser, site_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(site_url + "reizen/2015/")
    tab.get_by_role("button", name="Sorteer op Kosten").first.click()
    sorts = tab.locator(".rr-table tbody tr td:nth-child(6)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort ? Number(c.dataset.sort) : null)"
    )
    context.close()
    known = [value for value in sorts if value is not None]
    assert known == sorted(known) and len(known) >= 5


def test_open_actions_are_listed_and_the_trip_shows_each_status(page, site_url: str):
    page.goto(site_url + "vervolg/")
    table = page.get_by_role("table", name="Vervolgacties", exact=True)
    due = "cells => cells.map(c => c.dataset.sort)"
    assert table.locator("tbody td:first-child").evaluate_all(due) == ["2016-06-01"]
    page.goto(site_url + "reizen/2015-09-14-actions/")
    statuses = page.locator(".rr-actions .rr-status").all_inner_texts()
    assert statuses == ["afgerond", "open", "vervallen"]
    assert page.locator(".rr-actions .rr-badge").all_inner_texts() == ["te laat"]  # the one badge, as in tables
    assert page.locator(".rr-compare .rr-expected").inner_text().startswith("Verwacht")


def test_hostile_report_runs_no_script(page, site_url: str):
    page.on("dialog", lambda dialog: (page.console_errors.append("dialog: " + dialog.message), dialog.dismiss()))
    page.goto(site_url + "reizen/2016-03-01-hostile/")
    page.mouse.move(200, 400)
    for link in page.locator("article a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith(("javascript:", "data:"))
    assert page.console_errors == []
    assert "{{ 7*7 }}" in page.locator("article").inner_text()


def test_the_late_badge_stays_beside_its_status_in_the_phone_card_layout(browser, site_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url)
    badge = tab.locator("td .rr-badge").first
    cell = badge.locator("xpath=ancestor::td[1]")
    badge_box, cell_box = badge.bounding_box(), cell.bounding_box()
    status_box = cell.locator("a").first.bounding_box()
    context.close()
    assert badge_box["x"] >= cell_box["x"] + 7.5 * 16 - 1  # in the value column, right of the 7.5rem label
    assert abs(badge_box["y"] - status_box["y"]) < 8  # on the status's line, not wrapped under the label
