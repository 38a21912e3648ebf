"""Search: the Pagefind index the build writes, and the search page in a real headless Chromium."""

from __future__ import annotations

import functools
import gzip
import json
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import serious_violations
from playwright.sync_api import expect

UNIQUE_WORD = "zeewierkwekerijen"  # only in the Vervolgafspraken of tests/search_cases/2017-06-12-lissabon.md
UNIQUE_TRIP = "2017-06-12-lissabon"

# ----------------------------------------------------------------------------
# The index on disk
# ----------------------------------------------------------------------------


def _unpack(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return data[len(b"pagefind_dcd") :]


@pytest.fixture(scope="module")
def fragments(built_site: Path) -> dict[str, dict]:
    """Every indexed page as Pagefind stores it: url -> content, filters and meta."""
    pages = [json.loads(_unpack(path)) for path in (built_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    return {page["url"]: page for page in pages}


def test_build_writes_the_index_of_every_trip(built_site: Path, fragments: dict[str, dict]):
    index = built_site / "pagefind"
    assert (index / "pagefind.js").is_file() and (index / "wasm.nl.pagefind").is_file()
    assert not (index / "pagefind-ui.js").exists()  # the site has its own search page
    entry = json.loads((index / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["nl"]
    ids = {record["id"] for record in json.loads((built_site / "data" / "reports.json").read_text())}
    assert set(fragments) == {f"/reizen/{report_id}/" for report_id in ids}
    assert entry["languages"]["nl"]["page_count"] == len(ids)


def test_index_holds_the_report_and_card_only(fragments: dict[str, dict]):
    trip = fragments["/reizen/2015-09-14-withheld-and-named/"]
    assert trip["meta"] == {
        "title": "Verslag dienstreis naar Marseille",
        "datum": "14 en 15 september 2015",
        "bestemming": "Marseille (Frankrijk)",
        "kosten": "€\xa0639,70",
    }
    assert "Jan Jansen, wethouder" in trip["content"] and "Een workshop in Den Haag." in trip["content"]
    page_furniture = [
        "naam niet openbaar",  # the withheld-name marker
        "Gegevens vrij te hergebruiken",  # footer
        "Privacyverklaring",  # navigation
        "Per organisatie",  # navigation
        "Overzicht van de reis",  # hidden card heading
        "Kosten van de reis",  # hidden table caption
        "Gegevens van deze reis",  # links below the report
        "Laatst gewijzigd",
        "Betaald door",  # card labels
        "Trefwoorden",
    ]
    for page in fragments.values():
        for text in page_furniture:
            assert text.lower() not in page["content"].lower(), (text, page["url"])
            assert text not in json.dumps(page["filters"], ensure_ascii=False), (text, page["url"])


def test_excerpts_read_cleanly_without_gaps_or_bare_amounts(fragments: dict[str, dict]):
    withheld = fragments["/reizen/2015-09-14-full/"]["content"]
    assert "beleidsadviseur, Gemeente Den Haag" in withheld
    for page in fragments.values():
        text = page["content"]
        assert not re.search(r"(^|[.,;:]) *, ", text), (page["url"], text[:300])  # no ", , role" where a name was
        assert "€" not in text and not re.search(r"\b\d+,\d\d\b", text.split("##")[0]), page["url"]
    assert fragments["/reizen/2015-09-14-full/"]["meta"]["kosten"] == "€\xa0639,70"  # labelled on the result


def test_words_of_navigation_and_footer_are_not_in_the_word_index(built_site: Path):
    words = b"".join(_unpack(path) for path in (built_site / "pagefind" / "index").glob("*.pf_index"))
    assert b"zeewierkweek" in words  # the stem of a word in a report
    for word in (b"hergebruik", b"privacyverklar", b"toegankelijk", b"openbar", b"cc0"):
        assert word not in words.lower(), word


@pytest.mark.parametrize(
    ("address", "action"),
    [("index.html", "zoeken/"), ("reizen/2015/index.html", "../../zoeken/"), ("zoeken/index.html", "./")],
)
def test_every_page_has_a_plain_header_search(built_site: Path, address: str, action: str):
    html = (built_site / address).read_text(encoding="utf-8")
    form = re.search(r'<form class="rr-header-search" action="([^"]+)" method="get" role="search"', html)
    assert form and form[1] == action
    assert '<label for="rr-header-q"' in html and 'name="q"' in html
    assert not (built_site / "search").exists()  # no Material (lunr) search index


def test_facets_of_a_trip(fragments: dict[str, dict]):
    assert fragments[f"/reizen/{UNIQUE_TRIP}/"]["filters"] == {
        "jaar": ["2017"],
        "land": ["Portugal", "Spanje"],
        "organisatie": ["Gemeente Den Haag, Dienst Stedelijke Ontwikkeling"],
        "rol": ["directeur"],
        "betaald-door": ["Europese Commissie"],
        "status": ["gepubliceerd"],
        "tags": ["klimaat", "kust"],
        "kosten": ["> € 10.000"],
    }
    assert fragments["/reizen/2015-09-14-no-costs/"]["filters"]["kosten"] == ["geen kosten opgegeven"]
    assert fragments["/reizen/2015-09-14-planned/"]["filters"]["status"] == ["verslag volgt"]  # not "(te laat)"
    assert fragments["/reizen/2099-05-01-parijs/"]["filters"]["status"] == ["gepland"]


# ----------------------------------------------------------------------------
# The search page in Chromium
# ----------------------------------------------------------------------------


def _open(page, url: str):
    page.goto(url)
    page.wait_for_selector("#rr-search[data-ready]")
    return page


def _status(page) -> str:
    return page.locator("#rr-status").inner_text()


def _links(page) -> list[str]:
    return page.locator("#rr-results .rr-result__title a").evaluate_all("links => links.map(a => a.href)")


def _params(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _assert_clean(page):
    assert page.console_errors == []
    hosts = {urlparse(url).hostname for url in page.requested if not url.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


def _label_count(page, checkbox) -> int:
    label = page.locator(f"label[for='{checkbox.get_attribute('id')}']").inner_text()
    return int(re.search(r"\((\d+)\)$", label)[1])


def _facet(page, legend: str, value: str):
    return page.get_by_role("group", name=legend).get_by_role("checkbox", name=re.compile("^" + re.escape(value) + " "))


@pytest.mark.browser
def test_word_in_vervolgafspraken_finds_its_report_first(page, site_url: str):
    _open(page, f"{site_url}zoeken/?q={UNIQUE_WORD}")
    expect(page.locator("#rr-status")).to_have_text(f"1 reis gevonden voor ‘{UNIQUE_WORD}’.")
    first = page.locator("#rr-results > li").first
    assert _links(page)[0].endswith(f"/reizen/{UNIQUE_TRIP}/")
    assert first.locator("h3").inner_text() == "Verslag dienstreis naar Lissabon en Madrid"
    facts = first.locator(".rr-result__facts").inner_text()
    assert "12 t/m 16 juni 2017" in facts and "Lissabon (Portugal), Madrid (Spanje)" in facts and "10.800,50" in facts
    assert first.locator(".rr-result__excerpt mark").first.inner_text().lower() == UNIQUE_WORD
    # Dutch stemming: the singular finds the plural.
    page.fill("#rr-q", "zeewierkwekerij")
    page.press("#rr-q", "Enter")
    expect(page.locator("#rr-status")).to_have_text("1 reis gevonden voor ‘zeewierkwekerij’.")
    _assert_clean(page)


@pytest.mark.browser
def test_filter_narrows_results_and_its_count_is_right(page, site_url: str):
    _open(page, f"{site_url}zoeken/?q=workshop")
    before = int(_status(page).split()[0])
    norway, france = _facet(page, "Land", "Noorwegen"), _facet(page, "Land", "Frankrijk")
    expect(norway).to_be_visible()
    expected, in_france = _label_count(page, norway), _label_count(page, france)
    assert 0 < expected < before and in_france > 0
    norway.check()
    expect(page.locator("#rr-status")).to_have_text(
        f"{expected} reizen gevonden voor ‘workshop’ met de gekozen filters."
    )
    assert page.locator("#rr-results > li").count() == expected
    for facts in page.locator(".rr-result__facts").all_inner_texts():
        assert "(Noorwegen)" in facts
    # Values of one facet add up ("or"): the count of Frankrijk stays what it was without Noorwegen.
    expect(page.locator(f"label[for='{france.get_attribute('id')}']")).to_contain_text(f"({in_france})")
    _assert_clean(page)


@pytest.mark.browser
def test_address_holds_query_and_filters(page, site_url: str):
    _open(page, f"{site_url}zoeken/?q=workshop&land=Noorwegen")
    assert page.input_value("#rr-q") == "workshop"
    expect(_facet(page, "Land", "Noorwegen")).to_be_checked()
    expect(page.locator("#rr-status")).to_have_text("2 reizen gevonden voor ‘workshop’ met de gekozen filters.")
    _facet(page, "Kosten", "€ 500–2.000").check()
    expect(page).to_have_url(re.compile(r"kosten="))
    assert _params(page) == {"q": ["workshop"], "land": ["Noorwegen"], "kosten": ["€ 500–2.000"]}
    _facet(page, "Land", "Noorwegen").uncheck()
    expect(page).not_to_have_url(re.compile(r"land="))
    page.select_option("#rr-sort", "datum-op")
    expect(page).to_have_url(re.compile(r"sort=datum-op"))
    page.reload()
    page.wait_for_selector("#rr-search[data-ready]")
    expect(_facet(page, "Kosten", "€ 500–2.000")).to_be_checked()
    assert page.input_value("#rr-sort") == "datum-op"
    _assert_clean(page)


@pytest.mark.browser
def test_no_results_says_so_and_offers_to_remove_filters(page, site_url: str):
    _open(page, f"{site_url}zoeken/?q=workshop&land=Noorwegen&status=gepland")
    expect(page.locator("#rr-status")).to_contain_text("Geen reizen gevonden voor ‘workshop’ met deze filters")
    assert "filters weg" in _status(page)
    page.locator("#rr-clear-hint").click()
    expect(page.locator("#rr-status")).to_have_text(re.compile(r"^\d+ reizen gevonden voor ‘workshop’\.$"))
    assert _params(page) == {"q": ["workshop"]}
    page.fill("#rr-q", "hergebruiken")  # a word of the footer only
    page.press("#rr-q", "Enter")
    expect(page.locator("#rr-status")).to_contain_text("Geen reizen gevonden voor ‘hergebruiken’.")
    _assert_clean(page)


@pytest.mark.browser
def test_sorting_by_cost_and_date(page, site_url: str):
    _open(page, f"{site_url}zoeken/?jaar=2015&jaar=2017&sort=kosten-af")
    assert _links(page)[0].endswith(f"/reizen/{UNIQUE_TRIP}/")
    page.select_option("#rr-sort", "kosten-op")
    expect(page.locator("#rr-results > li").first).not_to_contain_text("10.800,50")
    for _ in range(20):  # show every result; wait for each batch before looking again
        shown = page.locator("#rr-results > li").count()
        if not page.locator("#rr-more").is_visible():
            break
        page.locator("#rr-more").click(timeout=5000)
        expect(page.locator("#rr-results > li")).not_to_have_count(shown)
    costs = page.locator(".rr-result__facts").all_inner_texts()
    euro = [i for i, facts in enumerate(costs) if "€" in facts]
    assert euro == list(range(len(euro))) and len(euro) < len(costs)  # trips without cost go last
    assert "10.800,50" in costs[euro[-1]]
    page.select_option("#rr-sort", "datum-op")
    expect(page.locator("#rr-results > li").first).to_contain_text("2015")
    _assert_clean(page)


@pytest.mark.browser
def test_keyboard_only_from_the_header_of_any_page(page, site_url: str):
    page.goto(site_url + "reizen/")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "rr-header-q":
            break
    assert page.evaluate("document.activeElement.id") == "rr-header-q"
    page.keyboard.type(UNIQUE_WORD)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken/\?q=" + UNIQUE_WORD))
    expect(page.locator("#rr-status")).to_have_text(f"1 reis gevonden voor ‘{UNIQUE_WORD}’.")
    for _ in range(60):  # on past the search field to the first filter; tick it with the space bar
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    name = page.evaluate("document.activeElement.value")
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"&\w[\w-]*="))
    assert page.evaluate("[document.activeElement.value, document.activeElement.checked]") == [name, True]
    _assert_clean(page)


@pytest.mark.browser
def test_results_page_has_no_serious_accessibility_violations(page, site_url: str):
    _open(page, f"{site_url}zoeken/?q=workshop&land=Frankrijk")
    expect(page.get_by_role("group", name="Jaar")).to_be_visible()
    assert serious_violations(page) == []
    assert page.locator("#rr-status").get_attribute("role") == "status"
    _assert_clean(page)


@pytest.mark.browser
def test_hostile_report_in_results_stays_text(page, site_url: str):
    page.on("dialog", lambda dialog: (page.console_errors.append("dialog: " + dialog.message), dialog.dismiss()))
    _open(page, f"{site_url}zoeken/?q=gevaarlijk")
    result = page.locator("#rr-results > li").first
    expect(result.locator("h3")).to_have_text("Verslag {{ 7*7 }} {% for x in range(3) %}lus{% endfor %} & co")
    assert result.locator("script, img, iframe, [onerror], [onmouseover]").count() == 0
    _assert_clean(page)


@pytest.mark.browser
def test_site_in_a_subfolder(browser, built_site: Path):
    handler = functools.partial(_QuietHandler, directory=str(built_site.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{server.server_address[1]}/{built_site.name}/zoeken/?q={UNIQUE_WORD}")
        tab.wait_for_selector("#rr-search[data-ready]")
        href = tab.locator("#rr-results a").first.get_attribute("href")
        assert href == f"/{built_site.name}/reizen/{UNIQUE_TRIP}/"
    finally:
        context.close()
        server.shutdown()


@pytest.mark.browser
def test_without_javascript(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_url + "reizen/2015/")
    tab.fill("#rr-header-q", "workshop")
    tab.press("#rr-header-q", "Enter")
    tab.wait_for_url(re.compile(r"/zoeken/\?q=workshop$"))
    text = tab.locator("article").inner_text()
    assert "Zoeken werkt alleen met JavaScript" in text
    assert tab.locator("#rr-search").is_hidden()
    hrefs = tab.locator("article a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "../reizen/" in hrefs and "../data/reports.csv" in hrefs
    context.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Layout shifts without recent input, summed as Lighthouse's Cumulative Layout Shift does (one
# session window is enough here: the page settles within a second).
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)], ids=["desktop", "phone"])
def test_results_and_filters_do_not_push_the_page_around(browser, site_url: str, width: int, height: int):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    page.add_init_script(CLS_OBSERVER)
    page.goto(f"{site_url}zoeken/?q=workshop")
    page.wait_for_selector("#rr-search[data-ready]")
    expect(page.locator("#rr-results > li").first).to_be_visible()
    page.wait_for_timeout(1000)  # late shifts (fonts, filter counts) count too
    shift = page.evaluate("window.__cls")
    context.close()
    assert shift <= 0.05, f"Cumulative Layout Shift {shift:.3f} at {width} px"


@pytest.mark.browser
def test_without_a_word_every_trip_is_listed_and_sorts_as_a_whole(page, site_url: str, built_site: Path):
    records = json.loads((built_site / "data" / "reports.json").read_text(encoding="utf-8"))
    known = [r for r in records if r["costs"]]
    dearest = max(known, key=lambda r: r["costs"]["total_eur"])
    low = min(r["costs"]["total_eur"] for r in known)
    cheapest = {r["url"] for r in known if r["costs"]["total_eur"] == low}  # several trips cost the same
    _open(page, f"{site_url}zoeken/")
    expect(page.locator("#rr-status")).to_have_text(f"Alle {len(records)} reizen, nieuwste eerst.")
    page.goto(site_url + "reizen/")
    page.get_by_role("link", name="Alle reizen op kosten, de duurste eerst").click()
    page.wait_for_selector("#rr-search[data-ready]")
    expect(page.locator("#rr-status")).to_contain_text(f"Alle {len(records)} reizen, hoogste kosten eerst")
    assert _links(page)[0].endswith(f"/{dearest['url']}")
    page.select_option("#rr-sort", "kosten-op")
    expect(page.locator("#rr-status")).to_contain_text("laagste kosten eerst")
    expect(page.locator("#rr-results > li").first).to_contain_text("€")
    assert _links(page)[0].split("/", 3)[3] in cheapest
    _assert_clean(page)
