"""Dates from git, so that two builds of the same commit give the same site."""

from __future__ import annotations

import os
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path


def reference_date(folder: Path) -> date:
    """The day statuses are computed against: SOURCE_DATE_EPOCH, else the last commit, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _git(folder, "log", "-1", "--format=%ct")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch.strip()), tz=UTC).date()
    return date.today()


def last_changed(folder: Path) -> dict[Path, date]:
    """The date of the last commit touching each file under folder, in one pass over git log."""
    output = _git(folder, "log", "--format=@%ct", "--name-only", "--no-renames", "--relative", "--", ".")
    return _dates_by_file(folder, output, newest=True)


def _git(folder: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


# A heading line of the first standard section, as `report.split_sections` reads it.
_PURPOSE_HEADING = r"^#{2,3}[[:space:]]+(\*\*|__)?[Dd]oel van de reis"


def published_dates(folder: Path) -> dict[Path, date]:
    """The date each report got its sections: the oldest commit that added or removed a
    'Doel van de reis' heading in the file, in one pass over git log (pickaxe)."""
    output = _git(
        folder, "log", "--format=@%ct", "--name-only", "--no-renames", "--relative", "-G", _PURPOSE_HEADING, "--", "."
    )
    return _dates_by_file(folder, output, newest=False)


# `git log --format=@%ct --name-only` lists commits newest first, each with the files it touched.
def _dates_by_file(folder: Path, output: str | None, newest: bool) -> dict[Path, date]:
    dates: dict[Path, date] = {}
    when = None
    for line in (output or "").splitlines():
        if line.startswith("@"):
            when = datetime.fromtimestamp(int(line[1:]), tz=UTC).date()
        elif line and when:
            path = (folder / line).resolve()
            if not newest or path not in dates:
                dates[path] = when
    return dates
