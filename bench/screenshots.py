"""Screenshots of a built site at a desktop (1280 px) and a phone (390 px) width, light and dark, for reviews.

Usage: python bench/screenshots.py SITE_DIR OUT_DIR. Serves SITE_DIR on 127.0.0.1 and writes
<page>-<width>.png and <page>-<width>-donker.png (the first screen of each page; /inzichten/ as a
whole page) for the home page, /reizen/, /inzichten/, the largest organisation page, a trip with
follow-up actions (else the first trip) and /vervolg/.
"""

from __future__ import annotations

import functools
import itertools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = ((1280, 900), (390, 844))
SCHEMES = (("light", ""), ("dark", "-donker"))  # the device's preference, which the site follows
WHOLE = {"inzichten"}  # pages shown whole: the charts are the point


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for (width, height), (scheme, suffix) in itertools.product(SIZES, SCHEMES):
            viewport = {"width": width, "height": height}
            context = browser.new_context(viewport=viewport, is_mobile=width < 500, color_scheme=scheme)
            tab = context.new_page()
            for name, address in pages(site).items():
                tab.goto(base + address)
                tab.wait_for_load_state("networkidle")
                if name in WHOLE:  # load every lazy chart before the picture is taken
                    tab.evaluate(SCROLL_THROUGH)
                    tab.wait_for_load_state("networkidle")
                tab.screenshot(path=out / f"{name}-{width}{suffix}.png", full_page=name in WHOLE)
            context.close()
        browser.close()
    server.shutdown()


def pages(site: Path) -> dict[str, str]:
    trips = sorted(p.parent.name for p in (site / "reizen").glob("????-??-??-*/index.html"))
    with_actions = [t for t in trips if "rr-actions" in (site / "reizen" / t / "index.html").read_text("utf-8")]
    groups = sorted((site / "organisaties").glob("*/index.html"), key=lambda p: -p.stat().st_size)
    return {
        "home": "",
        "reizen": "reizen/",
        "inzichten": "inzichten/",
        "groep": f"organisaties/{groups[0].parent.name}/",
        "reis": f"reizen/{(with_actions or trips)[0]}/",
        "vervolg": "vervolg/",
    }


SCROLL_THROUGH = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 500) {
    window.scrollTo(0, y);
    await new Promise(done => setTimeout(done, 50));
  }
  window.scrollTo(0, 0);
}"""


def serve(site: Path) -> ThreadingHTTPServer:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    main()
