"""The search index of the site: Pagefind, written into the built site by the MkDocs build.

Pagefind splits the index into chunks, so a query in the browser loads only the parts it needs,
also at 10,000 reports. Only trip pages are indexed, and of those only what trip.html marks with
`data-pagefind-body` (the report and its summary card) minus NOT_INDEXED; facets, sort keys and
the details a result shows come from its `data-pagefind-filter`, `-sort` and `-meta` attributes.
The search page (docs/zoeken.md, docs/assets/zoeken.js) uses Pagefind's JavaScript API, not its
default UI.

Pagefind keeps every page it indexes in memory until it writes (about 270 kB per trip page, so 2.7 GB
at 10,000), so the trip pages are indexed in shards of at most SHARD_PAGES, INDEX_JOBS Pagefind runs at
a time, and the shards are merged into the one bundle the search page loads (pagefind_bundle.py): the
same words, filters, sort orders and excerpts as one run over all pages, in memory bounded by the shard
size, whatever the size of the register.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from pagefind_bin import get_executable

from reisregister.core import addresses
from reisregister.site import pagefind_bundle

LANGUAGE = "nl"  # one Dutch index with Dutch stemming, whatever a page's lang attribute says
TRIP_PAGES = f"{addresses.TRIPS}*/index.html"  # year pages match too, but have no data-pagefind-body
OUTPUT = "pagefind"
SHARDS = ".pagefind-shards"  # beside the pages while indexing (links need the same file system), then removed
# Pages per Pagefind run: about 270 kB of memory each while indexing, so about 140 MB per run
# (REISREGISTER_SHARD_PAGES sets another number); and runs at once, one per core of a 2-core machine.
SHARD_PAGES = 500
INDEX_JOBS = 2
BODY = b"data-pagefind-body"
SORT_VALUE = re.compile(r'data-pagefind-sort="([^"]+)"[^>]*>([^<]*)<')
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


def build_index(site_dir: Path, expected_pages: int | None = None, shard_pages: int | None = None) -> IndexStats:
    """Index the trip pages of a built site into site_dir/pagefind/, check it, and log how long it took.

    shard_pages: pages per Pagefind run; by default REISREGISTER_SHARD_PAGES, else SHARD_PAGES.
    """
    started = time.perf_counter()
    shard_pages = shard_pages or _shard_pages()
    output = site_dir / OUTPUT
    work = site_dir / SHARDS
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    try:
        pages, sort_values = _indexed_pages(site_dir)
        shards = _index_shards(site_dir, shard_groups(pages, shard_pages), work)
        try:
            pagefind_bundle.merge(shards, output, sort_values)
        except (pagefind_bundle.BundleError, OSError, ValueError, KeyError) as error:
            raise SearchIndexError(f"search index: the shards could not be merged: {error}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name in UNUSED_BUNDLES:
        (output / name).unlink(missing_ok=True)
    pages = check_index(output, expected_pages)
    stats = IndexStats(pages, time.perf_counter() - started, index_size(output))
    log.info(
        f"pagefind: indexed {stats.pages} pages in {stats.seconds:.1f} s ({stats.size / 1e6:.1f} MB,"
        f" {len(shards)} shard{'s' if len(shards) != 1 else ''})"
    )
    return stats


def shard_groups(pages: list[Path], shard_pages: int) -> list[list[Path]]:
    """The trip pages in shards of at most shard_pages: whole start years, consecutive ones together, a larger
    year in equal parts.

    Whole years, so that a new or changed trip changes the shards of its year only. Always at least one
    shard, so that an empty site still gets Pagefind's own error.
    """
    groups: list[list[Path]] = []
    current: list[Path] = []
    for _, year_pages in groupby(sorted(pages), key=lambda page: page.parent.name[:4]):
        year = list(year_pages)
        if len(current) + len(year) > shard_pages and current:
            groups.append(current)
            current = []
        if len(year) > shard_pages:
            parts = -(-len(year) // shard_pages)
            size = -(-len(year) // parts)
            groups += [year[start : start + size] for start in range(0, len(year), size)]
        else:
            current += year
    if current:
        groups.append(current)
    return groups or [[]]


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


def _shard_pages() -> int:
    value = os.environ.get("REISREGISTER_SHARD_PAGES", str(SHARD_PAGES))
    if not value.isdigit() or int(value) < 1:
        raise SearchIndexError(f"search index: REISREGISTER_SHARD_PAGES must be a whole number above 0, not {value!r}")
    return int(value)


# Pages with a data-pagefind-body (trip pages; year pages match the glob but have none) and their sort values
# (data-pagefind-sort) per URL, which order the pages across shards.
def _indexed_pages(site_dir: Path) -> tuple[list[Path], dict[str, dict[str, str]]]:
    pages, sort_values = [], {}
    for page in sorted(site_dir.glob(TRIP_PAGES)):
        text = page.read_bytes()
        if BODY not in text:
            continue
        pages.append(page)
        url = "/" + page.parent.relative_to(site_dir).as_posix() + "/"
        values = SORT_VALUE.findall(text.decode("utf-8"))
        sort_values[url] = {key: html.unescape(value).strip() for key, value in values}
    return pages, sort_values


# Each shard is a folder of links to its pages, at the same addresses below it as in the site, indexed by
# its own Pagefind run, INDEX_JOBS at a time (processes, not a thread pool: `make serve` indexes in a
# thread that may outlive the main one, when a pool no longer takes work).
def _index_shards(site_dir: Path, groups: list[list[Path]], work: Path) -> list[Path]:
    shards = [work / str(number) for number in range(len(groups))]
    for shard, pages in zip(shards, groups, strict=True):
        _link_pages(site_dir, pages, shard / "site")
    running: list[subprocess.Popen] = []
    try:
        for shard in shards:
            if len(running) == INDEX_JOBS:
                _finish_pagefind(running.pop(0))
            running.append(_start_pagefind(shard / "site", shard / OUTPUT))
        while running:
            _finish_pagefind(running.pop(0))
    finally:
        for process in running:
            process.kill()
            process.wait()
    return [shard / OUTPUT for shard in shards]


def _link_pages(site_dir: Path, pages: list[Path], shard_site: Path) -> None:
    for page in pages:
        target = shard_site / page.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(page, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(page, target)
    (shard_site / addresses.TRIPS).mkdir(parents=True, exist_ok=True)


# The pagefind CLI, not its Python service API: the service answers "files written" while its
# writes (tokio files, never flushed) are still pending, and closing it then terminates the
# process, which left index files empty in about one build in seven. The CLI exits only after
# its runtime has finished every write.
def _start_pagefind(site_dir: Path, output: Path) -> subprocess.Popen:
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
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as error:
        raise SearchIndexError(f"search index: pagefind did not run: {error}") from None


def _finish_pagefind(process: subprocess.Popen) -> None:
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.wait()
        raise SearchIndexError(f"search index: pagefind did not run: {error}") from None
    if process.returncode != 0:
        details = (stderr or stdout).strip()[-2000:]
        raise SearchIndexError(f"search index: pagefind exited with {process.returncode}: {details}")


# Pagefind's .pf_* files are gzip streams: a truncated or empty one breaks search in the browser.
def _check_file(path: Path) -> None:
    if path.stat().st_size == 0:
        raise SearchIndexError(f"search index: {path} is empty")
    if path.suffix.startswith(".pf_"):
        try:
            gzip.decompress(path.read_bytes())
        except (OSError, EOFError) as error:
            raise SearchIndexError(f"search index: {path} is damaged ({error})") from None
