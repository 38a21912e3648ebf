"""The open-data bundle (data/ of the site): one record per report, built once from the same
settings and git history, whether the site build or `reisregister export` asks.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from reisregister.core import addresses
from reisregister.core.emissions import Emissions, estimate
from reisregister.core.report import Report
from reisregister.core.rules import body_names
from reisregister.intake.cache import BuildCache
from reisregister.intake.checks import check_paths
from reisregister.intake.git_history import ReportHistory, read_history, reference_date, report_histories
from reisregister.intake.problems import ReportError
from reisregister.intake.report_files import render_source
from reisregister.opendata import dcat, export
from reisregister.register.settings import Settings

# The bundle's fixed files, beside one reizen/<id>.json and bron/<id>.txt per report (under data/ on the site).
DATA_FILES = (
    "reports.json",
    "reports.csv",
    "reports-excel.csv",
    "travellers.csv",
    "travellers-excel.csv",
    "schema.json",
    "datapackage.json",
)


@dataclass
class OpenData:
    """Checked reports with what their records need: reference date, settings, git dates."""

    folder: Path
    reports: list[Report]
    reference: date
    settings: Settings = field(default_factory=Settings)
    histories: dict[Path, ReportHistory] = field(default_factory=dict)  # what main's history says, per file
    body: tuple[str, ...] = ()  # the names of the body whose register this is (rules.body_names)
    cache: BuildCache = field(default_factory=BuildCache, repr=False)  # what earlier builds made of the same reports
    _emissions: dict[str, Emissions] = field(default_factory=dict, repr=False)
    _paths: dict[str, Path] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, folder: Path, settings: Settings | None = None, cache: BuildCache | None = None) -> OpenData:
        """Check every report; raise ReportError with all problems if any report is invalid."""
        settings = settings or Settings()
        cache = cache or BuildCache()
        reference = reference_date(folder)
        history = read_history(folder, reference)
        reports, problems = check_paths([folder], reference, history, settings.train_rule, settings.budget, cache)
        if problems:
            raise ReportError(problems)
        histories = report_histories(history, reports, reference)
        body = body_names(list(settings.organisation), reports)
        return cls(folder, reports, reference, settings, histories, body, cache)

    def emissions(self, report: Report) -> Emissions:
        """The distance and CO₂ estimate of a trip (computed once)."""
        if report.id not in self._emissions:
            self._emissions[report.id] = estimate(report.meta, self.settings.origin)
        return self._emissions[report.id]

    def published_on(self, report: Report) -> date | None:
        """When the report was published: its `published` field (old reports), else from git."""
        history = self.histories.get(self.real_path(report))
        return report.meta.published or (history.published if history else None)

    # The key of the dates from git; resolved once per report (each resolve is a few system calls).
    def real_path(self, report: Report) -> Path:
        if report.id not in self._paths:
            self._paths[report.id] = report.path.resolve()
        return self._paths[report.id]

    def record(self, report: Report) -> dict:
        """The open-data record of a report."""
        return export.to_record(
            report,
            self.reference,
            self.settings.due_days,
            self.emissions(report),
            self.published_on(report),
            self.settings.site_url,
            self.body,
        )

    def write(self, folder: Path) -> dict[str, Path]:
        """Write the bundle into folder (the site's data/), one record at a time; path in folder -> file."""
        (folder / addresses.RECORDS).mkdir(parents=True, exist_ok=True)
        (folder / addresses.SOURCES).mkdir(exist_ok=True)
        written = {name: folder / name for name in DATA_FILES}
        with ExitStack() as files:

            def csv_file(name: str, excel: bool = False) -> TextIO:
                # Excel variants start with a BOM, so a Dutch spreadsheet reads them as UTF-8.
                encoding = "utf-8-sig" if excel else "utf-8"
                return files.enter_context(written[name].open("w", encoding=encoding, newline=""))

            json_out = export.JsonArrayWriter(files.enter_context(written["reports.json"].open("w", encoding="utf-8")))
            tables = [
                export.CsvWriter(csv_file("reports.csv")),
                export.CsvWriter(csv_file("reports-excel.csv", excel=True), excel=True),
                export.TravellerWriter(csv_file("travellers.csv")),
                export.TravellerWriter(csv_file("travellers-excel.csv", excel=True), excel=True),
            ]
            for report in sorted(self.reports, key=lambda r: r.id):
                record = self.record(report)
                json_out.add(record)
                for table in tables:
                    table.add(record)
                written |= self._write_report_files(folder, report, record)
            json_out.close()
        written["schema.json"].write_text(export.schema_text(), encoding="utf-8")
        written["datapackage.json"].write_text(export.datapackage_text(), encoding="utf-8")
        written.update(self._write_catalogue(folder))
        return written

    # The source copy depends on the report's bytes only: made again only when they change.
    def _source(self, report: Report) -> str:
        digest = self.cache.digest(report.path)
        if digest is None:
            return render_source(report)
        key = self.cache.key("source", digest)
        return self.cache.get(key) or self.cache.put(key, render_source(report))

    # The DCAT-AP-DONL catalogue (data.overheid.nl) needs absolute addresses and the body's organisation URI.
    def _write_catalogue(self, folder: Path) -> dict[str, Path]:
        publisher = dcat.Publisher.from_settings(self.settings)
        if not (self.settings.site_url and publisher):
            return {}
        package = json.loads(export.datapackage_text())
        document = dcat.catalogue(package, publisher, self.settings.site_url, self.reference)
        jsonld, turtle = addresses.CATALOGUE_FILES
        texts = {jsonld: dcat.catalogue_jsonld(document), turtle: dcat.catalogue_turtle(document)}
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        return {name: folder / name for name in texts}

    # reizen/<id>.json, and the source as .txt: a .md file would become a page, rendered unsanitised.
    def _write_report_files(self, folder: Path, report: Report, record: dict) -> dict[str, Path]:
        files = {
            addresses.record_file(report.id): export.record_json(record) + "\n",
            addresses.source_file(report.id): self._source(report),
        }
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        return {name: folder / name for name in files}
