"""What a first search costs in a real browser: bytes downloaded and time until results show.

Used by bench/run.py on a served site (any static server, e.g. `python -m http.server`):

    from search_probe import measure_first_query
    measure_first_query("http://127.0.0.1:8000/", "veiligheid")
"""

from __future__ import annotations

import sys
from urllib.parse import quote

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = "#rr-search[data-ready]"
# The page says what it found for the query ("12 reizen gevonden voor …", "Geen reizen gevonden …"),
# with the results in the page. Not just "a result is listed": with no query typed yet, the search
# page already lists every trip.
ANSWERED = """() => ((document.getElementById("rr-status") || {}).textContent || "").includes("gevonden")"""

# Stamps the moment Enter is pressed in the search field and the moment the answer is shown.
STOPWATCH = f"""() => {{
  window.__probe = {{}};
  document.getElementById("rr-q").addEventListener("keydown", (event) => {{
    if (event.key === "Enter") window.__probe.enter = performance.now();
  }}, {{ capture: true }});
  new MutationObserver(() => {{
    if (window.__probe.enter && !window.__probe.shown && ({ANSWERED})()) window.__probe.shown = performance.now();
  }}).observe(document.getElementById("rr-search"), {{ childList: true, subtree: true, characterData: true }});
}}"""


def measure_first_query(site_url: str, query: str) -> dict:
    """Measure a first search in headless Chromium with an empty cache.

    bytes, requests: what the search itself downloads (Pagefind's files: script, wasm, metadata,
        index chunks and the excerpts of the first results), arriving as /zoeken/?q=... from the
        header search of another page; response bodies plus headers, counted on the browser context
        (each URL once: the browser cache serves repeats).
    facet_bytes: what the facet counts load after the results are shown (filter files, worker).
    page_bytes: the search page itself (HTML, CSS, scripts) without the search files.
    ms_to_results: from pressing Enter in the search field of the loaded search page until the
        first result (or "Geen reizen gevonden") is in the page; the query is filled in and Enter
        pressed at once, so its index chunk is fetched after Enter.
    ms_cold: from opening /zoeken/?q=... until the first result is in the page.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            sizes, ms_cold = _cold_search(browser, base, query)
            ms_to_results = _search_after_enter(browser, base, query)
        finally:
            browser.close()
    search = {url: size for url, size in sizes.items() if "/pagefind/" in url}
    facets = {url: size for url, size in search.items() if "/pagefind/filter/" in url or "pagefind-worker" in url}
    return {
        "bytes": sum(search.values()) - sum(facets.values()),
        "requests": len(search) - len(facets),
        "ms_to_results": ms_to_results,
        "facet_bytes": sum(facets.values()),
        "page_bytes": sum(sizes.values()) - sum(search.values()),
        "ms_cold": ms_cold,
    }


# Open /zoeken/?q=... in a fresh context; return the bytes per URL and the ms until the first result.
def _cold_search(browser, base: str, query: str) -> tuple[dict[str, int], float]:
    context = browser.new_context()
    requests = []
    context.on("requestfinished", lambda request: requests.append(request))
    page = context.new_page()
    page.goto(f"{base}zoeken/?q={quote(query)}")
    page.wait_for_function(ANSWERED)
    ms_cold = round(page.evaluate("performance.now()"), 1)
    page.wait_for_selector(READY)
    page.wait_for_load_state("networkidle")
    sizes: dict[str, int] = {}
    for request in requests:
        sizes[request.url] = max(sizes.get(request.url, 0), _transferred(request))
    context.close()
    return sizes, ms_cold


# Body plus headers. Requests from Pagefind's web worker report no body size (or a negative one),
# so the body is measured instead; a URL counts once, since the worker's repeats come from cache.
def _transferred(request) -> int:
    size = request.sizes()
    response = request.response()
    body = len(response.body()) if response is not None and response.status == 200 else 0
    return max(size["responseBodySize"], body) + max(size["responseHeadersSize"], 0)


# Load the search page, type the query and press Enter; return the ms until the first result.
def _search_after_enter(browser, base: str, query: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}zoeken/")
    page.wait_for_selector(READY)
    page.evaluate(STOPWATCH)
    page.fill("#rr-q", query)
    page.press("#rr-q", "Enter")
    page.wait_for_function("window.__probe.shown !== undefined")
    stamps = page.evaluate("window.__probe")
    context.close()
    return round(stamps["shown"] - stamps["enter"], 1)


if __name__ == "__main__":
    print(measure_first_query(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "veiligheid"))
