"""The search index of the site: Pagefind, written into the built site by the MkDocs build.

Pagefind splits the index into chunks, so a query in the browser loads only the parts it needs,
also at 10,000 reports. Only trip pages are indexed, and of those only what trip.html marks with
`data-pagefind-body` (the report and its summary card) minus NOT_INDEXED; facets, sort keys and
the details a result shows come from its `data-pagefind-filter`, `-sort` and `-meta` attributes.
The search page (docs/zoeken.md, docs/assets/zoeken.js) uses Pagefind's JavaScript API, not its
default UI.
"""

from __future__ import annotations

import asyncio
import json
import logging
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

LANGUAGE = "nl"  # one Dutch index with Dutch stemming, whatever a page's lang attribute says
TRIP_PAGES = "reizen/*/index.html"  # year pages match too, but have no data-pagefind-body
OUTPUT = "pagefind"
# Inside data-pagefind-body but not content: card labels, hidden headings and captions, and the
# withheld-name marker ('naam niet openbaar' is no name, so it must not be searchable as one).
NOT_INDEXED = (".rr-card dt", ".rr-card h2", ".rr-costs caption", ".rr-costs th", ".rr-card .rr-plain em")
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


@dataclass(frozen=True)
class IndexStats:
    """What an index build did: pages indexed, seconds taken, bytes written."""

    pages: int
    seconds: float
    size: int


def build_index(site_dir: Path) -> IndexStats:
    """Index the trip pages of a built site into site_dir/pagefind/ and log how long it took."""
    started = time.perf_counter()
    output = site_dir / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    asyncio.run(_write_index(site_dir, output))
    for name in UNUSED_BUNDLES:
        (output / name).unlink(missing_ok=True)
    stats = IndexStats(indexed_pages(output), time.perf_counter() - started, index_size(output))
    log.info(f"pagefind: indexed {stats.pages} pages in {stats.seconds:.1f} s ({stats.size / 1e6:.1f} MB)")
    return stats


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


# Leaving the context writes the files (once: an explicit write_files() would write them twice).
async def _write_index(site_dir: Path, output: Path) -> None:
    config = IndexConfig(
        force_language=LANGUAGE, exclude_selectors=NOT_INDEXED, write_playground=False, output_path=str(output)
    )
    async with PagefindIndex(config=config) as index:
        await index.add_directory(path=str(site_dir), glob=TRIP_PAGES)
