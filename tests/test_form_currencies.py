"""The web form with amounts in two currencies, dates in any timezone and a changed start date.

In Chromium with the nl-NL locale, against decap-server on a scratch git repository (the fixtures
of formsite.py): staff type amounts the Dutch way, get the form's message for a mistake at its
field, correct it and save; the saved file is what `reisregister validate` accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from formsite import choose, git, log_in, messages_at, retype, saved, validate
from playwright.sync_api import expect

from reisregister.core.i18n.messages import message
from reisregister.intake.checks import check_file

OPTIONAL = r"( \(optioneel\))?$"


def _label(page, text: str):
    """The one field labelled `text` (Decap adds "(optioneel)" to optional fields)."""
    return page.get_by_label(re.compile(f"^{re.escape(text)}{OPTIONAL}"))


def _fill_new_trip(page, start: str | None, city: str = "Genève", country: str = "Zwitserland") -> None:
    """The facts every new report needs, the start date typed as given (None: leave it to the caller)."""
    page.get_by_label("Titel", exact=True).fill(f"Verslag dienstreis naar {city}")
    if start:
        page.get_by_label("Vertrekdatum").fill(start)
    page.get_by_role("button", name="Voeg bestemming toe").click()
    page.get_by_label("Plaats", exact=True).fill(city)
    choose(page, page.get_by_label("Land", exact=True), country)
    page.get_by_label("Naam niet openbaar").check()
    page.get_by_label("Functie").fill("beleidsadviseur")
    page.get_by_label("Organisatie", exact=True).first.fill("Gemeente Den Haag")
    page.get_by_label("Samenvatting").fill("Overleg met de VN-organisaties over digitale dienstverlening.")


@pytest.mark.browser
def test_a_report_with_two_currencies_is_corrected_and_saved(page, cms, tmp_path: Path):
    url, repo = cms
    log_in(page, url, "new")
    _fill_new_trip(page, "2015-09-14")
    page.get_by_label("Datum van terugkeer").fill("2015-09-15")
    _label(page, "Vervoer").fill("€ 312,40")
    _label(page, "Overnachtingen").fill("1.380,00")
    choose(page, _label(page, "Valuta van overnachtingen"), "CHF")
    _label(page, "Dagvergoeding").fill("120 ")
    choose(page, _label(page, "Valuta van dagvergoeding"), "Zwitserse frank")
    _label(page, "Totaal").fill("1.812,40")  # the mistake: francs and euros added up as one currency
    page.get_by_role("button", name="Opslaan").click()
    several = message("costs.total_several", currencies="CHF, EUR")
    assert messages_at(page, "costs.total") == [several]
    assert "cms/" not in git(repo, "branch", "--list"), "saved with a problem"

    total = _label(page, "Totaal")
    total.click()
    total.press("Control+a")
    total.press("Backspace")  # as staff empty a field (fill("") leaves Decap's value as it was)
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Item opgeslagen").wait_for()
    text = saved(repo, "cms/verslagen/2015/2015-09-14-geneve", "reports/2015/2015-09-14-geneve.md")
    assert "  accommodation_currency: CHF\n" in text and "  subsistence_currency: CHF\n" in text
    assert "total:" not in text and "transport_currency" not in text
    result = validate(text, tmp_path, "2015-09-14-geneve.md")
    assert result.returncode == 0, result.stdout + text

    report, problems = check_file(tmp_path / "check" / "reports" / "2015" / "2015-09-14-geneve.md")
    costs, euro = report.meta.costs, report.euro_total()
    assert (costs.transport, costs.accommodation, costs.subsistence, costs.total) == (312.4, 1380, 120, None)
    assert (costs.currency_of("transport"), costs.currency_of("accommodation")) == ("EUR", "CHF")
    assert problems == [] and dict(euro.rates) == {"CHF": 1.0979}  # the ECB rate of 14 September 2015
    assert euro.eur == round(312.40 + round(1380 / 1.0979, 2) + round(120 / 1.0979, 2), 2) == 1678.65


# ----------------------------------------------------------------------------
# Dates: a day typed is the day saved, in any timezone
# ----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("zone", ["Pacific/Auckland", "America/Los_Angeles"])
def test_a_date_typed_the_dutch_way_is_saved_as_that_day_in_any_timezone(browser, cms, zone: str):
    url, repo = cms
    context = browser.new_context(locale="nl-NL", timezone_id=zone)
    page = context.new_page()
    try:
        log_in(page, url, "new")
        assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == zone
        _fill_new_trip(page, None, city="Bern")
        start = page.get_by_label("Vertrekdatum")
        start.press_sequentially("01-10-2015")  # day first, whatever the browser's language (here en-US)
        end = page.get_by_label("Datum van terugkeer")
        end.press_sequentially("2-10-2015")
        assert (start.input_value(), end.input_value()) == ("01-10-2015", "2-10-2015")
        assert page.locator("text=UTC").count() == 0  # the fields hold days, not instants
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("Item opgeslagen").wait_for()
        text = saved(repo, "cms/verslagen/2015/2015-10-01-bern", "reports/2015/2015-10-01-bern.md")
        assert "start_date: 2015-10-01\nend_date: 2015-10-02\n" in text

        # A saved report opens with its own days, shown the Dutch way, and keeps them when saved.
        page = context.new_page()  # logged in: the same browser storage
        page.goto(url + "#/collections/verslagen/entries/2015/2015-09-14-marseille")
        start = page.get_by_label("Vertrekdatum")
        expect(page.get_by_label("Titel", exact=True)).to_have_value(
            "Verslag dienstreis naar Marseille", timeout=30_000
        )
        assert (start.input_value(), page.get_by_label("Datum van terugkeer").input_value()) == (
            "14-09-2015",
            "15-09-2015",
        )
        page.get_by_label("Betaald door").fill("Gemeente Den Haag")
        page.get_by_role("button", name="Opslaan").click()
        page.get_by_text("Item opgeslagen").wait_for()
        text = saved(repo, "cms/verslagen/2015/2015-09-14-marseille", "reports/2015/2015-09-14-marseille.md")
        assert "start_date: 2015-09-14\nend_date: 2015-09-15\n" in text
    finally:
        context.close()


# ----------------------------------------------------------------------------
# A changed start date: the form says the file keeps its name, and what to do
# ----------------------------------------------------------------------------


@pytest.mark.browser
def test_a_changed_start_date_says_how_the_file_is_renamed_and_still_saves(page, cms, tmp_path: Path):
    url, repo = cms
    log_in(page, url, "entries/2015/2015-09-14-marseille")
    start = page.get_by_label("Vertrekdatum")
    start.wait_for()
    notice = page.locator(".rr-hernoemen")
    assert notice.count() == 0
    retype(start, "13-9-2015")
    wanted = message(
        "beheer.rename", path="reports/2015/2015-09-14-marseille.md", wanted="reports/2015/2015-09-13-marseille.md"
    )
    assert notice.inner_text() == wanted and notice.get_attribute("role") == "status"
    retype(start, "14-09-2015")
    assert notice.count() == 0  # back to the file's own date: nothing to rename
    retype(start, "2015-09-13")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Item opgeslagen").wait_for()

    # The form saved the date in the old file; validate asks for the rename the notice announced.
    branch = "cms/verslagen/2015/2015-09-14-marseille"
    text = saved(repo, branch, "reports/2015/2015-09-14-marseille.md")
    assert "start_date: 2015-09-13\n" in text
    refused = validate(text, tmp_path, "2015-09-14-marseille.md")
    assert refused.returncode == 1 and "hernoem het bestand naar 2015-09-13-<plaats>.md" in refused.stdout

    # The documented procedure: a maintainer renames the file on the pull request's branch.
    git(repo, "checkout", "-q", branch)
    git(repo, "mv", "reports/2015/2015-09-14-marseille.md", "reports/2015/2015-09-13-marseille.md")
    git(repo, "-c", "user.name=Beheer", "-c", "user.email=beheer@example.org", "commit", "-q", "-m", "Hernoemd")
    renamed = git(repo, "show", "--name-status", "-M", "--format=", "HEAD")
    assert renamed.startswith("R100\treports/2015/2015-09-14-marseille.md\treports/2015/2015-09-13-marseille.md")
    assert validate(text, tmp_path / "na", "2015-09-13-marseille.md").returncode == 0
