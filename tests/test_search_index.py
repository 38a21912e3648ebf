"""The search index is written completely or the build fails: repeated and concurrent builds, and
the check that catches an incomplete index."""

from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site

from reisregister.site import search

DEMO_REPORTS = 400


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> tuple[Path, int]:
    """A built site of a generated archive, and its number of trip pages."""
    base = tmp_path_factory.mktemp("demo")
    reports = base / "reports"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "reisregister.cli.main",
            "demo",
            "--count",
            str(DEMO_REPORTS),
            "--out",
            reports,
            "--seed",
            "7",
        ],
        check=True,
        capture_output=True,
    )
    build_site(reports, base / "site")
    return base / "site", DEMO_REPORTS


@pytest.fixture
def index_copy(demo_site: tuple[Path, int], tmp_path: Path) -> Path:
    """A complete index of the demo site, to damage."""
    site, _ = demo_site
    shutil.copytree(site / "pagefind", tmp_path / "pagefind")
    return tmp_path / "pagefind"


def test_the_build_indexed_every_trip_of_the_archive(demo_site: tuple[Path, int]):
    site, trips = demo_site
    assert search.check_index(site / "pagefind", trips) == trips


def test_repeated_and_concurrent_builds_write_complete_indexes(demo_site: tuple[Path, int], tmp_path: Path):
    site, trips = demo_site
    copies = []
    for number in range(2):
        copy = tmp_path / f"site-{number}"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
        copies.append(copy)
    for _ in range(3):  # one after the other
        assert search.build_index(copies[0], trips).pages == trips
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(2):  # two at once, in different folders
            pages = list(pool.map(lambda copy: search.build_index(copy, trips).pages, copies))
            assert pages == [trips, trips]


def test_an_empty_file_is_caught(index_copy: Path, demo_site: tuple[Path, int]):
    fragment = next((index_copy / "fragment").glob("*.pf_fragment"))
    fragment.write_bytes(b"")
    with pytest.raises(search.SearchIndexError, match=r"pf_fragment is empty"):
        search.check_index(index_copy, demo_site[1])


def test_an_empty_entry_file_is_caught(index_copy: Path, demo_site: tuple[Path, int]):
    (index_copy / "pagefind-entry.json").write_bytes(b"")
    with pytest.raises(search.SearchIndexError, match=r"pagefind-entry.json is missing or incomplete"):
        search.check_index(index_copy, demo_site[1])


def test_a_truncated_index_file_is_caught(index_copy: Path, demo_site: tuple[Path, int]):
    word_index = next((index_copy / "index").glob("*.pf_index"))
    word_index.write_bytes(word_index.read_bytes()[:20])
    with pytest.raises(search.SearchIndexError, match=r"pf_index is damaged"):
        search.check_index(index_copy, demo_site[1])


def test_a_missing_fragment_is_caught(index_copy: Path, demo_site: tuple[Path, int]):
    next((index_copy / "fragment").glob("*.pf_fragment")).unlink()
    with pytest.raises(search.SearchIndexError, match=rf"{demo_site[1] - 1} page fragments for {demo_site[1]} pages"):
        search.check_index(index_copy, demo_site[1])


def test_a_wrong_page_count_is_caught(index_copy: Path, demo_site: tuple[Path, int]):
    with pytest.raises(search.SearchIndexError, match=rf"{demo_site[1]} pages indexed, but the site has 5 trip pages"):
        search.check_index(index_copy, 5)


def test_a_failed_build_stops_the_mkdocs_build(tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    (site / "reizen").mkdir(parents=True)
    monkeypatch.setattr(search, "get_executable", lambda: Path("/bin/false"))
    with pytest.raises(search.SearchIndexError, match="pagefind exited with 1"):
        search.build_index(site, 0)


def test_a_build_that_indexes_in_the_background_still_ends_with_a_complete_index(tmp_path: Path):
    # `make serve` serves the pages while Pagefind indexes; `mkdocs build` with the same setting waits for it.
    reports = tmp_path / "reports"
    shutil.copytree(ROOT / "reports", reports)
    result = build_site(reports, tmp_path / "site", env_extra={"REISREGISTER_SEARCH": "background"})
    assert "the search index follows in a few seconds" in result.stdout + result.stderr
    trips = len(list(reports.rglob("*.md")))
    assert search.check_index(tmp_path / "site" / "pagefind", trips) == trips
