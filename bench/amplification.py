"""How much a register of maximal reports publishes: files and megabytes of the built site.

`python bench/amplification.py [COUNT]` (default 200) writes COUNT reports that each use every
list to its limit with labels of their own (travellers with their own name, role and
organisation, their own tags and payer, twenty countries), as large as `validate` lets them be,
checks them, builds the site from them and prints the report bytes against the site's files and
megabytes, per top-level folder. It shows what one report can make the build write.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from reisregister.core import model
from reisregister.core.report import SECTIONS
from reisregister.intake.report_files import render_report, report_path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "amplification"
BIN = Path(sys.executable).parent
SOURCE_DATE_EPOCH = "1795824000"  # 2026-11-28, as in the tests
COUNTRIES = ["FR", "BE", "DE", "ES", "IT", "PT", "AT", "CH", "DK", "SE", "NO", "FI", "PL", "CZ", "HU", "GR", "IE", "GB", "US", "JP"]  # fmt: skip


def budget() -> int | None:
    """The pages one report may add, where the register sets such a budget."""
    try:
        from reisregister.intake.budget import REPORT_PAGES
    except ImportError:
        return None
    return REPORT_PAGES


def maximal_report(index: int, limit: int | None) -> tuple[date, dict, dict[str, str]]:
    """The front matter and sections of report `index`: every list full, every label its own."""
    start = date(2015, 1, 1) + timedelta(days=index % 600)
    mark = f"{index:04d}"
    travellers = [
        {
            "name": f"Reiziger {mark}-{j:02d} Achternaam",
            "role": f"functie {mark}-{j:02d}",
            "organisation": f"Organisatie {mark}-{j:02d}",
        }
        for j in range(model.MAX_TRAVELLERS)
    ]
    tags = [f"trefwoord {mark}-{j:02d}" for j in range(model.MAX_TAGS)]
    if limit is not None:  # as many travellers and tags as the budget lets one report have
        own = len(COUNTRIES[: model.MAX_DESTINATIONS]) + 1  # countries and the payer
        travellers = travellers[: max(1, (limit - own) // 4)]
        tags = tags[: max(0, limit - own - 3 * len(travellers))]
    front = {
        "title": f"Verslag dienstreis {mark} naar twintig landen",
        "start_date": start,
        "end_date": start + timedelta(days=2),
        "destinations": [
            {"city": f"Plaats {mark}-{j:02d}", "country": code, "lat": 40.0 + j / 10, "lon": 5.0 + j / 10}
            for j, code in enumerate(COUNTRIES[: model.MAX_DESTINATIONS])
        ],
        "travellers": travellers,
        "external_participants": [
            {"organisation": f"Extern {mark}-{j:02d}", "count": 2} for j in range(model.MAX_EXTERNAL)
        ],
        "summary": ("Samenvatting van een reis met alles wat een verslag mag bevatten. " * 5)[
            : model.SUMMARY_MAX
        ].strip(),
        "costs": {"transport": 1000.0, "accommodation": 500.0, "total": 1500.0, "currency": "EUR"},
        "paid_by": f"Betaler {mark}",
        "tags": tags,
        "corrections": [
            {"date": date(2016, 6, 1), "note": f"Correctie {j} van verslag {mark}."}
            for j in range(model.MAX_CORRECTIONS)
        ],
        "transport": ["trein"],
        "actions": [
            {
                "action": f"Actie {j} van verslag {mark}.",
                "owner": "Gemeente Den Haag",
                "due": date(2016, 9, 1),
                "status": "open",
            }
            for j in range(model.MAX_ACTIONS)
        ],
    }
    sections = {key: f"Tekst over {heading.lower()} van verslag {mark}. " * 10 for key, heading in SECTIONS.items()}
    return start, front, sections


def write_reports(count: int, folder: Path, limit: int | None) -> int:
    """Write the reports, with at most `limit` group pages each; their total size in bytes."""
    shutil.rmtree(folder, ignore_errors=True)
    total = 0
    for index in range(count):
        start, front, sections = maximal_report(index, limit)
        path = report_path(folder, start, f"maximaal-{index:04d}")
        path.parent.mkdir(parents=True, exist_ok=True)
        text = render_report(front, sections)
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    reports, site = OUT / "reports", OUT / "site"
    source_bytes = write_reports(count, reports, budget())
    env = {
        **os.environ,
        "REPORTS_DIR": str(reports),
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
    }
    subprocess.run([BIN / "reisregister", "validate", reports], env=env, check=True, stdout=subprocess.DEVNULL)
    started = time.perf_counter()
    built = subprocess.run(
        [BIN / "mkdocs", "build", "--strict", "--clean", "-d", site], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if built.returncode != 0:
        sys.exit(built.stderr[-3000:])
    seconds = time.perf_counter() - started
    files = [p for p in site.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    folders = Counter(p.relative_to(site).parts[0] if len(p.relative_to(site).parts) > 1 else "." for p in files)
    print(f"{count} reports, {source_bytes / 1e6:.2f} MB of report files (budget: {budget() or 'none'} pages each)")
    print(f"site: {len(files):,} files, {size / 1e6:.0f} MB, built in {seconds:.0f} s")
    for folder, number in folders.most_common(8):
        megabytes = (
            sum(p.stat().st_size for p in (site / folder).rglob("*") if p.is_file()) / 1e6 if folder != "." else 0
        )
        print(f"  {folder + '/':<16}{number:>8,} files {megabytes:>8.1f} MB")


if __name__ == "__main__":
    main()
