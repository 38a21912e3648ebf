"""The build cache (intake/cache.py): a cached build writes the same bytes as a clean one, and a
changed report is checked and rendered again."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from buildlock import differences, hash_tree
from sitebuild import build_site, make_reports

from reisregister.intake.cache import BuildCache

CHANGED = "2015/2015-09-14-full.md"


def build(reports: Path, out: Path, cache: Path | None) -> tuple[dict[str, str], str]:
    """A strict build with the cache in `cache` (None: none); the file hashes and the log's cache line."""
    result = build_site(reports, out, env_extra={"REISREGISTER_CACHE": str(cache) if cache else "off"})
    found = re.search(r"reused from .*?: (.*)", result.stdout + result.stderr)
    return hash_tree(out), found.group(1) if found else ""


def reused(summary: str) -> dict[str, tuple[int, int]]:
    """'check 3/5, source 3/5' -> {'check': (3, 5), 'source': (3, 5)}."""
    return {kind: (int(a), int(b)) for kind, a, b in re.findall(r"(\w+) (\d+)/(\d+)", summary)}


def test_a_cached_build_is_byte_identical_to_a_clean_one_and_a_changed_report_is_made_again(tmp_path: Path):
    reports = make_reports(tmp_path / "reports")
    cache = tmp_path / "cache"
    clean, summary = build(reports, tmp_path / "clean", None)
    assert summary == ""
    cold, summary = build(reports, tmp_path / "cold", cache)
    assert (cache / "cache.sqlite").is_file()
    assert all(hits == 0 for hits, _ in reused(summary).values()), summary
    warm, summary = build(reports, tmp_path / "warm", cache)
    counts = reused(summary)
    assert set(counts) == {"check", "source", "trip"}
    assert all(hits == total > 0 for hits, total in counts.values()), summary  # everything from the cache
    assert differences(clean, cold) == []
    assert differences(clean, warm) == []

    report = reports / CHANGED
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("summary: ", "summary: Gewijzigd. ", 1), encoding="utf-8")
    changed, summary = build(reports, tmp_path / "changed", cache)
    counts = reused(summary)
    assert counts["check"][0] == counts["check"][1] - 1  # only the edited file is checked again
    assert counts["source"][0] == counts["source"][1] - 1
    assert counts["trip"][1] - 3 <= counts["trip"][0] < counts["trip"][1]  # it and at most its two neighbours
    changed_clean, _ = build(reports, tmp_path / "changed-clean", None)
    assert differences(changed_clean, changed) == []
    page = tmp_path / "changed" / "reizen" / "2015-09-14-full" / "index.html"
    assert "Gewijzigd." in page.read_text(encoding="utf-8")
    assert any("reizen/2015-09-14-full/" in line for line in differences(clean, changed))


def test_the_cache_is_off_when_asked_and_never_read_from_a_folder_git_tracks(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("REISREGISTER_CACHE", "off")
    assert BuildCache.for_project(tmp_path).folder is None
    monkeypatch.delenv("REISREGISTER_CACHE")
    assert BuildCache.for_project(tmp_path).folder == tmp_path / ".cache"
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "cache.sqlite").write_bytes(b"a pickle from a pull request")
    subprocess.run(["git", "-C", str(tmp_path), "add", "-f", ".cache/cache.sqlite"], check=True)
    assert BuildCache.for_project(tmp_path).folder is None


def test_a_value_is_found_by_everything_it_depends_on(tmp_path: Path):
    cache = BuildCache(tmp_path)
    key = cache.key("trip", "abc", 1)
    assert cache.key("trip", "abc", 1) == key
    assert key != cache.key("trip", "abd", 1) and key != cache.key("source", "abc", 1)
    cache.put(key, "<p>html</p>")
    cache.save()
    again = BuildCache(tmp_path)
    assert again.get(key) == "<p>html</p>"
    assert again.get(cache.key("trip", "abc", 2)) is None
    assert again.summary() == "trip 1/1"
