"""Building the real site from a reports folder, for the build and browser tests."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reisregister.intake.report_files import render_report, report_path

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
HOSTILE = ROOT / "tests" / "hostile"
# A fixed reference date (2026-11-28) so statuses in the tests never depend on the clock.
SOURCE_DATE_EPOCH = "1795824000"
# The fixture site's search index in shards of 3 trips, merged (site/pagefind_bundle.py): every search test
# runs over a merged index.
FIXTURE_ENV = {"REISREGISTER_SHARD_PAGES": "3"}


def make_reports(folder: Path) -> Path:
    """A reports tree with the bundled reports, the valid examples, a hostile and a planned trip."""
    shutil.copytree(ROOT / "reports", folder)
    for example in sorted((CASES / "valid").glob("*.md")):
        shutil.copy(example, folder / "2015" / example.name)
    for hostile in sorted(HOSTILE.glob("*.md")):
        (folder / hostile.name[:4]).mkdir(exist_ok=True)
        shutil.copy(hostile, folder / hostile.name[:4])
    for case in sorted((ROOT / "tests" / "annual_cases").glob("*.md")):  # for tests/test_annual.py
        (folder / case.name[:4]).mkdir(exist_ok=True)
        shutil.copy(case, folder / case.name[:4] / case.name)
    for case in sorted((ROOT / "tests" / "search_cases").glob("*.md")):  # for tests/test_search.py
        (folder / case.name[:4]).mkdir(exist_ok=True)
        shutil.copy(case, folder / case.name[:4] / case.name)
    planned = {
        "title": "Verslag dienstreis naar Parijs",
        "start_date": date(2099, 5, 1),
        "end_date": date(2099, 5, 3),
        "destinations": [{"city": "Parijs", "country": "FR"}],
        "travellers": [{"name": "Jan Jansen", "role": "wethouder", "organisation": "Gemeente Den Haag"}],
        "summary": "Bezoek aan de OESO over digitale overheid.",
        "costs": {"total": 1250.0, "currency": "EUR", "status": "provisional"},
    }
    path = report_path(folder, planned["start_date"], "parijs")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(planned), encoding="utf-8")
    return folder


def build_site(
    reports: Path,
    out: Path,
    check: bool = True,
    config: Path = ROOT / "mkdocs.yml",
    site_url: str = "",
    env_extra: dict[str, str] | None = None,
    generator: str = "mkdocs",
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the project's mkdocs.yml (or another) with another reports folder (and address).

    generator: "properdocs" builds with ProperDocs, the maintained MkDocs 1.x fork, instead.
    """
    env = {
        **os.environ,
        "REPORTS_DIR": str(reports),
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "REISREGISTER_CACHE": "off",  # every test build is a clean build, unless it asks for a cache
    }
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    env.update(env_extra or {})
    command = [
        sys.executable,
        "-m",
        generator,
        "build",
        "--strict",
        "--clean",
        "-f",
        str(config),
        "-d",
        str(out),
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT, timeout=600)
    if check and result.returncode != 0:
        raise AssertionError(f"build failed:\n{result.stdout}\n{result.stderr}")
    return result


def settings_config(folder: Path, extra: dict, site_url: str | None = None) -> Path:
    """A mkdocs.yml inheriting the project's, with other `extra.reisregister` settings (and site_url)."""
    config = {
        "INHERIT": str(ROOT / "mkdocs.yml"),
        "docs_dir": str(ROOT / "docs"),
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
        "hooks": [str(ROOT / "src" / "reisregister" / "adapters" / "mkdocs" / "hooks.py")],
        "plugins": [
            {
                "macros": {
                    "module_name": str(ROOT / "macros"),
                    "render_by_default": False,
                    "on_error_fail": True,
                    "on_undefined": "strict",
                }
            }
        ],
        "watch": [],
        "extra": {"reisregister": extra},
    }
    if site_url is not None:
        config["site_url"] = site_url
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")  # JSON is YAML
    return path


def serve(folder: Path, policy: str | None = None) -> ThreadingHTTPServer:
    """A folder served over HTTP on 127.0.0.1 (a free port) as a static host would, with a
    Content-Security-Policy header if given; call `shutdown()` when done."""

    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self):
            if policy:
                self.send_header("Content-Security-Policy", policy)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
