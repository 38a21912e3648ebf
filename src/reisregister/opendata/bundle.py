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
from reisregister.core.rules import PUBLISHED
from reisregister.intake.report_files import render_source
from reisregister.opendata import dcat, diwoo, export
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
    """The open data of a loaded register: its records, the files of data/ and the Woo-index."""

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

    def woo_index(self) -> dict[str, str]:
        """The Woo-index (site path -> text: robots.txt, the DiWoo sitemaps) of an https site whose body has an
        organisation URI; else nothing."""
        settings = self.register.settings
        publisher = dcat.Publisher.from_settings(settings)
        if not diwoo.applies(settings.site_url, publisher):
            return {}
        return diwoo.woo_index(self._woo_documents(), publisher, settings.site_url)

    # The published reports as the Woo-index lists them (planned and pending trips have no report yet).
    def _woo_documents(self) -> list[diwoo.WooDocument]:
        register, documents = self.register, []
        for report in register.with_status(PUBLISHED):
            published = register.published_on(report) or register.reference
            changed = max(published, register.changed_on(report) or published)
            meta = report.meta
            url = addresses.trip(report.id)
            documents.append(diwoo.WooDocument(url, meta.title, meta.summary, tuple(meta.tags), published, changed))
        return documents

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
