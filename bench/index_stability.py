"""How often the search index comes out incomplete: index one built site many times, two at once.

Usage: python bench/index_stability.py SITE_DIR [ROUNDS]. SITE_DIR is a built site (e.g. from
`make bench`, bench/out/site-1000); each round indexes two copies of it at the same time and checks
both with search.check_index. Prints the number of index builds and failures.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reisregister.site import search


def main() -> None:
    site, rounds = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10
    trips = search.indexed_pages(site / search.OUTPUT)
    with tempfile.TemporaryDirectory() as scratch:
        copies = [Path(scratch) / f"site-{n}" for n in range(2)]
        for copy in copies:
            shutil.copytree(site, copy, ignore=shutil.ignore_patterns(search.OUTPUT))
        failures = []
        with ThreadPoolExecutor(max_workers=2) as pool:
            for _ in range(rounds):
                failures += [error for error in pool.map(lambda copy: index_once(copy, trips), copies) if error]
    for error in failures:
        print(f"  {error}", file=sys.stderr)
    print(f"{2 * rounds} index builds of {trips} pages, two at a time: {len(failures)} failed")


def index_once(site: Path, trips: int) -> str | None:
    """Build and check one index; the error, if any."""
    try:
        search.build_index(site, trips)
    except search.SearchIndexError as error:
        return str(error)
    return None


if __name__ == "__main__":
    main()
