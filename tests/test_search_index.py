"""The search index is written completely or the build fails: repeated and concurrent builds, and
the check that catches an incomplete index."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sitebuild import ROOT, build_site

from reisregister.site import pagefind_bundle, search

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


# ----------------------------------------------------------------------------
# The index in shards: Pagefind runs on parts of the trips, merged into one bundle
# ----------------------------------------------------------------------------


def _read_bundle(folder: Path) -> dict:
    """A Pagefind bundle by page URL instead of page number: what a search can find in it."""
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    (language,) = entry["languages"].values()
    meta = pagefind_bundle.read_file(folder / f"pagefind.{language['hash']}.pf_meta")
    fragments = {}
    for name, word_count in meta[1]:
        fragment = json.loads(gzip.decompress((folder / "fragment" / f"{name}.pf_fragment").read_bytes())[12:])
        fragments[fragment["url"]] = (fragment, word_count)
    urls = [fragment["url"] for fragment, _ in fragments.values()]  # in page number order

    def by_url(pages: list[list]) -> dict[str, tuple]:
        number, found = 0, {}
        for delta, positions, meta_positions in pages:
            number += delta
            found[urls[number]] = (positions, meta_positions)
        return found

    words = {}
    for _, _, chunk in meta[2]:
        for word, pages, variants in pagefind_bundle.read_file(folder / "index" / f"{chunk}.pf_index")[0]:
            words[word] = (by_url(pages), {form: by_url(form_pages) for form, form_pages in variants})
    filters = {}
    for name, file_hash in meta[3]:
        _, values = pagefind_bundle.read_file(folder / "filter" / f"{file_hash}.pf_filter")
        filters[name] = {value: {urls[page] for page in pages} for value, pages in values}
    return {
        "fragments": fragments,
        "words": words,
        "filters": filters,
        "sorts": {key: [urls[page] for page in pages] for key, pages in meta[4]},
        "chunks": [chunk[:2] for chunk in meta[2]],
        "meta_fields": meta[5],
    }


@pytest.fixture(scope="module")
def sharded(demo_site: tuple[Path, int], tmp_path_factory) -> tuple[dict, dict, Path]:
    """The demo site's trips indexed in shards of 10 and merged, and indexed by one Pagefind run over all."""
    site, trips = demo_site
    base = tmp_path_factory.mktemp("shards")
    shutil.copytree(site / "reizen", base / "site" / "reizen")
    assert search.build_index(base / "site", trips, shard_pages=10).pages == trips
    search._finish_pagefind(search._start_pagefind(base / "site", base / "whole"))
    return _read_bundle(base / "site" / "pagefind"), _read_bundle(base / "whole"), base / "site"


def test_a_sharded_index_holds_what_one_pagefind_run_over_all_trips_holds(sharded: tuple[dict, dict, Path]):
    merged, whole, _ = sharded
    assert merged["words"] == whole["words"]  # every word: its trips, positions, weights and diacritic variants
    assert merged["fragments"] == whole["fragments"]  # every trip: its excerpt text, facets, meta, word count
    assert merged["filters"] == whole["filters"]
    assert merged["meta_fields"] == whole["meta_fields"]
    assert merged["chunks"] == whole["chunks"]  # the same word ranges per file: a query loads as much as before


def test_every_trip_is_found_in_the_sharded_index(demo_site: tuple[Path, int], sharded: tuple[dict, dict, Path]):
    merged, _, site = sharded
    trips = {f"/reizen/{page.parent.name}/" for page in site.glob("reizen/*/index.html") if "-" in page.parent.name}
    assert len(trips) == demo_site[1]
    assert set(merged["fragments"]) == trips
    assert len(search.shard_groups(list(site.glob("reizen/*-*/index.html")), 10)) > 20  # many shards were merged
    found = set().union(*(set(pages) for pages, _ in merged["words"].values()))
    assert found == trips  # each trip is found by its words


def test_facet_counts_of_the_shards_add_up(demo_site: tuple[Path, int], sharded: tuple[dict, dict, Path]):
    merged, _, _ = sharded
    per_year = {year: len(trips) for year, trips in merged["filters"]["jaar"].items()}
    assert sum(per_year.values()) == demo_site[1]
    for year, count in per_year.items():
        assert count == sum(1 for url in merged["fragments"] if url.startswith(f"/reizen/{year}-"))
    for name, values in merged["filters"].items():  # every trip has each facet but tags
        if name != "tags":
            assert set().union(*values.values()) == set(merged["fragments"]), name


def test_results_are_sorted_across_shards(sharded: tuple[dict, dict, Path]):
    merged, whole, site = sharded
    _, values = search._indexed_pages(site)
    dates = [values[url]["datum"] for url in merged["sorts"]["datum"]]
    costs = [float(values[url]["kosten"]) for url in merged["sorts"]["kosten"]]
    assert dates == sorted(dates) and len(dates) == len(merged["fragments"])
    assert costs == sorted(costs) and len(costs) == len(merged["fragments"])
    for key in ("datum", "kosten"):  # the same order as one run's; trips of equal value may swap
        assert [values[url][key] for url in merged["sorts"][key]] == [values[url][key] for url in whole["sorts"][key]]


def test_a_sharded_index_is_written_the_same_each_time(
    demo_site: tuple[Path, int], sharded: tuple[dict, dict, Path], tmp_path: Path
):
    _, _, site = sharded
    copy = tmp_path / "site"
    shutil.copytree(site / "reizen", copy / "reizen")
    search.build_index(copy, demo_site[1], shard_pages=10)
    first = {path.relative_to(site): path.read_bytes() for path in (site / "pagefind").rglob("*") if path.is_file()}
    again = {path.relative_to(copy): path.read_bytes() for path in (copy / "pagefind").rglob("*") if path.is_file()}
    assert first == again
    assert not (copy / search.SHARDS).exists()  # the shards are not published


def test_shards_hold_whole_years_up_to_their_size():
    pages = [
        Path(f"reizen/{year}-01-{day:02d}-x/index.html")
        for year, days in ((2010, 2), (2011, 3), (2012, 7))
        for day in range(1, days + 1)
    ]
    groups = search.shard_groups(pages, 5)
    years = [sorted({page.parent.name[:4] for page in group}) for group in groups]
    assert years == [["2010", "2011"], ["2012"], ["2012"]]  # 2 + 3 together; 7 in two parts of 4 and 3
    assert [len(group) for group in groups] == [5, 4, 3]
    assert [page for group in groups for page in group] == sorted(pages)
    assert search.shard_groups([], 5) == [[]]  # an empty site still runs Pagefind, for its own error


def test_a_wrong_shard_size_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("REISREGISTER_SHARD_PAGES", "0")
    with pytest.raises(search.SearchIndexError, match="REISREGISTER_SHARD_PAGES must be a whole number above 0"):
        search.build_index(tmp_path, 0)
