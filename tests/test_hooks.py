"""The MkDocs adapter's share of the theme: the navigation rendered once per folder for generated pages."""

from __future__ import annotations

from types import SimpleNamespace

from mkdocs.structure.files import InclusionLevel

from reisregister.adapters.mkdocs import hooks


def fake_page(url: str, inclusion: InclusionLevel, hide: tuple[str, ...] = ("toc",)) -> SimpleNamespace:
    src_uri = url.rstrip("/") + ".md"
    return SimpleNamespace(
        url=url, meta={"hide": list(hide)}, file=SimpleNamespace(src_uri=src_uri, inclusion=inclusion)
    )


def generated(src_uri: str) -> object | None:
    """Every page counts as generated except docs/over.md."""
    return None if src_uri == "over.md" else object()


def renders(shared, page) -> tuple[str, list[str]]:
    """Render a page's sidebars through the cache; the list grows when the theme really renders."""
    calls: list[str] = []

    def caller() -> str:
        calls.append(page.url)
        return f"<nav for {page.url}>"

    return shared(page, caller), calls


def test_generated_pages_outside_the_nav_share_their_folders_navigation():
    shared = hooks._SamePerFolder(generated)
    first, calls_first = renders(shared, fake_page("reizen/2015-09-14-a/", InclusionLevel.NOT_IN_NAV))
    second, calls_second = renders(shared, fake_page("reizen/2016-01-02-b/", InclusionLevel.NOT_IN_NAV))
    assert calls_first == ["reizen/2015-09-14-a/"] and calls_second == []
    assert second == first
    other_folder, calls = renders(shared, fake_page("landen/fr/", InclusionLevel.NOT_IN_NAV))
    assert calls == ["landen/fr/"] and other_folder != first
    _, calls = renders(shared, fake_page("reizen/2017-03-04-c/", InclusionLevel.NOT_IN_NAV, hide=()))
    assert calls == ["reizen/2017-03-04-c/"]


def test_pages_in_the_nav_and_hand_written_pages_render_every_time():
    shared = hooks._SamePerFolder(generated)
    for _ in range(2):
        _, calls = renders(shared, fake_page("reizen/", InclusionLevel.INCLUDED))  # the active item differs
        assert calls == ["reizen/"]
        _, calls = renders(shared, fake_page("over/", InclusionLevel.NOT_IN_NAV))  # hand-written
        assert calls == ["over/"]
    assert shared(None, lambda: "<404>") == "<404>"
