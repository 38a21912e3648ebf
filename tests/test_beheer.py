"""The web form at /beheer/: Decap's config follows the schema, and reports made or edited in the
form (in Chromium, against decap-server on a scratch git repository) pass `reisregister validate`
with a diff that touches only what was edited."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import CASES, ROOT
from formsite import (
    DECAP_SERVER,
    POLICY,
    choose,
    free_port,
    git,
    log_in,
    serve,
    validate,
    wait_for,
    wait_until_answered,
)
from pydantic import BaseModel

from reisregister.adapters.decap import beheer
from reisregister.core import model
from reisregister.core.report import SECTIONS, split_sections


def models_and_configs(cls: type[BaseModel], fields: list[dict]):
    """Every model with its Decap field list, nested models included."""
    yield cls, fields
    for name, info in cls.model_fields.items():
        kind = model.unwrap(info.annotation, info.metadata)[0]
        inner = kind.__args__[0] if getattr(kind, "__origin__", None) is list else kind
        inner = model.unwrap(inner, [])[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            config = next(f for f in fields if f["name"] == name)
            yield from models_and_configs(inner, config["fields"])


def front_matter_fields() -> list[dict]:
    collection = beheer.decap_config({})["collections"][0]
    return [field for field in collection["fields"] if field["name"] != "body"]


def test_config_has_every_model_field_with_its_required_flag():
    seen = 0
    for cls, fields in models_and_configs(model.FrontMatter, front_matter_fields()):
        by_name = {field["name"]: field for field in fields}
        assert set(by_name) - beheer.FORM_ONLY == set(cls.model_fields), cls.__name__
        in_optional_group = cls is model.Costs  # an empty costs group must not block saving
        for name, info in cls.model_fields.items():
            nullable = model.unwrap(info.annotation, info.metadata)[2]
            required = info.is_required() and not nullable and not in_optional_group
            assert by_name[name]["required"] == required, f"{cls.__name__}.{name}"
            assert by_name[name]["label"] != name, f"{cls.__name__}.{name} has no Dutch label (label.* in messages.py)"
            assert by_name[name]["hint"] == beheer.form_hint(cls.__name__, name, info)
            seen += 1
    assert seen >= 35


def test_hints_speak_to_staff_not_of_the_file():
    keys = {
        name for cls, _ in models_and_configs(model.FrontMatter, front_matter_fields()) for name in cls.model_fields
    }
    words = {"`", "null", "final", "provisional", "ISO", *(key for key in keys if "_" in key or key in ("lat", "lon"))}
    hints = []
    for _, fields in models_and_configs(model.FrontMatter, front_matter_fields()):
        hints += [field.get("hint", "") for field in fields]
    assert len(hints) >= 35
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words))
    assert [hint for hint in hints if pattern.search(hint)] == []


def test_commits_of_the_form_are_in_dutch():
    messages = beheer.decap_config({})["backend"]["commit_messages"]
    assert messages["create"] == "Nieuw verslag {{slug}}" and messages["update"] == "Verslag {{slug}} bijgewerkt"


def test_widgets_follow_the_field_types():
    fields = {field["name"]: field for field in front_matter_fields()}
    assert fields["start_date"]["widget"] == beheer.DATE_WIDGET == "datum"
    assert fields["transport"] | {"options": None} == {
        **fields["transport"],
        "widget": "select",
        "multiple": True,
        "options": None,
    }
    assert [o["value"] for o in fields["transport"]["options"]] == list(model.TRANSPORT_MODES)
    assert fields["destinations"]["min"] == 1 and fields["tags"]["widget"] == "list"
    country = next(f for f in fields["destinations"]["fields"] if f["name"] == "country")
    assert {"label": "Noorwegen (NO)", "value": "NO"} in country["options"]
    currency = next(f for f in fields["costs"]["fields"] if f["name"] == "currency")
    codes = [option["value"] for option in currency["options"]]
    assert "USD" in codes and "JPY" in codes and "ARS" not in codes  # ARS has no ECB rate
    status = next(f for f in fields["actions"]["fields"] if f["name"] == "status")
    assert [o["value"] for o in status["options"]] == list(model.ACTION_STATUSES)


def test_config_yaml_keeps_norway_a_string():
    text = beheer.config_yaml(beheer.decap_config({}))
    assert 'value: "NO"' in text
    assert "local_backend" not in text


def test_new_report_body_has_the_five_headings():
    assert [s.key for s in split_sections(beheer.default_body())] == list(SECTIONS)


def test_backend_comes_from_the_settings():
    settings = {"backend": "gitlab", "repo": "gemeente/reisregister", "app_id": "abc", "auth_type": "pkce"}
    backend = beheer.decap_config(settings)["backend"]
    assert (backend["name"], backend["repo"], backend["app_id"], backend["auth_type"]) == (
        "gitlab",
        "gemeente/reisregister",
        "abc",
        "pkce",
    )
    assert (
        beheer.decap_config({}, "https://github.com/gemeente/reisregister")["backend"]["repo"]
        == "gemeente/reisregister"
    )


def test_build_stops_with_a_clear_message_without_decap(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(beheer, "DECAP_DIST", tmp_path)
    with pytest.raises(beheer.MissingBundle, match="voer `make setup` uit"):
        beheer.site_files(beheer.decap_config({}))


def test_published_site_has_the_form_but_not_in_search_or_sitemap(built_site: Path):
    folder = built_site / "beheer"
    assert (folder / "decap" / "decap-cms.js").stat().st_size > 1_000_000
    assert "local_backend" not in (folder / "config.yml").read_text(encoding="utf-8")
    assert '<script src="decap/decap-cms.js">' in (folder / "index.html").read_text(encoding="utf-8")
    assert "beheer" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "beheer" not in (built_site / "feed.xml").read_text(encoding="utf-8")
    assert "data-pagefind-body" not in (folder / "index.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------
# In the browser, against decap-server
# ----------------------------------------------------------------------------


def _save(page) -> None:
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Item opgeslagen").wait_for()


def _page_errors(page) -> list[str]:
    # The proxy answers a GET of its address with 404 and the test server has no favicon: harmless.
    return [error for error in page.console_errors if "404" not in error]


@pytest.mark.browser
def test_create_a_report_in_the_form(page, cms, tmp_path: Path):
    url, repo = cms
    log_in(page, url, "new")
    page.get_by_label("Titel", exact=True).fill("Verslag dienstreis naar Lyon en Oslo")
    page.get_by_label("Vertrekdatum").fill("2026-03-02")
    page.get_by_label("Datum van terugkeer").fill("2026-03-04")
    for index, (city, country) in enumerate([("Lyon", "Frankrijk"), ("Oslo", "Noorwegen")]):
        page.get_by_role("button", name="Voeg bestemming toe").click()
        page.get_by_label("Plaats", exact=True).nth(index).fill(city)
        choose(page, page.get_by_label("Land", exact=True).nth(index), country)
    page.get_by_label("Naam niet openbaar").check()
    page.get_by_label("Functie").fill("beleidsadviseur")
    page.get_by_label("Organisatie", exact=True).first.fill("Gemeente Den Haag")
    page.get_by_label("Samenvatting").fill("Werkbezoek over slimme mobiliteit.")
    page.get_by_label(re.compile(r"^Vervoer(?!middelen)")).fill("300.5")  # the cost, not the means of transport
    page.get_by_label(re.compile(r"^Overig")).fill("200")
    page.get_by_label("Totaal").fill("500.5")
    choose(page, page.get_by_label(re.compile(r"^Valuta( \(optioneel\))?$")), "USD")
    body = "\n".join(f"## {heading}\n\nOver {heading.lower()}.\n" for heading in SECTIONS.values())
    page.locator(".cms-editor-raw [contenteditable=true]").fill(body)
    _save(page)

    branch = "cms/verslagen/2026/2026-03-02-lyon"
    assert branch in git(repo, "branch", "--list", "cms/*")
    text = git(repo, "show", f"{branch}:reports/2026/2026-03-02-lyon.md")
    result = validate(text, tmp_path, "2026-03-02-lyon.md")
    assert result.returncode == 0, result.stdout + text
    assert "  - name: null\n" in text and 'country: "NO"\n' in text
    assert "start_date: 2026-03-02\n" in text and "  other: 200.0\n" in text and "  currency: USD\n" in text
    assert [s.key for s in split_sections(text.split("---\n", 2)[2])] == list(SECTIONS)
    assert page.evaluate("window.__violations") == []
    assert _page_errors(page) == []


@pytest.mark.browser
def test_edit_touches_only_the_edited_field(page, cms):
    url, repo = cms
    log_in(page, url, "entries/2015/2015-09-14-full")
    page.get_by_label("Samenvatting").fill("Kennismaking met Pole Risque.")
    _save(page)
    diff = git(repo, "diff", "-U0", "main", "cms/verslagen/2015/2015-09-14-full")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-summary: Kennismaking met het Franse veiligheidscluster Pole Risque.",
        "+summary: Kennismaking met Pole Risque.",
    ]


@pytest.mark.browser
def test_the_form_will_not_save_a_file_the_build_refuses(page, cms):
    url, repo = cms
    # The hidden traveller: a "comment" that ruamel reads as a second line at U+0085.
    name = "2015-09-14-verborgen.md"
    (repo / "reports" / "2015" / name).write_bytes((CASES / "frontmatter" / "refuse-nel-comment.md").read_bytes())
    git(repo, "add", ".")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Verborgen")
    log_in(page, url, "entries/2015/2015-09-14-verborgen")
    # The staff member sees why, above the preview, and the fields stay empty.
    alert = page.frame_locator("iframe").get_by_role("alert")
    alert.wait_for()
    assert "regel 9, travellers: bevat het onzichtbare teken U+0085" in alert.text_content()
    assert page.get_by_label("Titel", exact=True).input_value() == ""
    # Whatever is typed into them, the file is not written.
    refused = page.evaluate(
        """text => { const f = window.reisregisterFormat, entry = f.fromFile(text);
           try { f.toFile({ ...entry, title: "Nieuwe titel" }); return null; } catch (error) { return String(error); } }""",
        (CASES / "frontmatter" / "refuse-nel-comment.md").read_text(encoding="utf-8"),
    )
    assert refused.startswith(
        "Dit verslag kan het formulier niet opslaan: regel 9, travellers: bevat het onzichtbare teken U+0085"
    )
    assert git(repo, "branch", "--list", "cms/*").strip() == ""


@pytest.mark.browser
def test_the_form_will_not_save_a_character_the_build_refuses(page, cms):
    url, repo = cms
    log_in(page, url, "entries/2015/2015-09-14-full")
    page.get_by_label("Samenvatting").fill("Kennismaking\u2028met Pole Risque.")
    page.get_by_role("button", name="Opslaan").click()
    # The form's checks name it at the field before saving (toFile would refuse it as well).
    page.get_by_text("bevat het onzichtbare teken U+2028 (line separator); haal het weg").wait_for()
    page.wait_for_timeout(1000)
    assert git(repo, "branch", "--list", "cms/*").strip() == ""


def _round_trip_files() -> list[Path]:
    return sorted(
        [*(ROOT / "reports").rglob("*.md"), *(CASES / "valid").glob("*.md"), *(ROOT / "tests" / "legacy").glob("*.md")]
    )


@pytest.mark.browser
def test_unchanged_reports_are_written_back_as_they_were(page, cms):
    url, _ = cms
    page.goto(url)
    texts = {path.name: path.read_text(encoding="utf-8-sig").replace("\r\n", "\n") for path in _round_trip_files()}
    texts = {name: text for name, text in texts.items() if text.startswith("---\n")}
    written = page.evaluate(
        """async texts => { await window.reisregisterFormat.ready; const f = window.reisregisterFormat;
           return Object.fromEntries(Object.entries(texts).map(([n, t]) => [n, f.toFile(f.fromFile(t))])); }""",
        texts,
    )
    assert len(texts) >= 15
    assert {name: text for name, text in written.items() if text != texts[name]} == {}


@pytest.mark.browser
def test_published_form_loads_only_from_the_site(page, built_site: Path):
    server = serve(built_site, POLICY)
    try:
        page.add_init_script(
            "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/beheer/")
        page.get_by_role("button", name="Inloggen met GitHub").wait_for()
        page.wait_for_load_state("networkidle")
        hosts = {urlparse(url).hostname for url in page.requested if not url.startswith(("data:", "blob:"))}
        assert hosts == {"127.0.0.1"}
        assert page.evaluate("window.__violations") == []
        assert _page_errors(page) == []
    finally:
        server.shutdown()


# ----------------------------------------------------------------------------
# make beheer: typing goes on while the site rebuilds after a save
# ----------------------------------------------------------------------------


def _beheer_serve_command() -> list[str]:
    """The `mkdocs serve` flags of `make beheer`, from the Makefile itself."""
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nbeheer:", 1)[1].split("\n\n", 1)[0]
    line = next(line for line in recipe.splitlines() if "mkdocs serve" in line)
    return line.split("mkdocs serve", 1)[1].split()


@pytest.mark.browser
def test_make_beheer_keeps_what_is_typed_after_a_save(page, cms_repo: Path, tmp_path: Path):
    flags = _beheer_serve_command()
    assert "--no-livereload" in flags
    port, site_port = free_port(), free_port()
    env = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(cms_repo),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
    }
    server = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL)
    log = (tmp_path / "serve.log").open("w")
    serve_env = {
        **os.environ,
        "REPORTS_DIR": str(cms_repo / "reports"),
        "PYTHONUNBUFFERED": "1",
        "BEHEER_LOCAL_BACKEND": f"http://127.0.0.1:{port}/api/v1",
    }
    flags[flags.index("--dev-addr") + 1] = f"127.0.0.1:{site_port}"
    mkdocs = str(Path(os.sys.executable).parent / "mkdocs")
    site = subprocess.Popen([mkdocs, "serve", *flags], env=serve_env, cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v1")
        url = f"http://127.0.0.1:{site_port}/beheer/"
        wait_until_answered(url, "mkdocs serve (see serve.log)", tries=600, pause=0.5)
        log_in(page, url, "entries/2015/2015-09-14-full")
        page.get_by_label("Samenvatting").fill("Kennismaking met Pole Risque.")
        _save(page)
        page.evaluate("window.__stillHere = true")
        # A branch switch while saving rewrites report files; with live reload the page reloaded then.
        report = cms_repo / "reports" / "2015" / "2015-09-14-norway.md"
        report.write_bytes(report.read_bytes())
        title = page.get_by_label("Titel", exact=True)
        title.click()
        page.keyboard.press("End")
        page.keyboard.type(" en Aix")
        page.wait_for_timeout(30_000)  # the rebuild after the save has long been done
        assert page.evaluate("window.__stillHere") is True
        assert title.input_value() == "Verslag dienstreis naar Marseille en Aix"
    finally:
        site.terminate()
        server.terminate()
        site.wait(timeout=20)
        server.wait(timeout=10)
