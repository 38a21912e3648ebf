"""The open-data bundle (data/ of the site): one record per report, built from one loaded register
(the same settings and git history), whether the site build or `reisregister export` asks.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reisregister.core import addresses
from reisregister.core.report import Report
from reisregister.intake.report_files import render_source
from reisregister.opendata import dcat, export
from reisregister.register.register import Register

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


@dataclass(frozen=True)
class OpenData:
    """The open data of a loaded register: its records and the files of data/."""

    register: Register

    def record(self, report: Report) -> dict:
        """The open-data record of a report."""
        register = self.register
        return export.to_record(
            report,
            register.reference,
            register.settings.due_days,
            register.emissions(report),
            register.published_on(report),
            register.settings.site_url,
            register.body,
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
            for report in sorted(self.register.reports, key=lambda r: r.id):
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
        cache = self.register.cache
        digest = cache.digest(report.path)
        if digest is None:
            return render_source(report)
        key = cache.key("source", digest)
        return cache.get(key) or cache.put(key, render_source(report))

    # The DCAT-AP-DONL catalogue (data.overheid.nl) needs absolute addresses and the body's organisation URI.
    def _write_catalogue(self, folder: Path) -> dict[str, Path]:
        settings = self.register.settings
        publisher = dcat.Publisher.from_settings(settings)
        if not (settings.site_url and publisher):
            return {}
        package = json.loads(export.datapackage_text())
        document = dcat.catalogue(package, publisher, settings.site_url, self.register.reference)
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
