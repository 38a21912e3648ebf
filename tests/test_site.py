"""The built site: every report published, open data complete, hostile text inert, builds reproducible."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from buildlock import differences, hash_tree, manifest_text, read_manifest
from sitebuild import HOSTILE, build_site, make_reports

from reisregister.intake.checks import check_paths
from reisregister.opendata.export import csv_columns


def all_html(site: Path) -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


def test_every_report_has_a_page_and_records(built_site: Path, tmp_path: Path):
    ids = sorted(r["id"] for r in json.loads((built_site / "data" / "reports.json").read_text()))
    csv_ids = [
        row["id"]
        for row in csv.DictReader(io.StringIO((built_site / "data" / "reports.csv").read_text(encoding="utf-8")))
    ]
    assert len(ids) >= 14
    assert csv_ids == ids
    for report_id in ids:
        page = built_site / "reizen" / report_id / "index.html"
        assert page.is_file(), report_id
        assert (built_site / "data" / "reizen" / f"{report_id}.json").is_file()


def test_reports_json_has_the_documented_keys(built_site: Path):
    records = json.loads((built_site / "data" / "reports.json").read_text())
    required = {
        "id",
        "url",
        "title",
        "start_date",
        "end_date",
        "destinations",
        "travellers",
        "external_participants",
        "summary",
        "costs",
        "paid_by",
        "tags",
        "status",
        "sections",
    }
    assert all(required <= set(record) for record in records)
    full = next(r for r in records if r["id"] == "2015-09-14-full")
    assert full["url"] == "reizen/2015-09-14-full/"
    assert full["sections"]["follow_up"] == "Een workshop in Den Haag."
    assert full["costs"]["total"] == 639.7
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)


def test_statuses_follow_the_reference_date(built_site: Path):
    records = {r["id"]: r for r in json.loads((built_site / "data" / "reports.json").read_text())}
    assert records["2099-05-01-parijs"]["status"] == "gepland"
    assert records["2015-09-14-planned"]["status"] == "verslag volgt"
    assert records["2015-09-14-planned"]["overdue"] is True
    assert records["2015-09-14-full"]["status"] == "gepubliceerd"
    home = (built_site / "index.html").read_text()
    assert "Geplande reizen" in home and "2099-05-01-parijs" in home
    assert "te laat" in home


def test_trip_page_shows_the_card(built_site: Path):
    page = (built_site / "reizen" / "2015-09-14-withheld-and-named" / "index.html").read_text()
    assert (
        '<span class="rr-withheld"><em>naam niet openbaar</em>, </span>'
        '<a href="../../functies/beleidsadviseur/">beleidsadviseur</a>, '
        '<a href="../../organisaties/gemeente-den-haag/">Gemeente Den Haag</a>'
    ) in page
    assert '<a href="../../reizigers/jan-jansen/">Jan Jansen</a>, <a href="../../functies/wethouder/">' in page
    assert "14 en 15 september 2015 (2 dagen; " in page
    assert '<a href="../../zoeken/?q=Marseille" title="Zoek reizen naar Marseille">Marseille</a>' in page
    assert '(<a href="../../landen/fr/">Frankrijk</a>)' in page
    assert "€\xa0639,70" in page and "€\xa0412,50" in page
    assert '<h2 id="vervolgafspraken">Vervolgafspraken</h2>' in page
    assert "../../data/reizen/2015-09-14-withheld-and-named.json" in page
    assert len(page.encode()) < 40_000


def test_a_trip_page_leads_on(built_site: Path):
    page = (built_site / "reizen" / "2015-09-14-withheld-and-named" / "index.html").read_text()
    assert "<title>Verslag dienstreis naar Marseille (14 en 15 september 2015) - " in page
    crumbs = re.search(r'<nav class="rr-breadcrumb".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="([^"]+)"', crumbs) == ["../", "../2015/"]
    steps = re.search(r'<nav class="rr-prev-next".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="\.\./([^"]+)/" rel="(prev|next)"', steps) == [
        ("2015-09-14-total-only", "prev"),
        ("2015-09-14-yen", "next"),
    ]
    for link in re.findall(r'href="(\.\./\.\./(?:landen|functies|organisaties|reizigers|tags)/[^"]+)"', page):
        assert (built_site / "reizen" / "x" / link / "index.html").resolve().exists(), link
    first = (built_site / "reizen" / "2000-01-01-overname" / "index.html").read_text()  # the earliest trip
    assert 'rel="prev"' not in first and 'rel="next"' in first


def test_the_source_copy_is_the_checked_report_without_comments(built_site: Path, tmp_path: Path):
    hostile = (built_site / "data" / "bron" / "2016-03-01-hostile.txt").read_text(encoding="utf-8")
    assert "#" not in hostile.split("---")[1]  # no YAML comment survives
    for source in sorted((built_site / "data" / "bron").glob("*.txt")):
        copy = tmp_path / source.stem[:4] / f"{source.stem}.md"
        copy.parent.mkdir(exist_ok=True)
        copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    reports, problems = check_paths([tmp_path])
    assert problems == []
    assert len(reports) == len(list((built_site / "data" / "bron").glob("*.txt")))


SECRET_NAME = "Geheimnaam"  # only in a YAML comment of tests/hostile/2016-03-02-commentaar.md


def test_a_name_in_a_yaml_comment_is_published_nowhere(built_site: Path):
    assert SECRET_NAME in (HOSTILE / "2016-03-02-commentaar.md").read_text(encoding="utf-8")
    for path in built_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix.startswith(".pf_"):
                data = gzip.decompress(data)  # Pagefind's index
            assert SECRET_NAME.encode() not in data, path


def test_withheld_name_is_null_and_empty(built_site: Path):
    records = {r["id"]: r for r in json.loads((built_site / "data" / "reports.json").read_text())}
    assert records["2015-09-14-full"]["travellers"][0]["name"] is None
    rows = {
        row["id"]: row
        for row in csv.DictReader(io.StringIO((built_site / "data" / "reports.csv").read_text(encoding="utf-8")))
    }
    assert rows["2015-09-14-full"]["travellers_name"] == ""
    assert rows["2015-09-14-withheld-and-named"]["travellers_name"] == "; Jan Jansen"
    assert "None" not in (built_site / "data" / "reports.csv").read_text(encoding="utf-8")


def formula_parts(text: str) -> list[str]:
    """Parts of a CSV text that a spreadsheet could read as a formula, however it splits cells."""
    found = []
    for part in re.split(r"[,;\r\n]", text):
        kept = "".join(c for c in part if unicodedata.category(c) not in ("Cf", "Zs", "Cc") and c != '"')
        if unicodedata.normalize("NFKC", kept).startswith(tuple("=+-@")):
            found.append(part)
    return found


def test_csv_has_every_schema_column_and_no_formula_cells(built_site: Path):
    text = (built_site / "data" / "reports.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == csv_columns()
    assert formula_parts(text) == []  # split on `,`, on `;` and on line breaks, as any spreadsheet might
    hostile = next(row for row in rows if row[0] == "2016-03-01-hostile")
    assert "'=HYPERLINK(" in hostile[rows[0].index("destinations_city")]
    assert hostile[rows[0].index("travellers_role")] == "'+wethouder (waarnemend)"


# ----------------------------------------------------------------------------
# Hostile text
# ----------------------------------------------------------------------------


def test_jinja_in_reports_appears_literally(built_site: Path):
    page = (built_site / "reizen" / "2016-03-01-hostile" / "index.html").read_text()
    assert (
        "Tekst met {{ 7*7 }} en {% include &#39;base.html&#39; %}" in page
        or "Tekst met {{ 7*7 }} en {% include 'base.html' %}" in page
    )
    assert "{{ config.site_name }}" in page
    assert "Verslag {{ 7*7 }} {% for x in range(3) %}lus{% endfor %} &amp; co" in page
    assert "GEVAARLIJK" not in page and "lusluslus" not in page and "subclasses__()" in page


@pytest.mark.parametrize(
    "pattern",
    [
        r"<script>alert",
        r"\bon\w+\s*=\s*[\"']?alert",
        r"(href|src|action)\s*=\s*[\"']?\s*javascript:",
        r"<iframe",
        r"<form action=\"https://evil",
        r"<object",
        r"<embed",
        # As a reference or style; as inert text (inside a raw HTML block in CommonMark) it loads nothing.
        r"(src|href)\s*=\s*[\"']?https?://evil\.example/(s\.css|t\.png|tracker)|url\(\s*https?://evil",
        r"http-equiv=\"refresh\"",
        r"href\s*=\s*[\"']?\s*(//|\\|/\\)",  # protocol-relative: another host
        r"data:text/html",
    ],
)
def test_no_hostile_markup_reaches_any_page(built_site: Path, pattern: str):
    regex = re.compile(pattern, re.IGNORECASE)
    for path, html in all_html(built_site).items():
        assert not regex.search(html), f"{pattern} in {path}"


def test_hostile_summary_is_escaped_in_meta_tags(built_site: Path):
    page = (built_site / "reizen" / "2016-03-01-hostile" / "index.html").read_text()
    assert '<meta name="description" content="=1+1 &#34; onmouseover=&#34;alert(1)&#34;' in page
    assert "<title>Verslag {{ 7*7 }} {% for x in range(3) %}lus{% endfor %} &amp; co (1 en 2 maart 2016) - " in page


def test_safe_links_survive(built_site: Path):
    page = (built_site / "reizen" / "2016-03-01-hostile" / "index.html").read_text()
    assert '<a href="https://example.org/ok" rel="noopener nofollow ugc">Een gewone link</a>' in page
    assert 'href="mailto:info@example.org"' in page


def test_report_cannot_switch_macros_back_on(tmp_path: Path):
    reports = tmp_path / "reports" / "2016"
    reports.mkdir(parents=True)
    text = (HOSTILE / "2016-03-01-hostile.md").read_text().replace("tags:", "render_macros: true\ntags:", 1)
    (reports / "2016-03-01-hostile.md").write_text(text)
    result = build_site(tmp_path / "reports", tmp_path / "site", check=False)
    assert result.returncode == 1
    assert "2016-03-01-hostile.md:14: render_macros: is geen bekend veld" in result.stderr + result.stdout


# ----------------------------------------------------------------------------
# Whole builds
# ----------------------------------------------------------------------------


def test_invalid_report_fails_the_build_and_keeps_the_published_site(tmp_path: Path):
    reports = make_reports(tmp_path / "reports")
    site = tmp_path / "site"
    build_site(reports, site)
    published = (site / "reizen" / "2015-09-14-full" / "index.html").read_bytes()
    broken = reports / "2015" / "2015-09-14-full.md"
    broken.write_text(broken.read_text().replace("end_date: 2015-09-15", "end_date: 2015-09-13"))
    result = build_site(reports, site, check=False)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    # Ours in Dutch, with file, line, field as the form labels it, and the fix; then MkDocs' own last line.
    ours = (
        "ERROR   -  1 probleem in 1 bestand; verbeter ze en bouw opnieuw (`reisregister validate` geeft dezelfde "
        "meldingen):\n"
    )
    assert ours in output
    assert (
        "2015-09-14-full.md:4: Datum van terugkeer (end_date): 2015-09-13 ligt vóór 2015-09-14, "
        "de vertrekdatum (start_date)\n"
    ) in output
    assert result.stderr.rstrip().endswith(
        "De bouw is gestopt: er is niets gepubliceerd of veranderd. "
        "MkDocs meldt dat hieronder als 'Aborted with a BuildError!'."
    )
    assert "Aborted with a BuildError!" in result.stdout  # MkDocs' line, which we cannot change
    assert (site / "reizen" / "2015-09-14-full" / "index.html").read_bytes() == published


def test_two_builds_are_byte_identical(tmp_path: Path):
    reports = make_reports(tmp_path / "reports")
    build_site(reports, tmp_path / "a")
    build_site(reports, tmp_path / "b")
    assert differences(hash_tree(tmp_path / "a"), hash_tree(tmp_path / "b")) == []


def test_build_lock_names_every_file_added_removed_or_changed(built_site: Path, tmp_path: Path):
    before = hash_tree(built_site)
    assert "index.html" in before and "data/reports.json" in before
    assert not any(path.endswith((".pf_filter", ".pf_meta")) for path in before)  # Pagefind's noise only
    assert any(path.startswith("pagefind/") for path in before)  # the rest of the index is locked
    assert read_manifest(manifest_text(before)) == before
    after = dict(before, **{"index.html": "0" * 64, "new.html": "1" * 64})
    del after["feed.xml"]
    assert differences(before, after) == ["removed: feed.xml", "added: new.html", "changed: index.html"]


def test_no_page_links_to_a_third_party_asset(built_site: Path):
    for path, html in all_html(built_site).items():
        assets = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//', html)
        assert not assets, f"third-party asset in {path}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_schema_file_matches_the_model(built_site: Path):
    from reisregister.opendata.export import schema_text

    assert (built_site / "data" / "schema.json").read_text() == schema_text()


def test_feed_lists_latest_reports_without_names(built_site: Path):
    feed = (built_site / "feed.xml").read_text()
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert "<id>tag:reisregister.invalid,2015:reizen/2015-09-14-corrections/</id>" in feed
    assert "Gecorrigeerd: Aantal externe deelnemers gecorrigeerd." in feed
    assert "Jan Jansen" not in feed
    import xml.dom.minidom

    xml.dom.minidom.parseString(feed.encode())


def test_index_pages_exist_and_link_trips(built_site: Path):
    for address in (
        "reizen",
        "reizen/2015",
        "landen",
        "landen/fr",
        "organisaties",
        "functies",
        "betalers",
        "reizigers",
        "reizigers/jan-jansen",
    ):
        assert (built_site / address / "index.html").is_file(), address
    country = (built_site / "landen" / "fr" / "index.html").read_text()
    assert 'href="../../reizen/2015-09-14-full/"' in country
    assert "<tfoot>" in country


def test_fixture_reports_are_valid(tmp_path: Path):
    _, problems = check_paths([make_reports(tmp_path / "reports")])
    assert problems == []


# ----------------------------------------------------------------------------
# No report can rename, merge or replace another page
# ----------------------------------------------------------------------------


def _trip_lists(site) -> dict[str, tuple[str, list[str]]]:
    """Address -> (title, trip ids) of every list of trips (year, group) of a site."""
    return {trips.url: (trips.title, [r.id for r in trips.reports]) for trips in site.trip_lists}


def test_labels_in_other_scripts_get_pages_of_their_own(fixture_site):
    lists = _trip_lists(fixture_site)
    assert lists["betalers/beijingshizhengfu/"] == ("Betaald door: 北京市政府", ["2000-01-01-overname"])
    assert lists["betalers/dimos-athinaion/"] == ("Betaald door: Δήμος Αθηναίων", ["2000-01-02-athene"])


def test_an_older_report_cannot_rename_the_page_of_others(fixture_site):
    lists = _trip_lists(fixture_site)
    title, trips = lists["organisaties/gemeente-den-haag/"]
    assert title == "Organisatie: Gemeente Den Haag" and "2000-01-01-overname" not in trips and len(trips) > 5
    assert lists["organisaties/gemeente-den-haag-overgenomen/"] == (
        "Organisatie: Gemeente Den Haag — overgenomen",
        ["2000-01-01-overname"],
    )


@pytest.mark.parametrize(
    ("folder", "label", "other"),
    [("functies", "Index", "beleidsadviseur"), ("reizigers", "Pagina 2", "Jan Jansen"), ("functies", "Pagina-3", "")],
)
def test_reserved_names_never_replace_an_overview(fixture_site, folder: str, label: str, other: str):
    pages = {page.url: page for page in fixture_site.pages()}
    overview = pages[f"{folder}/"]
    assert overview.title == ("Reizen per functie" if folder == "functies" else "Reizen per reiziger")
    html = overview.html()
    assert other in html and f">{label}</a>" in html  # the other groups are still listed, and this one
    titles = (f"Functie: {label}", f"Reizen waaraan {label} deelnam")
    own = [url for url, page in pages.items() if url.startswith(f"{folder}/") and page.title in titles]
    assert len(own) == 1 and own[0].split("/")[1].startswith(("index-", "pagina-2-", "pagina-3-"))
    assert own[0] not in (f"{folder}/index/", f"{folder}/pagina-2/", f"{folder}/pagina-3/")


def test_two_generated_pages_at_one_address_stop_the_build():
    from reisregister.site.pages import AddressClash, Page, check_addresses

    pages = [Page("organisaties/", "Overzicht", "", str), Page("organisaties/index/", "Index", "", str)]
    with pytest.raises(AddressClash, match=r"'Index' and 'Overzicht' would both be at /organisaties/"):
        check_addresses(pages)
    check_addresses([*pages[:1], Page("organisaties/index-1a2b3c4d/", "Index", "", str)])


def test_a_hand_written_page_at_a_generated_address_stops_the_build():
    from reisregister.site.pages import AddressClash, check_hand_written, page_address

    assert page_address("organisaties.md") == page_address("organisaties/index.md") == "organisaties/"
    with pytest.raises(AddressClash, match=r"docs/organisaties/index.md heeft het adres van een gemaakte pagina"):
        check_hand_written({"organisaties/": "organisaties/index.md"}, page_address("organisaties.md"))
    check_hand_written({"over/": "over.md"}, page_address("organisaties.md"))


def test_trip_tables_explain_and_link_their_statuses(built_site: Path):
    page = (built_site / "reizen" / "2015" / "index.html").read_text()
    legend = re.search(r'<p class="rr-legend">.*?</p>', page, re.S).group(0)
    targets = re.findall(r'href="([^"]+)"', legend)
    assert targets == ["../../status/gepland/", "../../status/verslag-volgt/", "../../status/gepubliceerd/"]
    assert all((built_site / "reizen" / "2015" / t / "index.html").resolve().exists() for t in targets)
    assert "Een – betekent: niet opgegeven." in legend
    assert '<a href="../../status/gepubliceerd/">gepubliceerd</a></td>' in page
    home = (built_site / "index.html").read_text()
    assert re.search(
        r'<span class="rr-cell"><a href="status/verslag-volgt/">verslag volgt</a> <span class="rr-badge">te laat</span>'
        r"</span></td>",
        home,
    )
    card = (built_site / "reizen" / "2015-09-14-full" / "index.html").read_text()
    assert '<a href="../../status/gepubliceerd/" class="rr-status rr-status--gepubliceerd">gepubliceerd</a>' in card
