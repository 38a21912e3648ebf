"""Screenshots of a built site at a desktop (1280 px) and a phone (390 px) width, for reviews.

Usage: python bench/screenshots.py SITE_DIR OUT_DIR. Serves SITE_DIR on 127.0.0.1 and writes
<page>-<width>.png (the first screen of each page) for the home page, /reizen/, the largest
organisation page, a trip with follow-up actions (else the first trip) and /vervolg/.
"""

from __future__ import annotations

import functools
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

SIZES = ((1280, 900), (390, 844))


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for width, height in SIZES:
            context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=width < 500)
            tab = context.new_page()
            for name, address in pages(site).items():
                tab.goto(base + address)
                tab.wait_for_load_state("networkidle")
                tab.screenshot(path=out / f"{name}-{width}.png")
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
        "groep": f"organisaties/{groups[0].parent.name}/",
        "reis": f"reizen/{(with_actions or trips)[0]}/",
        "vervolg": "vervolg/",
    }


def serve(site: Path) -> ThreadingHTTPServer:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    main()
