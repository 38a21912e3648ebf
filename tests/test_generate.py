"""The engine (site/generate.py): generated pages written into shells, without MkDocs.

A shell here is a small hand-written page with the placeholder's sentinels, as any theme could
render it; the built sites (MkDocs + Material as the shell's generator) are checked at the end.
"""

from __future__ import annotations

import dataclasses
import gzip
import re
from pathlib import Path

import pytest

from reisregister.site import generate
from reisregister.site.pages import Page, Site

# A theme's page for a placeholder: every slot in the places Material puts it, once or more.
THEME = """<!doctype html>
<html><head><title>{title} - Register</title>
<meta name="description" content="{description}">
<link rel="canonical" href="https://r.example/{url}">
{feed_link}<link rel="stylesheet" href="{up}assets/site.css"></head>
<body><header>{title}</header><nav><a href="{up}reizen/">Reizen</a></nav>
<article>{content}</article></body></html>"""
FEED_LINK = '<link rel="alternate feed" title="{feed_title}" href="{feed}">\n'


def theme_page(placeholder: generate.Placeholder) -> str:
    """What a theme renders for a placeholder page."""
    up = "../" * placeholder.url.count("/")
    feed_link = FEED_LINK.format(feed=placeholder.feed, feed_title=placeholder.feed_title) if placeholder.feed else ""
    return THEME.format(
        title=placeholder.title,
        description=placeholder.description,
        url=placeholder.url,
        content=placeholder.content,
        feed_link=feed_link,
        up=up,
    )


def shells_for(pages: list[Page], token: str = "0123abcd") -> dict[generate.ShellKey, generate.Shell]:
    found = generate.placeholders(pages, token)
    return {p.key: generate.Shell.cut(theme_page(p), p) for p in found}


def page(url: str, title: str = "Reizen in 2015", html: str = "<p>tekst</p>", feed: str | None = None) -> Page:
    return Page(url, title, f"{title}: 3 reizen.", lambda: html, feed)


def test_one_shell_per_folder_and_feed():
    pages = [
        page("reizen/2015-09-14-a/", html="<h1>A</h1>"),
        page("reizen/2016-01-02-b/", html="<h1>B</h1>"),
        page("reizen/2015/", feed="reizen/2015/feed.xml"),
        page("landen/fr/", feed="landen/fr/feed.xml"),
        page("landen/fr/pagina-2/", feed="landen/fr/feed.xml"),
        page("status/"),
    ]
    found = generate.placeholders(pages, "abc")
    assert [(p.key.folder, p.key.feed) for p in found] == [
        ("", False),
        ("landen", True),
        ("landen/fr", True),
        ("reizen", False),
        ("reizen", True),
    ]
    for placeholder in found:  # beside the pages it serves: the same relative links
        folder = placeholder.key.folder
        assert placeholder.url.rstrip("/").rpartition("/")[0] == folder
        assert placeholder.url.count("/") == (folder.count("/") + 2 if folder else 1)


def test_a_page_fills_its_shell_escaped_and_complete():
    title = '<script>x</script> & "co" \'n'
    trip = page("reizen/2015-09-14-a/", title=title, html="<h1>Eigen kop</h1><p>verslag</p>")
    listed = page("reizen/2015/", title=title, feed="reizen/2015/feed.xml")
    shells = shells_for([trip, listed])
    html = shells[generate.shell_key(trip)].fill(generate.page_values(trip, generate.page_content(trip)))
    assert "<script>x" not in html and html.count("&lt;script&gt;x&lt;/script&gt; &amp; &#34;co&#34; &#39;n") == 3
    assert '<link rel="canonical" href="https://r.example/reizen/2015-09-14-a/">' in html
    assert '<link rel="stylesheet" href="../../assets/site.css">' in html and 'href="../../reizen/"' in html
    assert "<article><h1>Eigen kop</h1><p>verslag</p></article>" in html  # its own heading, no second one
    assert "feed" not in html
    html = shells[generate.shell_key(listed)].fill(generate.page_values(listed, generate.page_content(listed)))
    assert '<link rel="alternate feed" title="Reisregister: &lt;script&gt;x' in html and 'href="feed.xml">' in html
    assert "<article><h1>&lt;script&gt;x&lt;/script&gt; &amp; &#34;co&#34; &#39;n</h1>\n<p>tekst</p></article>" in html
    assert generate.SENTINEL_PREFIX not in html


def test_report_text_that_looks_like_a_sentinel_stays_text():
    shells = shells_for([page("reizen/2015/")])
    placeholder = generate.placeholders([page("reizen/2015/")], "0123abcd")[0]
    sneaky = page("reizen/2015/", title=placeholder.content, html=f"<p>{placeholder.title}</p>")
    html = shells[generate.shell_key(sneaky)].fill(generate.page_values(sneaky, generate.page_content(sneaky)))
    assert f"<p>{placeholder.title}</p>" in html  # filled once, never scanned again
    assert "&lt;h1&gt;rr-shell-0123abcd-0-content&lt;/h1&gt;" in html


def test_a_shell_without_a_slot_or_with_a_stray_sentinel_is_refused():
    placeholder = generate.placeholders([page("reizen/2015/")], "0123abcd")[0]
    with pytest.raises(generate.ShellError, match="has no content"):
        generate.Shell.cut(theme_page(placeholder).replace(placeholder.content, ""), placeholder)
    stray = theme_page(placeholder).replace("</body>", f"<a href='{placeholder.url.split('/')[1]}'>x</a></body>")
    with pytest.raises(generate.ShellError, match="where no value goes"):
        generate.Shell.cut(stray, placeholder)


def test_the_whole_generated_site_without_mkdocs(fixture_register, tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "\n    <url>\n         <loc>https://r.example/over/</loc>\n         <lastmod>2026-11-28</lastmod>\n    </url>"
        "\n</urlset>",
        encoding="utf-8",
    )
    settings = dataclasses.replace(fixture_register.settings, site_url="https://r.example/")
    monkeypatch.setattr(fixture_register, "settings", settings)
    router = Site(fixture_register)
    pages = router.pages()
    generate.write_site(router, shells_for(pages), site, lastmod="2026-11-28")
    for generated in pages:
        html = (site / generated.url / "index.html").read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>") and html.endswith("</html>"), generated.url
        assert f'href="https://r.example/{generated.url}"' in html
        assert html.count("<h1") == 1, generated.url  # its own heading, or its title as one
    assert (site / "data" / "reports.json").is_file() and (site / "feed.xml").is_file()
    assert not any(generate.SENTINEL_PREFIX in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locs == ["https://r.example/over/", *(f"https://r.example/{p.url}" for p in pages)]
    assert sitemap.count("<lastmod>2026-11-28</lastmod>") == len(locs)
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


def test_the_sitemap_drops_placeholders_and_keeps_the_generators_pages(tmp_path: Path):
    entry = "\n    <url>\n         <loc>https://r.example/{}</loc>\n         <lastmod>2026-11-28</lastmod>\n    </url>"
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    original = head + "".join(entry.format(u) for u in ("", "over/", "reizen/", "reizen/rr-shell-x-0/")) + "\n</urlset>"
    (tmp_path / "sitemap.xml").write_text(original, encoding="utf-8")
    urls = ["reizen/2015-09-14-a/", "reizen/", "reizen/2015/"]
    generate.extend_sitemap(tmp_path, urls, "https://r.example/", "2026-11-28", drop=["reizen/rr-shell-x-0/"])
    expected = head + "".join(entry.format(u) for u in ("", "over/", *urls)) + "\n</urlset>"
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == expected
    packed = (tmp_path / "sitemap.xml.gz").read_bytes()
    assert packed[4:8] == (1795824000).to_bytes(4, "little")  # dated midnight UTC of lastmod, as MkDocs does
    (tmp_path / "sitemap.xml").write_text(original, encoding="utf-8")
    generate.extend_sitemap(tmp_path, urls, "", None)  # no site address: no absolute addresses to add
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == original
    (tmp_path / "sitemap.xml").unlink()  # a generator that writes no sitemap: the engine starts one
    generate.extend_sitemap(tmp_path, urls[:1], "https://r.example/", "2026-11-28")
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == head + entry.format(urls[0]) + "\n</urlset>"


def test_no_sentinel_or_placeholder_is_published(built_site: Path, https_site: Path):
    for site in (built_site, https_site):
        leaks = [p for p in site.rglob("*") if p.is_file() and generate.SENTINEL_PREFIX.encode() in p.read_bytes()]
        assert leaks == []
        assert not any(generate.SENTINEL_PREFIX in p.name for p in site.rglob("*"))


def test_generated_pages_in_the_built_site_are_complete(https_site: Path):
    trip = (https_site / "reizen" / "2015-09-14-marseille" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://reisregister.example.nl/reizen/2015-09-14-marseille/">' in trip
    assert "<title>Verslag dienstreis naar Marseille (14 en 15 september 2015) - Reisregister" in trip
    assert '<nav class="md-nav md-nav--primary"' in trip and 'href="../../zoeken/"' in trip  # nav and search
    assert trip.count("<h1") == 1 and "</html>" in trip
    year = (https_site / "reizen" / "2015" / "index.html").read_text(encoding="utf-8")
    assert (
        '<link rel="alternate feed" type="application/atom+xml" title="Reisregister: Reizen in 2015" href="feed.xml">'
        in year
    )
    assert "<h1>Reizen in 2015</h1>" in year and 'href="../"' in year  # the nav's "Alle reizen" from reizen/2015/
    sitemap = (https_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://reisregister.example.nl/reizen/2015-09-14-marseille/" in sitemap
    assert len(re.findall("<loc>", sitemap)) == len(set(re.findall(r"<loc>([^<]*)</loc>", sitemap)))
