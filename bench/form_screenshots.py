"""Screenshots of the web form (/beheer/) for the staff guide: the form, and three mistakes it catches.

Usage: python bench/form_screenshots.py OUT_DIR. Copies the bundled reports into a scratch git
repository, runs decap-server on it as `make beheer` does, serves the form's files and writes
beheer-formulier.png, beheer-fout-datum.png, beheer-fout-totaal.png and beheer-fout-naam.png, and
beheer-valuta.png (amounts in two currencies) and beheer-hernoemen.png (a changed start date).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

from reisregister.adapters.decap import beheer
from screenshots import serve  # the same quiet file server as the site's screenshots

ROOT = Path(__file__).resolve().parent.parent
SERVER = beheer.DECAP_TOOLS / "node_modules" / "decap-server" / "dist" / "index.js"


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        repo = make_repo(Path(scratch) / "repo")
        port = free_port()
        env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port)}
        server = subprocess.Popen(["node", str(SERVER)], env=env, stdout=subprocess.DEVNULL)
        try:
            api = f"http://127.0.0.1:{port}/api/v1"
            http = serve(write_form(Path(scratch) / "www", api))
            wait_for(api)
            shoot(f"http://127.0.0.1:{http.server_address[1]}/beheer/", out)
        finally:
            server.terminate()


def make_repo(repo: Path) -> Path:
    shutil.copytree(ROOT / "reports", repo / "reports")
    git = ["git", "-C", str(repo), "-c", "user.name=Voorbeeld", "-c", "user.email=voorbeeld@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "Verslagen"], check=True)
    return repo


def write_form(www: Path, api: str) -> Path:
    beheer.write_site_files(www, beheer.decap_config({}, local_url=api))
    return www


def shoot(url: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL").new_page()
        page.goto(url)
        page.get_by_role("button", name="Inloggen").click()
        page.goto(url + "#/collections/verslagen/entries/2015/2015-09-14-marseille")
        title = page.get_by_label("Titel", exact=True)
        title.wait_for()
        page.wait_for_timeout(1000)
        page.screenshot(path=out / "beheer-formulier.png")

        end = page.get_by_label("Datum van terugkeer")
        end.fill("13-09-2015")
        page.get_by_label("Naam niet openbaar").first.uncheck()
        page.get_by_label("Naam (optioneel)", exact=True).first.fill("null")
        page.get_by_label(re.compile(r"^Vervoer( \(optioneel\))?$")).fill("412,50")
        page.get_by_label(re.compile(r"^Overnachtingen( \(optioneel\))?$")).fill("€ 189")
        page.get_by_label("Totaal").fill("600")
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("de vertrekdatum (start_date)").wait_for()
        for name, label in (
            ("datum", "Datum van terugkeer"),
            ("naam", "Naam (optioneel)"),
            ("totaal", "Totaal (optioneel)"),
        ):
            target = page.get_by_label(label, exact=True).first
            target.scroll_into_view_if_needed()
            box = target.bounding_box()
            top = max(box["y"] - 120, 0)
            page.screenshot(path=out / f"beheer-fout-{name}.png", clip={"x": 0, "y": top, "width": 660, "height": 260})
        shoot_currencies_and_rename(page.context.new_page(), url, out)
        browser.close()


# Amounts in two currencies with a total typed anyway, and a changed start date's notice.
def shoot_currencies_and_rename(page, url: str, out: Path) -> None:
    page.goto(url + "#/collections/verslagen/entries/2015/2015-09-14-marseille")
    start = page.get_by_label("Vertrekdatum")
    start.wait_for()
    start.click()
    start.press("Control+a")
    start.press_sequentially("13-9-2015")
    page.locator(".rr-hernoemen").wait_for()
    clip(page, start, out / "beheer-hernoemen.png", 340)
    page.get_by_label(re.compile(r"^Vervoer( \(optioneel\))?$")).fill("312,40")
    page.get_by_label(re.compile(r"^Overnachtingen( \(optioneel\))?$")).fill("380")
    currency = page.get_by_label(re.compile(r"^Valuta van overnachtingen( \(optioneel\))?$"))
    currency.click()
    page.keyboard.type("CHF")
    page.keyboard.press("Enter")
    page.get_by_label(re.compile(r"^Totaal( \(optioneel\))?$")).fill("692,40")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("verschillende valuta").wait_for()
    clip(page, page.get_by_label(re.compile(r"^Totaal( \(optioneel\))?$")), out / "beheer-valuta.png", 480, 360)


def clip(page, field, path: Path, height: int, above: int = 120) -> None:
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    page.screenshot(path=path, clip={"x": 0, "y": max(box["y"] - above, 0), "width": 660, "height": height})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(api: str) -> None:
    for _ in range(100):
        try:
            request = urllib.request.Request(api, data=b'{"action":"info"}', method="POST")
            request.add_header("Content-Type", "application/json")
            urllib.request.urlopen(request, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("decap-server did not start")


if __name__ == "__main__":
    main()
