"""Shared fixtures: paths to the example reports."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


@pytest.fixture
def valid_report_text() -> str:
    """The text of a complete, valid report."""
    return (CASES / "valid" / "2015-09-14-full.md").read_text(encoding="utf-8")


@pytest.fixture
def report_tree(tmp_path: Path, valid_report_text: str) -> Path:
    """A reports folder with one valid report in its year folder."""
    folder = tmp_path / "reports" / "2015"
    folder.mkdir(parents=True)
    (folder / "2015-09-14-marseille.md").write_text(valid_report_text, encoding="utf-8")
    return tmp_path / "reports"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site built once from the fixture reports (bundled, examples, hostile, planned)."""
    from sitebuild import build_site, make_reports

    base = tmp_path_factory.mktemp("site")
    reports = make_reports(base / "reports")
    build_site(reports, base / "site")
    return base / "site"
