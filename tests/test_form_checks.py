"""The web form checks what `reisregister validate` checks, at the field, before saving.

The form's checks (assets/beheer-regels.js) run on rules generated from the schema; these tests
run every example of tests/cases/ through them and through `validate` and fail when the two
disagree, then open every invalid example in the real form (Chromium, nl-NL, decap-server) and
look for its message at its field.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import CASES
from formsite import LISTS, SHOWN, git, log_in, messages_at, retype, saved, serve
from playwright.sync_api import expect

from reisregister.adapters.decap import beheer
from reisregister.core.money import parse_amount

# Examples the form refuses as it opens them: it shows the file's problem (with the rules of
# assets/front-matter.js, the build's own) and will not save the file (test below).
REFUSED_WHEN_OPENED = {
    "2015-09-14-alias",
    "2015-09-14-bad-yaml",
    "2015-09-14-duplicate-key",
    "2015-09-14-empty-front-matter",
    "2015-09-14-list-front-matter",
    "2015-09-14-nan",
    "2015-09-14-no-front-matter",
    "2015-09-14-python-tag",
    "2015-09-14-unclosed",
    "2015-09-14-yaml-colon",
    "2015-09-14-yaml-indent",
    "2015-09-14-yaml-no-space",
    "2015-09-14-yaml-quote",
    "2015-09-14-yaml-tab",
}
# Examples about the file itself that staff cannot make in the form, which reads and writes the
# file and chooses its name; `validate` in the pull request catches them in a hand-written file.
ABOUT_THE_FILE = {
    "2015-09-14-latin1": "not UTF-8: the browser writes UTF-8",
    "2015-09-14-id-date": "file name and start date: the form names the file after the start date",
    "bad_Name": "the file name: the form chooses it",
    "2015-09-14-travellers-text": "a list written as one word: the form edits lists as lists and cannot show it",
}
# Checked by `validate` only: how many group pages a report opens follows the site's groupings and
# their addresses (intake/budget.py over core/groups.py); whether a flight needs a reason follows the
# site's train rule and home city (core/train_rule.py over the gazetteer). The form would need copies.
VALIDATE_ONLY = {
    "2015-09-14-too-many-pages": "the page budget of one report",
    "2021-09-14-flight-without-reason": "the council's train rule, a site setting",
}
# Refused in a file, but what staff mean in the form: "€ 639,70" typed in the form is 639.70; a name
# left empty (or never given) in the form is written as `name: null`, as the checkbox beside it says.
MEANT_IN_THE_FORM = {
    "2015-09-14-amount-text": "costs.total",
    "2015-09-14-name-empty": "travellers[0].name",
    "2015-09-14-name-missing": "travellers[0].name",
}
# YAML that does not parse: the form's library places some errors a line later than `validate`, which
# points at the line staff wrote (tests/test_validate.py checks that); the form names a field there too.
PLACED_ELSEWHERE = {"2015-09-14-bad-yaml", "2015-09-14-yaml-quote"}


def _expected(path: Path) -> list[tuple[str, str]]:
    """(field, message) pairs from an example's .expected file."""
    lines = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split(": ", 2)[1:]) for line in lines]


def _form_cases() -> list[Path]:
    return [
        path
        for path in sorted((CASES / "invalid").glob("*.md"))
        if path.stem not in {*ABOUT_THE_FILE, *REFUSED_WHEN_OPENED, *VALIDATE_ONLY, *MEANT_IN_THE_FORM}
    ]


# Where the form shows a problem whose field it has no widget for: an item's rule at the field that
# settles it, a section at the report text, one word of a list at the list, an unknown key at its parent.
def _form_field(field: str) -> str:
    special = {"destinations[0]": "destinations[0].lon", "actions[0]": "actions[0].updated"}
    if field in special:
        return special[field]
    if field.startswith("sections."):
        return "body"
    if field in ("tags[1]", "transport[1]"):
        return field.split("[")[0]
    if field == "travellers[0].rol":
        return "travellers"
    if field == "payed_by":
        return "title"  # the first field, with the key named in the message
    return field


@pytest.fixture(scope="module")
def form_url(tmp_path_factory):
    """The files of /beheer/ served on 127.0.0.1 (no backend: the checks only)."""
    www = tmp_path_factory.mktemp("www")
    beheer.write_site_files(www, beheer.decap_config({}))
    server = serve(www)
    yield f"http://127.0.0.1:{server.server_address[1]}/beheer/"
    server.shutdown()


def _run_checks(page, url: str, texts: dict[str, str]) -> dict[str, list[dict]]:
    page.goto(url)
    return page.evaluate(
        """async texts => {
             const f = window.reisregisterFormat; await f.ready;
             await f.placesLoaded;
             return Object.fromEntries(Object.entries(texts).map(([name, text]) => {
               const { front, body } = f.fromForm(f.fromFile(text));
               return [name, f.placed(f.check(front, body, '2026-12-06'))];
             }));
           }""",
        texts,
    )


@pytest.mark.browser
def test_the_form_finds_every_problem_validate_finds_at_the_same_field(page, form_url):
    texts = {path.stem: path.read_text(encoding="utf-8") for path in _form_cases()}
    found = _run_checks(page, form_url, texts)
    for name in texts:
        expected = sorted({field for field, _ in _expected(CASES / "invalid" / f"{name}.md")})
        assert sorted({problem["path"] for problem in found[name]}) == expected, name
        assert {problem["at"] for problem in found[name]} == {_form_field(field) for field in expected}, name


@pytest.mark.browser
def test_the_form_refuses_a_broken_file_as_it_opens_it_naming_the_field(page, form_url):
    texts = {name: (CASES / "invalid" / f"{name}.md").read_text(encoding="utf-8") for name in REFUSED_WHEN_OPENED}
    page.goto(form_url)
    problems = page.evaluate(
        """async texts => { const f = window.reisregisterFormat; await f.ready;
             return Object.fromEntries(Object.entries(texts).map(([n, t]) => [n, f.fromFile(t)._bron.problem])); }""",
        texts,
    )
    for name, problem in problems.items():
        if name in PLACED_ELSEWHERE:
            assert problem["field"] != "front matter" and problem["line"] > 1, name
            continue
        assert problem["field"] == _expected(CASES / "invalid" / f"{name}.md")[0][0], name


@pytest.mark.browser
def test_the_form_says_what_validate_says(page, form_url):
    texts = {path.stem: path.read_text(encoding="utf-8") for path in _form_cases()}
    found = _run_checks(page, form_url, texts)
    # Wording that differs on purpose: lines of the report text (not the file), the form drops an
    # empty list before checking it.
    differs = {"2015-09-14-duplicate-section", "2015-09-14-no-travellers"}
    for name in set(texts) - differs:
        expected = sorted(_expected(CASES / "invalid" / f"{name}.md"))
        said = sorted((p["path"], p["message"].removeprefix(p["path"] + ": ")) for p in found[name])
        assert said == expected, name


@pytest.mark.browser
def test_the_form_finds_nothing_wrong_in_valid_reports(page, form_url):
    paths = [*(CASES / "valid").glob("*.md"), *(CASES.parent.parent / "reports").rglob("*.md")]
    texts = {path.name: path.read_bytes().decode("utf-8-sig") for path in paths}
    found = _run_checks(page, form_url, texts)
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.browser
def test_the_form_reads_an_amount_as_validate_does(page, form_url):
    typed = ["€ 1.234,50", "1234,50", "1.234,50", "412.50", "450,-", "€412", "0", "1,234.50", "12.345.678,9"]
    unclear = ["0,001", "1,234", "0.001", "12,3456", "1.23.4", "abc", "", "1,2,3", "-5", "1e3"]
    page.goto(form_url)
    read = page.evaluate(
        "async texts => { await window.reisregisterFormat.ready; return texts.map(window.reisregisterFormat.parseAmount); }",
        typed + unclear,
    )
    assert read == [parse_amount(text) for text in typed + unclear]
    assert read[: len(typed)] == [1234.5, 1234.5, 1234.5, 412.5, 450, 412, 0, 1234.5, 12345678.9]
    assert read[len(typed) :] == [None] * len(unclear)


# ----------------------------------------------------------------------------
# In the form itself
# ----------------------------------------------------------------------------


@pytest.mark.browser
def test_every_invalid_example_is_caught_at_its_field_in_the_form(page, cms):
    url, repo = cms
    cases = _form_cases()
    for path in cases:
        shutil.copy(path, repo / "reports" / "2015" / path.name)
    git(repo, "add", ".")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Voorbeelden")
    log_in(page, url)
    page.on("dialog", lambda dialog: dialog.accept())  # leave the entry with unsaved changes
    missed = {}
    for path in cases:
        page.evaluate("hash => { location.hash = hash; }", f"#/collections/verslagen/entries/2015/{path.stem}")
        page.get_by_label("Titel", exact=True).wait_for()
        paid_by = page.get_by_label("Betaald door")
        paid_by.click()
        page.keyboard.press("End")
        page.keyboard.type("x")  # a change, so that Opslaan can be pressed
        page.get_by_role("button", name="Opslaan").click()
        page.locator('[class*="ControlErrorsList"] li').first.wait_for()
        shown = page.evaluate(SHOWN, LISTS)
        fields = {field for field, _ in shown}
        wanted = {_form_field(field) for field, _ in _expected(path)}
        if not wanted <= fields:
            missed[path.stem] = (sorted(wanted), shown)
        expect(page.get_by_text("Nog te verbeteren")).to_be_visible()
        page.get_by_text("Terug naar Verslagen").click()  # and confirm leaving the unsaved change
        page.wait_for_url("**/collections/verslagen")
    assert missed == {}
    assert "cms/" not in git(repo, "branch", "--list"), "a report with problems was saved"


@pytest.mark.browser
def test_a_report_without_costs_can_be_edited_and_saved(page, cms):
    url, repo = cms
    log_in(page, url, "entries/2015/2015-09-14-marseille")
    page.get_by_label("Betaald door").fill("Gemeente Den Haag")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Item opgeslagen").wait_for()
    text = saved(repo, "cms/verslagen/2015/2015-09-14-marseille", "reports/2015/2015-09-14-marseille.md")
    assert "paid_by: Gemeente Den Haag\n" in text and "costs:" not in text


@pytest.mark.browser
def test_dutch_amounts_are_read_or_refused_at_the_field_and_a_typed_null_is_no_name(page, cms):
    url, repo = cms
    log_in(page, url, "entries/2015/2015-09-14-full")
    page.get_by_label(re.compile(r"^Vervoer( \(optioneel\))?$")).fill("€ 1.234,50")
    page.get_by_label(re.compile(r"^Overnachtingen( \(optioneel\))?$")).fill("0,001")
    page.get_by_label("Naam niet openbaar").first.uncheck()
    page.get_by_label(re.compile(r"^Naam(?! niet)")).first.fill("null")
    page.get_by_label("Totaal").fill("1.500")
    page.get_by_role("button", name="Opslaan").click()
    assert messages_at(page, "costs.accommodation") == [
        "'0,001' is geen duidelijk bedrag: hoogstens twee cijfers na de komma, een punt alleen tussen duizendtallen; "
        "schrijf het bijvoorbeeld als 1.234,50 of 412,50"
    ]
    assert messages_at(page, "travellers[0].name")[0].startswith("'null' is geen naam; is de naam niet openbaar")
    assert messages_at(page, "costs.total") == []  # as validate: the sum once every part is an amount
    assert "cms/" not in git(repo, "branch", "--list")

    retype(page.get_by_label(re.compile(r"^Overnachtingen( \(optioneel\))?$")), "189,00")
    page.get_by_label("Naam niet openbaar").first.check()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("= 1461.70)").wait_for()
    assert messages_at(page, "costs.total") == [
        "1500.00 is niet de som van de onderdelen "
        "(vervoer 1234.50 + overnachtingen 189.00 + dagvergoeding 0.00 + overig 38.20 = 1461.70)"
    ]
    retype(page.get_by_label("Totaal"), "1461,70")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Item opgeslagen").wait_for()
    text = saved(repo, "cms/verslagen/2015/2015-09-14-full", "reports/2015/2015-09-14-full.md")
    assert "  transport: 1234.50\n  accommodation: 189.00\n" in text and "  total: 1461.70\n" in text
    assert "  - name: null\n" in text


# ----------------------------------------------------------------------------
# Editing changes only what was edited
# ----------------------------------------------------------------------------

# One edit per kind of field: the path in the form's data and the value typed.
EDITS = {
    "text": (["summary"], "Een andere samenvatting."),
    "date": (["end_date"], "2015-09-16"),
    "amount": (["costs", "total"], "1.234,56"),
    "choice": (["costs", "status"], "provisional"),
    "count": (["external_participants", 0, "count"], 7),
    "list item": (["destinations", 0, "city"], "Toulouse"),
    "word in a list": (["tags", 0], "anders"),
    "withheld name": (["travellers", 0, "naam_niet_openbaar"], "toggle"),
}

EDIT_ALL = """async ([texts, edits]) => {
  const f = window.reisregisterFormat; await f.ready;
  const out = {};
  for (const [name, text] of Object.entries(texts)) {
    for (const [kind, [path, value]] of Object.entries(edits)) {
      const data = f.fromFile(text);
      let parent = data;
      for (const key of path.slice(0, -1)) parent = parent?.[key];
      const last = path.at(-1);
      if (!parent || (value !== "toggle" && [undefined, value].includes(parent[last]))) continue;
      if (value === "toggle") {
        const withheld = parent[last] === true;
        parent[last] = !withheld;
        parent.name = withheld ? "Jan Jansen" : parent.name;
      } else parent[last] = value;
      out[`${name} ${kind}`] = f.toFile(data);
    }
  }
  return out;
}"""


@pytest.mark.browser
def test_editing_one_field_changes_only_its_line(page, form_url):
    paths = sorted([*(CASES / "valid").glob("*.md"), *(CASES.parent.parent / "reports").rglob("*.md")])
    texts = {path.name: path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n") for path in paths}
    page.goto(form_url)
    written = page.evaluate(EDIT_ALL, [texts, {kind: list(edit) for kind, edit in EDITS.items()}])
    kinds = {key.split(" ", 1)[1] for key in written}
    assert kinds == set(EDITS), "every kind of field is edited in some file"
    assert len(written) >= 60
    wrong = {}
    for key, text in written.items():
        old = texts[key.split(" ", 1)[0]].split("\n")
        new = text.split("\n")
        changed = [i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
        if len(old) != len(new) or len(changed) != 1:
            wrong[key] = [(old[i], new[i]) for i in changed[:3]] or f"{len(old)} -> {len(new)} lines"
    assert wrong == {}
