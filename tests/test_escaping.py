"""Every view escapes every text field that reaches it: a `<script>` in a report field is shown as text.

The schema refuses HTML in plain-text fields (model.HTML_TAG in model._plain_text), so a report
file cannot carry one; here that check is switched off, so the escaping of the views and templates is tested on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reisregister.core import model
from reisregister.register.register import Register
from reisregister.site import blocks
from reisregister.site import pages as site
from reisregister.site.html import render_redirect

# Each field holds <script>NAME</script>; the page must show it as text, escaped by the template.
FIELDS = (
    "title",
    "city",
    "name",
    "role",
    "organisation",
    "guest",  # an external participant's organisation
    "summary",
    "paid_by",
    "tag",
    "expected",
    "action",
    "owner",
    "result",
    "correction",
    "reason",  # flight_reason
    "body",  # the body's name, from the settings
)

REPORT = """---
title: "<script>title</script>"
start_date: 2022-03-01
end_date: 2022-03-02
destinations:
  - city: "<script>city</script>"
    country: BE
    lat: 50.85
    lon: 4.35
travellers:
  - name: "<script>name</script>"
    role: "<script>role</script>"
    organisation: "<script>organisation</script>"
external_participants:
  - organisation: "<script>guest</script>"
    count: 1
summary: "<script>summary</script>"
costs:
  total: 100.00
  currency: EUR
  status: final
paid_by: "<script>paid_by</script>"
tags: ["<script>tag</script>"]
transport: [vliegtuig]
train_hours: 2
flight_reason: "<script>reason</script>"
expected_results: "<script>expected</script>"
actions:
  - action: "<script>action</script>"
    owner: "<script>owner</script>"
    due: 2022-06-01
  - action: "<script>action</script> klaar"
    owner: "<script>owner</script>"
    due: 2022-06-01
    status: afgerond
    result: "<script>result</script>"
    updated: 2022-05-01
corrections:
  - date: 2022-04-01
    note: "<script>correction</script>"
published: 2022-03-10
---

## Doel van de reis

Overleg.

## Duur en periode

Twee dagen.

## Hoeveel personen

Een.

## Wat heeft het opgeleverd

Een afspraak.

## Vervolgafspraken

Zie de acties.
"""

# The pages (by address) and the fields each must show; every page of the register is checked for raw markup.
TRIP = "reizen/2022-03-01-script-city-script/"
SHOWN = {
    TRIP: set(FIELDS) - {"reason", "body"},
    "reizen/2022/": {"title", "city", "name", "role", "body"},
    "reizen/": {"title", "city", "name", "role", "body"},
    "reizen/2022/jaarrapportage/": {"title", "paid_by", "reason"},
    "vervolg/": {"title", "action", "owner", "organisation"},
    "vervolg/afgerond/": {"title", "action", "owner", "result"},
    "inzichten/": {"city", "organisation", "body"},
    "organisaties/": {"organisation"},
    "functies/": {"role"},
    "tags/": {"tag"},
    "betalers/": {"paid_by"},
    "reizigers/": {"name"},
}


def escaped(field: str) -> str:
    return f"&lt;script&gt;{field}&lt;/script&gt;"


RAW = re.compile(r"<\s*/?\s*script", re.IGNORECASE)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> site.Site:
    folder = tmp_path_factory.mktemp("reports")
    (folder / "2022").mkdir()
    (folder / "2022" / "2022-03-01-script-city-script.md").write_text(REPORT, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(model, "HTML_TAG", re.compile(r"(?!)"))  # let HTML into plain-text fields
        found = Register.load(Path(folder), {"organisation": "<script>body</script>"})
    return site.Site(found)


@pytest.fixture(scope="module")
def pages(hostile_site: site.Site) -> dict[str, str]:
    return {page.url: page.html() for page in hostile_site.pages()}


def test_the_report_reaches_the_register_with_its_markup(hostile_site: site.Site):
    assert hostile_site.register.reports[0].meta.title == "<script>title</script>"
    assert hostile_site.register.reports[0].id == TRIP.split("/")[1]


def test_no_page_has_a_script_tag(pages: dict[str, str]):
    assert len(pages) > 20
    for url, html in pages.items():
        assert not RAW.search(html), f"a raw <script> on /{url}"


@pytest.mark.parametrize("url", sorted(SHOWN))
def test_every_field_on_a_page_is_shown_escaped(pages: dict[str, str], url: str):
    html = pages[url]
    missing = {field for field in SHOWN[url] if escaped(field) not in html}
    assert not missing, f"/{url} does not show {sorted(missing)} escaped"


def test_every_group_page_shows_its_label_escaped(pages: dict[str, str]):
    groups = {"organisaties/": "organisation", "functies/": "role", "tags/": "tag", "betalers/": "paid_by"}
    for folder, field in groups.items():
        found = [url for url in pages if url.startswith(folder) and url != folder]
        assert found, folder
        assert all(escaped(field) in pages[url] and not RAW.search(pages[url]) for url in found), folder


def test_home_and_reference_blocks_escape(hostile_site: site.Site):
    shown = {
        "latest_trips": blocks.latest_trips(hostile_site, ""),
        "planned_trips": blocks.planned_trips(hostile_site, ""),
        "pending_trips": blocks.pending_trips(hostile_site, ""),
        "year_comparison": blocks.year_comparison(hostile_site, ""),
    }
    for name, html in shown.items():
        assert not RAW.search(html), name
    assert escaped("title") in shown["latest_trips"] and escaped("city") in shown["latest_trips"]
    assert escaped("body") in shown["year_comparison"]


def test_the_redirect_page_escapes_the_title():
    html = render_redirect('../x/"><script>alert(1)</script>', "<script>title</script>")
    assert not RAW.search(html)
    assert html.count(escaped("title")) == 2
    assert 'href="../x/&#34;&gt;&lt;script&gt;' in html


def test_every_feed_carries_report_text_as_text(hostile_site: site.Site):
    """Feeds are XML built by ElementTree: a title, summary or action is escaped, and reads back unchanged."""
    import xml.etree.ElementTree as ET

    feeds = dict(hostile_site.feeds())
    assert len(feeds) == 10  # the register's, the year's, seven groups' (one each, status too), the actions'
    atom = "{http://www.w3.org/2005/Atom}"
    for path, text in feeds.items():
        assert not RAW.search(text), path
        ET.fromstring(text.encode("utf-8"))  # well-formed
    entries = ET.fromstring(feeds["feed.xml"].encode("utf-8")).findall(f"{atom}entry")
    assert [e.findtext(f"{atom}title") for e in entries] == ["<script>title</script>"]
    summary = entries[0].findtext(f"{atom}summary")
    assert summary.startswith("<script>summary</script>") and "<script>correction</script>" in summary
    assert escaped("action") in feeds["vervolg/feed.xml"] and escaped("result") in feeds["vervolg/feed.xml"]


def test_every_page_in_its_shell_escapes_title_description_and_feed(hostile_site: site.Site, tmp_path: Path):
    from markupsafe import escape
    from test_generate import shells_for

    from reisregister.site import generate

    pages = hostile_site.pages()
    generate.write_pages(pages, shells_for(pages), tmp_path)
    for page in pages:
        html = (tmp_path / page.url / "index.html").read_text(encoding="utf-8")
        assert not RAW.search(html), f"a raw <script> on /{page.url}"
        head = html.split("</head>")[0]
        if "script" in page.title:  # e.g. "&lt;script&gt;title&lt;/script&gt; (1 en 2 maart 2022)"
            assert f"<title>{escape(page.title)} - Register</title>" in head, page.url
        if page.feed and "script" in page.title:
            assert f'title="Reisregister: {escape(page.title)}"' in head, page.url
    trip = (tmp_path / TRIP / "index.html").read_text(encoding="utf-8")
    assert f'content="{escaped("summary")}"' in trip
