"""The MkDocs adapter's share of the engine: a placeholder page per shell, rendered by Material and cut."""

from __future__ import annotations

from pathlib import Path

from reisregister.site.generate import SENTINEL_PREFIX, compact


def test_generated_pages_in_the_nav_stay_with_mkdocs_and_the_rest_are_written_into_shells(built_site: Path):
    listed = (built_site / "reizen" / "index.html").read_text(encoding="utf-8")
    assert "md-nav__link--active" in listed  # its nav item is marked, its footer leads on
    assert 'class="md-footer__link md-footer__link--next"' in listed
    year = (built_site / "reizen" / "2015" / "index.html").read_text(encoding="utf-8")
    assert "md-nav__link--active" not in year and "md-footer__link" not in year  # as Material renders it
    assert not [p for p in built_site.rglob("*") if SENTINEL_PREFIX in p.name]  # no placeholder is published


def test_a_trip_page_and_a_hand_written_page_share_materials_frame(built_site: Path):
    trip = (built_site / "reizen" / "2015-09-14-marseille" / "index.html").read_text(encoding="utf-8")
    about = (built_site / "over" / "index.html").read_text(encoding="utf-8")
    for part in ('<header class="md-header', '<form class="rr-header-search"', '<footer class="md-footer">'):
        assert part in trip and part in about
    # The same scripts, one folder deeper (the shell's relative links are those of the trip's folder), compacted.
    tail = compact(about).split('<script id="__config"', 1)[1]
    assert trip.split('<script id="__config"', 1)[1] == tail.replace('"..', '"../..')
