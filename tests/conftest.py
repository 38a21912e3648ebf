"""Shared fixtures: paths to the example reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from formsite import cms, cms_repo  # noqa: F401 (the web form's fixtures, for every form test)

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


@pytest.fixture
def valid_report_text() -> str:
    """The text of a complete, valid report."""
    return (CASES / "valid" / "2015-09-14-full.md").read_text(encoding="utf-8")


@pytest.fixture
def report_tree(tmp_path: Path, valid_report_text: str) -> Path:
    """A reports folder with one valid report in its year folder."""
    folder = tmp_path / "reports" / "2015"
    folder.mkdir(parents=True)
    (folder / "2015-09-14-marseille.md").write_text(valid_report_text, encoding="utf-8")
    return tmp_path / "reports"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once from the fixture reports (bundled, examples, hostile, planned)."""
    from sitebuild import FIXTURE_ENV, build_site, make_reports

    base = tmp_path_factory.mktemp("site")
    reports = make_reports(base / "reports")
    build_site(reports, base / "site", env_extra=FIXTURE_ENV)
    return base / "site"


@pytest.fixture(scope="session")
def fixture_register(tmp_path_factory):
    """The fixture reports of `built_site` as a Register, without building: for what a register or view shows."""
    from sitebuild import SOURCE_DATE_EPOCH, make_reports

    from reisregister.register.register import Register
    from reisregister.register.settings import read_settings

    reports = make_reports(tmp_path_factory.mktemp("register") / "reports")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        return Register.load(reports, read_settings(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="session")
def fixture_site(fixture_register):
    """The site of `fixture_register`: its pages and files, without building."""
    from reisregister.site.pages import Site

    return Site(fixture_register)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served over HTTP on 127.0.0.1, as a static host would."""
    from sitebuild import serve

    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and every requested URL."""
    context = browser.new_context(locale="nl-NL")
    tab = context.new_page()
    tab.console_errors = []
    tab.requested = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    context.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


def serious_violations(page) -> list[tuple[str, str, int]]:
    """axe-core's serious and critical accessibility violations on a page: (rule, impact, nodes)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (v["id"], v["impact"], len(v["nodes"]))
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture(scope="session")
def https_site(tmp_path_factory) -> Path:
    """The site built with a public https address: the catalogue and the Woo-index are written."""
    from sitebuild import build_site, make_reports

    base = tmp_path_factory.mktemp("https-site")
    reports = make_reports(base / "reports")
    build_site(reports, base / "site", site_url=HTTPS_SITE_URL)
    return base / "site"


HTTPS_SITE_URL = "https://reisregister.example.nl/"
