"""One record, whoever asks: `reisregister export` writes the site's data/ byte for byte, from the same settings."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from sitebuild import ROOT, SOURCE_DATE_EPOCH, build_site, make_reports, settings_config

from reisregister.cli.main import main
from reisregister.register.settings import read_settings

# Settings that change records: a shorter due time, another body, another home city, a public address.
OTHER_SETTINGS = {
    "due_days": 7,
    "organisation": ["Gemeente Rotterdam", "Ministerie van Buitenlandse Zaken"],
    "origin": {"city": "Groningen", "country": "NL"},
}
OTHER_URL = "https://reisregister.example.nl/"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# A repository holding the reports folder, committed 15 days after most trips: late only with 7 due days.
def _committed(reports: Path) -> Path:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2015-09-30T12:00:00Z",
        "GIT_COMMITTER_DATE": "2015-09-30T12:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "reports"]):
        subprocess.run(["git", *command], cwd=reports.parent, env=env, check=True)
    return reports


@pytest.fixture(scope="module")
def other_build(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The fixture reports built with OTHER_SETTINGS: (reports, config, site)."""
    base = tmp_path_factory.mktemp("other")
    reports = _committed(make_reports(base / "repo" / "reports"))
    config = settings_config(base / "config", OTHER_SETTINGS, OTHER_URL)
    build_site(reports, base / "site", config=config)
    return reports, config, base / "site"


def test_cli_export_writes_the_sites_open_data_byte_for_byte(other_build, tmp_path: Path, monkeypatch):
    reports, config, site = other_build
    monkeypatch.setenv("REPORTS_DIR", str(reports))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    assert main(["export", "--config", str(config), "--out", str(tmp_path / "out")]) == 0
    exported, published = _files(tmp_path / "out"), _files(site / "data")
    assert set(exported) == set(published)
    assert {"reports.json", "travellers.csv", "datapackage.json", "reports-excel.csv"} <= set(exported)
    different = [name for name in exported if exported[name] != published[name]]
    assert different == []


def test_the_other_settings_reach_the_records(other_build, monkeypatch, capsys):
    """Guard for the test above: with the project's settings, the same reports give other records."""
    reports, _, site = other_build
    other = {r["id"]: r for r in json.loads((site / "data" / "reports.json").read_text(encoding="utf-8"))}
    monkeypatch.setenv("REPORTS_DIR", str(reports))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    monkeypatch.delenv("SITE_URL", raising=False)
    assert main(["export", "--format", "json", "--config", str(ROOT / "mkdocs.yml")]) == 0
    usual = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert other["2015-09-14-full"]["url"] == OTHER_URL + "reizen/2015-09-14-full/"
    for key in ("emissions", "paid_by_others", "published_late", "report_due"):
        assert any(other[i][key] != usual[i][key] for i in usual), key
    full = (other["2015-09-14-full"], usual["2015-09-14-full"])
    assert [r["paid_by_others"] for r in full] == [True, False]  # paid by Gemeente Den Haag
    assert [r["published_late"] for r in full] == [True, False]  # 15 days after return
    assert full[0]["emissions"]["distance_km"] != full[1]["emissions"]["distance_km"]  # from Groningen


def test_cli_export_json_equals_the_sites_reports_json(other_build, monkeypatch, capsys):
    reports, config, site = other_build
    monkeypatch.setenv("REPORTS_DIR", str(reports))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    assert main(["export", "--format", "json", "--config", str(config)]) == 0
    assert capsys.readouterr().out == (site / "data" / "reports.json").read_text(encoding="utf-8")


def test_settings_follow_inherit_and_env(tmp_path: Path, monkeypatch):
    config = settings_config(tmp_path, {"due_days": 14, "organisation": "Gemeente Utrecht"})
    monkeypatch.setenv("SITE_URL", "https://register.example.org")
    settings = read_settings(config)
    assert (settings.due_days, settings.organisation) == (14, ("Gemeente Utrecht",))
    assert settings.site_url == "https://register.example.org/"  # the parent's `site_url: !ENV SITE_URL`
    monkeypatch.delenv("SITE_URL")
    assert read_settings(config).site_url == ""


def test_export_says_what_it_needs(tmp_path: Path, report_tree: Path, monkeypatch, capsys):
    monkeypatch.setenv("REPORTS_DIR", str(report_tree))
    assert main(["export"]) == 2
    assert "--out MAP" in capsys.readouterr().err
    assert main(["export", "--format", "json", "--config", str(tmp_path / "geen.yml")]) == 2
    assert "geen.yml bestaat niet" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here: the defaults, said out loud
    assert main(["export", "--format", "json"]) == 0
    assert "standaardinstellingen" in capsys.readouterr().err
