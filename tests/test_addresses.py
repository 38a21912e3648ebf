"""Every address core/addresses.py gives exists in the fixture build, and links between them resolve."""

from __future__ import annotations

import ast
import posixpath
import re
from pathlib import Path

import pytest
from conftest import ROOT
from sitebuild import SOURCE_DATE_EPOCH

from reisregister.core import addresses
from reisregister.core.addresses import relative, to_root
from reisregister.core.groups import GROUPINGS
from reisregister.core.rules import PLANNED, trip_status
from reisregister.register.register import Register
from reisregister.register.settings import read_settings
from reisregister.site.pages import Site


@pytest.fixture(scope="module")
def site(built_site: Path) -> Site:
    """The site of the fixture build, its register loaded as the build loaded it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        return Site(Register.load(built_site.parent / "reports", read_settings(ROOT / "mkdocs.yml")))


def every_address(site: Site) -> set[str]:
    """Every address of addresses.py, for every trip, year, group and status of the register."""
    found = {
        addresses.HOME,
        addresses.TRIPS,
        addresses.INSIGHTS,
        addresses.METHOD,
        addresses.FOLLOW_UP,
        addresses.CLOSED_ACTIONS,
        addresses.SEARCH,
        addresses.OPEN_DATA,
        addresses.ABOUT,
        addresses.SITE_FEED,
        addresses.feed(addresses.FOLLOW_UP),
        *(addresses.DATA + name for name in ("reports.json", "reports.csv", "schema.json", "datapackage.json")),
        *(addresses.insights_file(f"{name}.svg") for name in ("uitgaven-per-jaar", "kaart", "landen")),
        addresses.insights_file("landen.csv"),
    }
    register = site.register
    reference, due_days = register.reference, register.settings.due_days
    for report in register.reports:
        meta = report.meta
        found |= {addresses.trip(report.id), addresses.trip_data(report.id), addresses.trip_source(report.id)}
        found |= {addresses.year(meta.start_date.year), addresses.feed(addresses.year(meta.start_date.year))}
        status = trip_status(report, reference, due_days).label
        found.add(addresses.status(status))
        if status != PLANNED:
            found |= {addresses.annual(meta.start_date.year), addresses.annual_csv(meta.start_date.year)}
        found |= {addresses.country(d.country) for d in meta.destinations}
        for grouping in GROUPINGS:
            found.add(addresses.grouping(grouping.path))
            for slug in grouping.keys(report):
                found |= {
                    addresses.group_page(grouping.path, slug),
                    addresses.feed(addresses.group_page(grouping.path, slug)),
                }
            labels = list(grouping.keys(report).values()) or ([grouping.missing] if grouping.missing else [])
            found |= {addresses.group(grouping.path, label) for label in labels}
    for page in site.small_charts:
        found |= {f"{addresses.chart_file(page)}.svg", f"{addresses.chart_file(page)}.csv"}
    return found


def test_every_address_exists_in_the_build(built_site: Path, site: Site):
    found = every_address(site)
    assert len(found) > 200  # trips, their data, years, groups, statuses: the fixture has dozens of each
    missing = [
        a
        for a in sorted(found)
        if not (built_site / a / "index.html" if a.endswith("/") or not a else built_site / a).is_file()
    ]
    assert missing == []


def test_every_generated_page_has_an_address_from_addresses(site: Site):
    made = {page.url for page in site.pages()}
    known = every_address(site)
    paged = {url for url in made if re.search(r"/pagina-\d+/$", url)}
    assert made - paged <= known | {addresses.grouping(addresses.STATUS_FOLDER)}


@pytest.mark.parametrize(
    ("start", "target", "link"),
    [
        ("reizen/2015-09-14-marseille/", addresses.status("verslag volgt"), "../../status/verslag-volgt/"),
        ("reizen/2015-09-14-marseille/", addresses.year(2015), "../2015/"),
        ("reizen/2015-09-14-marseille/", addresses.search(q="Aix en Provence"), "../../zoeken/?q=Aix+en+Provence"),
        ("inzichten/", addresses.country("FR"), "../landen/fr/"),
        ("inzichten/", addresses.METHOD, "methode/"),
        ("reizen/", addresses.TRIPS, "./"),
        (
            "landen/fr/feed.xml",
            addresses.trip("2015-09-14-x") + "#vervolgacties",
            "../../reizen/2015-09-14-x/#vervolgacties",
        ),
        ("", addresses.FOLLOW_UP, "vervolg/"),
        ("vervolg/", addresses.HOME, ".."),
    ],
)
def test_relative_links_lead_where_the_address_is(start: str, target: str, link: str):
    assert relative(start, target) == link
    folder = start if start.endswith("/") else posixpath.dirname(start) + "/"
    resolved = posixpath.normpath(posixpath.join(folder, link.split("?")[0].split("#")[0]))
    assert resolved.strip("./") == target.split("?")[0].split("#")[0].strip("/")


def test_the_root_is_as_far_up_as_the_address_is_deep():
    assert to_root(addresses.year(2015)) == "../../"
    assert to_root(addresses.feed(addresses.country("FR"))) == "../../"
    assert to_root(addresses.HOME) == ""


# A link or address written as text outside addresses.py ("../", "status/gepland/", "../landen/fr/").
WRITTEN_ADDRESS = re.compile(
    r"\.\./|^/?(?:reizen|landen|organisaties|functies|betalers|reizigers|tags|status|inzichten|vervolg|zoeken)/"
)


def test_no_module_of_the_site_writes_an_address_of_its_own():
    package = ROOT / "src" / "reisregister"
    found = []
    for folder in ("core", "register", "opendata", "site"):
        for path in sorted((package / folder).rglob("*.py")):
            if path.name == "addresses.py":
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {
                id(node.body[0].value)
                for node in ast.walk(tree)
                if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                and node.body
                and isinstance(node.body[0], ast.Expr)
            }
            found += [
                f"{path.relative_to(package)}:{node.lineno}: {node.value!r}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and WRITTEN_ADDRESS.search(node.value)
            ]
    assert found == []


def test_no_template_writes_an_address_of_its_own():
    """A link in a template comes from its context (made with addresses.py), or goes to a fragment or another site."""
    literal = re.compile(r'(?:href|src|srcset)="(?!\{\{|#|https?://|mailto:)([^"]*)"')
    templates = sorted((ROOT / "src" / "reisregister" / "site" / "templates").glob("*"))
    assert templates
    found = [f"{t.name}: {link}" for t in templates for link in literal.findall(t.read_text(encoding="utf-8"))]
    assert found == []
