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
    if not output:
        return {}
    changed: dict[Path, date] = {}
    when = None
    for line in output.splitlines():
        if line.startswith("@"):
            when = datetime.fromtimestamp(int(line[1:]), tz=UTC).date()
        elif line and when:
            changed.setdefault((folder / line).resolve(), when)
    return changed


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
    if not output:
        return {}
    published: dict[Path, date] = {}
    when = None
    for line in output.splitlines():
        if line.startswith("@"):
            when = datetime.fromtimestamp(int(line[1:]), tz=UTC).date()
        elif line and when:
            published[(folder / line).resolve()] = when  # git log is newest first: the oldest wins
    return published
