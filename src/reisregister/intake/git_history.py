"""Dates from git, so that two builds of the same commit give the same site."""

from __future__ import annotations

import os
import re
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import yaml

from reisregister.intake.load import MAX_FILE_BYTES


def reference_date(folder: Path) -> date:
    """The day statuses are computed against: SOURCE_DATE_EPOCH, else the last commit, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _git(folder, "log", "-1", "--format=%ct")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch.strip()), tz=UTC).date()
    return date.today()


def commit_log(folder: Path) -> str | None:
    """Every commit touching the folder, newest first: `@<hash> <time>`, then the files it touched.

    Read once per build and shared by `last_changed` and `action_history`.
    """
    return _git(folder, "log", "--format=@%H %ct", "--name-only", "--no-renames", "--relative", "--", ".")


def last_changed(folder: Path, renamed: dict[Path, Path] | None = None, log: str | None = None) -> dict[Path, date]:
    """The date of the last commit touching each file under folder, in one pass over git log.

    renamed: earlier paths of renamed files (`renamed_paths`), whose commits count for the file.
    log: `commit_log(folder)`, when already read.
    """
    return _dates_by_file(folder, log or commit_log(folder), newest=True, renamed=renamed or {})


def _git(folder: Path, *args: str, stdin: str | None = None) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=folder, input=stdin, capture_output=True, text=True, check=False, timeout=120
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


# A heading line of the first standard section, as `report.split_sections` reads it.
_PURPOSE_HEADING = r"^#{2,3}[[:space:]]+(\*\*|__)?[Dd]oel van de reis"


def published_dates(folder: Path, renamed: dict[Path, Path] | None = None) -> dict[Path, date]:
    """The date each report got its sections: the oldest commit that added or removed a
    'Doel van de reis' heading in the file, in one pass over git log (pickaxe)."""
    output = _git(
        folder, "log", "--format=@%ct", "--name-only", "--no-renames", "--relative", "-G", _PURPOSE_HEADING, "--", "."
    )
    return _dates_by_file(folder, output, newest=False, renamed=renamed or {})


# `git log --format=@%ct --name-only` (or `@%H %ct`) lists commits newest first, each with the files it touched.
def _dates_by_file(folder: Path, output: str | None, newest: bool, renamed: dict[Path, Path]) -> dict[Path, date]:
    dates: dict[Path, date] = {}
    when, base = None, folder.resolve()  # reports are never links (checks.walk_reports), so no resolve per file
    for line in (output or "").splitlines():
        if line.startswith("@"):
            when = datetime.fromtimestamp(
                int(line.split()[-1].lstrip("@")), tz=UTC
            ).date()  # `@<time>` or `@<hash> <time>`
        elif line and when:
            path = renamed.get(base / line, base / line)
            if not newest or path not in dates:
                dates[path] = when
    return dates


def renamed_paths(folder: Path) -> dict[Path, Path]:
    """Every earlier path of a file that git saw renamed (a corrected start date renames a report),
    and the path it has now; a file renamed twice has both earlier paths."""
    output = _git(
        folder, "log", "--reverse", "--format=", "--name-status", "-M", "--diff-filter=R", "--relative", "--", "."
    )
    renamed: dict[str, str] = {}  # old -> new, oldest rename first
    for line in (output or "").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[0].startswith("R"):
            renamed[parts[1]] = parts[2]
    base, found = folder.resolve(), {}
    for old in renamed:
        new, seen = renamed[old], {old}
        while new in renamed and new not in seen:  # renamed again later
            seen.add(new)
            new = renamed[new]
        if (base / new).is_file():
            found[base / old] = base / new
    return found


# ----------------------------------------------------------------------------
# The history of follow-up actions
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change to a follow-up action, as a commit made it."""

    date: date
    text: str  # e.g. "status open → afgerond"


def action_history(
    folder: Path, current: dict[Path, list[dict]], renamed: dict[Path, Path] | None = None, log: str | None = None
) -> dict[Path, list[list[Change]]]:
    """For each file, the changes to each of its current actions (oldest first), from git.

    current: each file's actions as they are now (the newest version, already checked). Older
    versions are read only for files changed more than once: one `git log` and one
    `git cat-file --batch` in all, whatever the number of files. log: `commit_log(folder)`, when
    already read.
    """
    wanted = {path.resolve(): actions for path, actions in current.items()}
    renamed = renamed or {}
    output = log or commit_log(folder)
    versions: dict[Path, list[tuple[str, date, str]]] = defaultdict(list)  # file -> (commit, date, name), newest first
    commit, when, base = "", None, folder.resolve()
    for line in (output or "").splitlines():
        if line.startswith("@"):
            commit, stamp = line[1:].split()
            when = datetime.fromtimestamp(int(stamp), tz=UTC).date()
        elif line and when and (path := renamed.get(base / line, base / line)) in wanted:
            versions[path].append((commit, when, line))
    older = [(path, when, f"{commit}:./{name}") for path, found in versions.items() for commit, when, name in found[1:]]
    texts = _blobs(folder, [spec for _, _, spec in older])
    history: dict[Path, list[tuple[date, list[dict]]]] = defaultdict(list)
    for (path, when, _), text in zip(older, texts, strict=True):
        if text is not None:  # None: the name was deleted in that commit (renamed away)
            history[path].append((when, _actions_in(text)))
    return {
        path: action_changes([*reversed(history[path]), (found[0][1], wanted[path])])
        for path, found in versions.items()
    }


# `git cat-file --batch`: for each request a header `<sha> blob <size>`, the content and a newline,
# or `<request> missing` for a file deleted in that commit.
def _blobs(folder: Path, specs: list[str]) -> list[str | None]:
    if not specs:
        return []
    try:
        output = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=folder,
            input="\n".join(specs).encode() + b"\n",
            capture_output=True,
            check=True,
            timeout=300,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return [None] * len(specs)
    texts, position = [], 0
    for _ in specs:
        end = output.index(b"\n", position)
        header = output[position:end].split()
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            texts.append(output[end + 1 : end + 1 + size].decode("utf-8", "replace"))
            position = end + 1 + size + 1
        else:
            texts.append(None)
            position = end + 1
    return texts


# The `actions:` block of an older version, up to the next top-level key.
_ACTIONS_BLOCK = re.compile(r"^actions:.*\n(?:(?:[ \t-].*|#.*|[ \t]*)\n)*", re.MULTILINE)
_NULL = {"", "~", "null", "Null", "NULL"}


# An old version is read leniently and only in part: its actions, as the text of each value (no
# types, so none of YAML 1.1's), with libyaml's composer, fast enough for thousands of versions.
# It was checked when it was committed, under the rules of then.
def _actions_in(text: str | None) -> list[dict]:
    front = (text or "").split("\n---", 1)[0][:MAX_FILE_BYTES]
    block = _ACTIONS_BLOCK.search(front + "\n")
    if block is None or "&" in block.group(0) or "*" in block.group(0):
        return []  # no actions, or anchors and aliases, which reports may not use
    try:
        root = yaml.compose(block.group(0), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return []
    actions = next((v for k, v in getattr(root, "value", []) if k.value == "actions"), None)
    if not isinstance(actions, yaml.SequenceNode):
        return []
    return [_scalars(item) for item in actions.value if isinstance(item, yaml.MappingNode)]


def _scalars(mapping: yaml.MappingNode) -> dict[str, str]:
    return {
        key.value: value.value
        for key, value in mapping.value
        if isinstance(value, yaml.ScalarNode) and not (not value.style and value.value in _NULL)  # plain null
    }


def as_text(action: dict) -> dict[str, str]:
    """An action's fields as text, without empty ones: old and new versions compare alike."""
    return {str(key): str(value) for key, value in action.items() if value is not None}


def action_changes(versions: list[tuple[date, list[dict]]]) -> list[list[Change]]:
    """What changed in each action of the newest version, given every version oldest first.

    An action is followed by its text; one whose text was edited, by its place in the list.
    """
    history: list[list[Change]] = []
    previous: list[tuple[dict, list[Change]]] = []
    for when, actions in versions:
        current, texts = [], {action.get("action") for action in actions}
        for index, action in enumerate(actions):
            before, changes = _match(action, index, previous, texts)
            current.append((action, [*changes, *(Change(when, text) for text in _differences(before, action))]))
        previous = current
        history = [changes for _, changes in current]
    return history


def _match(
    action: dict, index: int, previous: list[tuple[dict, list[Change]]], texts: set
) -> tuple[dict | None, list[Change]]:
    for before, changes in previous:
        if before.get("action") == action.get("action"):
            return before, changes
    if index < len(previous) and previous[index][0].get("action") not in texts:
        return previous[index]  # same place, and its old text is gone: the text was edited
    return None, []


def _differences(before: dict | None, after: dict) -> list[str]:
    if before is None:
        return [f"toegevoegd (status {after.get('status', 'open')})"]
    found = []
    for key, label in (("status", "status"), ("due", "uiterste datum"), ("owner", "uitvoerder")):
        old, new = (
            before.get(key, "open" if key == "status" else None),
            after.get(key, "open" if key == "status" else None),
        )
        if old != new:
            found.append(f"{label} {old} → {new}")
    if before.get("result") != after.get("result") and after.get("result"):
        found.append("resultaat bijgewerkt")
    if before.get("action") != after.get("action"):
        found.append("omschrijving gewijzigd")
    return found
