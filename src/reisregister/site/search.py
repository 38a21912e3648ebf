"""The search index of the site: Pagefind, written into the built site by the MkDocs build.

Pagefind splits the index into chunks, so a query in the browser loads only the parts it needs,
also at 10,000 reports. Only trip pages are indexed, and of those only what trip.html marks with
`data-pagefind-body` (the report and its summary card) minus NOT_INDEXED; facets, sort keys and
the details a result shows come from its `data-pagefind-filter`, `-sort` and `-meta` attributes.
The search page (docs/zoeken.md, docs/assets/zoeken.js) uses Pagefind's JavaScript API, not its
default UI.
"""

from __future__ import annotations

import gzip
import json
import logging
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from reisregister.core import addresses

LANGUAGE = "nl"  # one Dutch index with Dutch stemming, whatever a page's lang attribute says
TRIP_PAGES = f"{addresses.TRIPS}*/index.html"  # year pages match too, but have no data-pagefind-body
OUTPUT = "pagefind"
TIMEOUT_S = 1800
# Inside data-pagefind-body but not content: card labels, hidden headings, the withheld-name marker
# with its comma ('naam niet openbaar' is no name, so it must not be searchable as one, nor leave
# ", , adviseur" in an excerpt), and the cost table: its amounts would read as bare numbers in an
# excerpt; a result shows the cost labelled, from its `kosten` meta.
NOT_INDEXED = (".rr-card dt", ".rr-card h2", ".rr-card .rr-withheld", ".rr-costs", ".rr-cost-status")
# Pagefind's ready-made interfaces: the site has its own search page, so these are not published.
UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)

log = logging.getLogger("mkdocs.reisregister.search")


class SearchIndexError(RuntimeError):
    """The search index could not be written, or was written incompletely."""


@dataclass(frozen=True)
class IndexStats:
    """What an index build did: pages indexed, seconds taken, bytes written."""

    pages: int
    seconds: float
    size: int


def build_index(site_dir: Path, expected_pages: int | None = None) -> IndexStats:
    """Index the trip pages of a built site into site_dir/pagefind/, check it, and log how long it took."""
    started = time.perf_counter()
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    _run_pagefind(site_dir, output)
    for name in UNUSED_BUNDLES:
        (output / name).unlink(missing_ok=True)
    pages = check_index(output, expected_pages)
    stats = IndexStats(pages, time.perf_counter() - started, index_size(output))
    log.info(f"pagefind: indexed {stats.pages} pages in {stats.seconds:.1f} s ({stats.size / 1e6:.1f} MB)")
    return stats


def check_index(output: Path, expected_pages: int | None = None) -> int:
    """The number of indexed pages, after checking that the index is complete; raises SearchIndexError if not."""
    entry_file = output / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        languages = entry["languages"]
        pages = sum(language["page_count"] for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"search index: {entry_file} is missing or incomplete ({error})") from None
    if expected_pages is not None and pages != expected_pages:
        raise SearchIndexError(f"search index: {pages} pages indexed, but the site has {expected_pages} trip pages")
    required = [output / "pagefind.js", output / "pagefind-worker.js"]
    required += [output / f"pagefind.{language['hash']}.pf_meta" for language in languages.values()]
    missing = [path.name for path in required if not path.is_file()]
    if missing:
        raise SearchIndexError(f"search index: missing {', '.join(missing)} in {output}")
    fragments = sum(1 for _ in (output / "fragment").glob("*.pf_fragment"))
    if fragments != pages:
        raise SearchIndexError(f"search index: {fragments} page fragments for {pages} pages in {output}")
    for path in sorted(output.rglob("*")):
        if path.is_file():
            _check_file(path)
    return pages


def indexed_pages(output: Path) -> int:
    """The number of pages in a written index, from Pagefind's entry file."""
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def index_size(output: Path) -> int:
    """Bytes of all files of a written index."""
    return sum(path.stat().st_size for path in output.rglob("*") if path.is_file())


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


# The pagefind CLI, not its Python service API: the service answers "files written" while its
# writes (tokio files, never flushed) are still pending, and closing it then terminates the
# process, which left index files empty in about one build in seven. The CLI exits only after
# its runtime has finished every write.
def _run_pagefind(site_dir: Path, output: Path) -> None:
    command = [
        str(get_executable()),
        "--site", str(site_dir),
        "--output-path", str(output),
        "--glob", TRIP_PAGES,
        "--force-language", LANGUAGE,
        "--quiet",
    ]  # fmt: skip
    for selector in NOT_INDEXED:
        command += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"search index: pagefind did not run: {error}") from None
    if result.returncode != 0:
        details = (result.stderr or result.stdout).strip()[-2000:]
        raise SearchIndexError(f"search index: pagefind exited with {result.returncode}: {details}")


# Pagefind's .pf_* files are gzip streams: a truncated or empty one breaks search in the browser.
def _check_file(path: Path) -> None:
    if path.stat().st_size == 0:
        raise SearchIndexError(f"search index: {path} is empty")
    if path.suffix.startswith(".pf_"):
        try:
            gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as error:
            raise SearchIndexError(f"search index: {path} is damaged ({error})") from None
