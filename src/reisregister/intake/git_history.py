"""What git says about the reports: when each changed and was published, the names it had before,
and the history of its follow-up actions.

Git history is input like a report file: whoever opens a pull request chooses commit dates, renames,
file names and old versions. So only main as merged counts (its first-parent line: the merge, squash
or rebase commit that landed a change, dated when it landed), a date never goes back along main and
never passes the reference date (a wrong date makes a change look later, never earlier), git's output
is read NUL-delimited, and old versions are read by size first and in bounded number.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NamedTuple

import yaml

from reisregister.core.model import ACTION_STATUSES, ISO_DATE, OPEN
from reisregister.core.report import Report, split_sections
from reisregister.core.rules import is_written
from reisregister.intake.load import MAX_FILE_BYTES, split_report

MAX_VERSIONS = 1000  # old versions read per report: its first and its newest 999
_LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC: a later commit time is clamped (year 10000 and on)
_REGULAR = {"100644", "100755"}  # file modes of a regular file in git; links and submodules are no report

# ----------------------------------------------------------------------------
# Running git
# ----------------------------------------------------------------------------


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    command = ["git", "-c", "log.showSignature=false", "-c", "core.quotePath=false", *args]
    try:
        result = subprocess.run(command, cwd=folder, input=stdin, capture_output=True, check=False, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _fields(output: bytes | None) -> list[str]:
    """The fields of git's NUL-delimited (`-z`) output: the one place such output is split.

    A file name may hold any byte but NUL (a newline, a leading `@`), so nothing else separates.
    Bytes that are not UTF-8 stay as surrogates, as `os.fsdecode` gives a file name.
    """
    fields = (output or b"").split(b"\0")
    if fields[-1] == b"":
        fields.pop()
    return [part.decode("utf-8", "surrogateescape") for part in fields]


# ----------------------------------------------------------------------------
# Dates
# ----------------------------------------------------------------------------


def reference_date(folder: Path) -> date:
    """The day statuses are computed against: SOURCE_DATE_EPOCH, else the latest commit date on main's
    first-parent line (a back-dated last commit does not move it back), never after today; else today."""
    epoch = _timestamp(os.environ.get("SOURCE_DATE_EPOCH", "").strip())
    if epoch is not None:
        return _day(epoch)
    stamps = [_timestamp(text) for text in _fields(_git(folder, "log", "--first-parent", "-z", "--format=%ct"))]
    known = [stamp for stamp in stamps if stamp is not None]
    return _day(min(max(known), int(time.time()))) if known else date.today()


def main_dates(stamps: list[int | None], reference: date) -> list[date]:
    """The date of each commit on main, oldest first: its committer date, but never before the commit
    before it (a back-dated commit takes its predecessor's date) and never after the reference date."""
    dates, latest = [], _day(0)
    for stamp in stamps:
        latest = max(latest, _day(stamp if stamp is not None else 0))
        dates.append(min(latest, reference))
    return dates


def _timestamp(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 20 else None


def _day(stamp: int) -> date:
    return datetime.fromtimestamp(min(max(stamp, 0), _LAST_SECOND), tz=UTC).date()


# ----------------------------------------------------------------------------
# Main's history of a folder: one `git log`
# ----------------------------------------------------------------------------


class Version(NamedTuple):
    """A file as one commit on main left it (a tuple: there are as many as files times commits)."""

    order: int  # the commit's place on main, oldest first
    when: date
    blob: str  # git's object id of the content; "" when it is no regular file (a link, a submodule)
    name: str  # the file's path under the folder in that commit


@dataclass(frozen=True)
class LogEntry:
    """One file in a commit's `--raw` diff: added, changed, deleted or renamed (then `old` is set)."""

    status: str
    blob: str
    name: str
    old: str = ""


@dataclass
class History:
    """Main's history of the files under a folder."""

    folder: Path  # resolved
    files: dict[str, list[Version]] = field(default_factory=dict)  # name on main now -> versions, oldest first
    given: Path | None = None  # the folder as given, whose files need no resolving (walk_reports' paths)

    def versions(self, path: Path) -> list[Version]:
        """The versions of a file on main, renames followed; [] for a file main does not have."""
        name = self.name(path)
        return self.files.get(name, []) if name else []

    def name(self, path: Path) -> str | None:
        """A file's path under the folder, as git names it."""
        prefix = f"{self.given}/" if self.given is not None else None
        if prefix and str(path).startswith(prefix) and os.sep == "/":  # string work: 10,000 reports per build
            return str(path)[len(prefix) :]
        path = path.resolve()
        return path.relative_to(self.folder).as_posix() if path.is_relative_to(self.folder) else None


def read_history(folder: Path, reference: date | None = None) -> History:
    """Main's history of the files under folder, from one `git log` (empty outside a repository)."""
    reference = reference or reference_date(folder)
    commits = _log(folder)
    dates = main_dates([stamp for stamp, _ in commits], reference)
    return History(folder.resolve(), follow_renames([entries for _, entries in commits], dates), folder)


def _log(folder: Path) -> list[tuple[int | None, list[LogEntry]]]:
    """Every commit on main's first-parent line, oldest first: its committer time, and the files under
    folder its merge (or squash, or rebased commit) changed on main, renames detected."""
    output = _git(
        folder,
        *("log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-color", "-z"),
        *("--raw", "--no-abbrev", "-M", "--relative", "--format=%ct"),
    )
    commits: list[tuple[int | None, list[LogEntry]]] = []
    fields = iter(_fields(output))
    for text in fields:
        text = text.lstrip("\n")
        if not text.startswith(":"):  # the `%ct` of the next commit
            commits.append((_timestamp(text), []))
            continue
        meta = text[1:].split(" ")  # old mode, new mode, old id, new id, status (R with a score)
        status = meta[4][:1] if len(meta) == 5 else ""
        names = [next(fields, ""), next(fields, "")] if status in ("R", "C") else [next(fields, "")]
        if commits and status:
            blob = meta[3] if meta[1] in _REGULAR else ""
            commits[-1][1].append(LogEntry(status, blob, names[-1], names[0] if status == "R" else ""))
    return commits


def follow_renames(commits: list[list[LogEntry]], dates: list[date]) -> dict[str, list[Version]]:
    """Each file on main now -> its versions, with those of the names it had before a rename.

    A rename counts only when the old name never comes back later (restored, or renamed back), so a
    rename cannot hand one report's history to another; it covers only the commits before it. Chains
    are resolved newest first in one pass: 30,000 renames cost what 30,000 changes cost.
    """
    versions: dict[str, list[Version]] = defaultdict(list)
    renames: list[tuple[int, str, str]] = []
    last_seen: dict[str, int] = {}
    present: dict[str, bool] = {}
    for order, (entries, when) in enumerate(zip(commits, dates, strict=True)):
        for entry in entries:
            if entry.old:
                renames.append((order, entry.old, entry.name))
                present[entry.old] = False
            if entry.status == "D":
                present[entry.name] = False
                continue
            versions[entry.name].append(Version(order, when, entry.blob, entry.name))
            last_seen[entry.name], present[entry.name] = order, True
    owner: dict[str, str] = {}
    for order, old, new in reversed(renames):
        if last_seen.get(old, -1) < order:
            owner[old] = owner.get(new, new)
    files = {name: found for name, found in versions.items() if name not in owner and present.get(name)}
    earlier: dict[str, list[Version]] = defaultdict(list)
    for name, target in owner.items():
        if target in files:
            earlier[target] += versions[name]
    for target, found in earlier.items():
        files[target] = sorted([*found, *files[target]])  # oldest first again
    return files


# ----------------------------------------------------------------------------
# Old versions: sizes first, then the contents within the report size limit
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Read:
    """What an old version says: whether it had its text, and its actions (None: not asked or unreadable)."""

    written: bool
    actions: list[dict] | None = None


def _read_versions(folder: Path, wanted: dict[str, bool]) -> dict[str, _Read]:
    """Old versions by object id (id -> whether its actions are wanted). One larger than a report may be
    is never read (it was never a valid report); what is not returned could not be read."""
    small = [blob for blob, size in _sizes(folder, list(wanted)).items() if size <= MAX_FILE_BYTES]
    found = {}
    for blob, raw in _contents(folder, small):
        parts = split_report(raw)
        if parts is None:
            found[blob] = _Read(False)
        else:
            front, body = parts
            found[blob] = _Read(is_written(split_sections(body)), actions_in(front) if wanted[blob] else None)
    return found


def _sizes(folder: Path, blobs: list[str]) -> dict[str, int]:
    """Object id -> size, from one `git cat-file --batch-check` (ids git lacks are left out)."""
    if not blobs:
        return {}
    output = _git(folder, "cat-file", "--batch-check", stdin="".join(f"{b}\n" for b in blobs).encode())
    sizes = {}
    for line in (output or b"").splitlines():  # `<id> blob <size>` or `<id> missing`: ids are hex
        parts = line.split()
        if len(parts) == 3 and parts[1] == b"blob" and parts[2].isdigit():
            sizes[parts[0].decode("ascii")] = int(parts[2])
    return sizes


def _contents(folder: Path, blobs: list[str]) -> Iterator[tuple[str, bytes]]:
    """Each blob's bytes, streamed from one `git cat-file --batch`: one version in memory at a time;
    the requests come from a file, so neither side waits on a full pipe."""
    if not blobs:
        return
    with tempfile.TemporaryFile() as requests:
        requests.write("".join(f"{b}\n" for b in blobs).encode())
        requests.seek(0)
        try:
            process = subprocess.Popen(
                ["git", "cat-file", "--batch", "--buffer"], cwd=folder, stdin=requests, stdout=subprocess.PIPE
            )
        except OSError:
            return
        with process:
            for blob in blobs:
                header = process.stdout.readline().split()  # `<id> blob <size>`, the content, a newline
                if len(header) != 3 or not header[2].isdigit():
                    break
                content = process.stdout.read(int(header[2]) + 1)[:-1]
                if header[1] == b"blob":
                    yield blob, content


# ----------------------------------------------------------------------------
# Each report's history
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One change to a follow-up action, as a commit on main made it."""

    date: date
    text: str  # e.g. "status open → afgerond"; never an old owner or result (they may hold a name)


@dataclass(frozen=True)
class ReportHistory:
    """What main's history says about one report."""

    changed: date  # the last commit that changed it
    published: date | None  # the first commit in which it had its text, never before the trip ended
    former_names: tuple[str, ...] = ()  # its paths on main before, from its publication on, oldest first
    actions: tuple[tuple[Change, ...], ...] = ()  # per current action, its changes oldest first


@dataclass
class _Plan:
    report: Report
    versions: list[Version]  # at most MAX_VERSIONS: the first and the newest
    known: dict[str, bool]  # object id -> written, for the newest version when it is the file as checked


def report_histories(history: History, reports: Iterable[Report], reference: date) -> dict[Path, ReportHistory]:
    """Each report's history, by its resolved path. Old versions are read in at most two rounds (first
    versions and action histories; then, for trips registered before they were written, the rest),
    whatever the number of reports or commits."""
    edited = _edited(history.folder)
    plans = {}
    for report in reports:
        name = history.name(report.path)
        plan = _plan(history.files.get(name, []) if name else [], report, edited)
        if plan.versions:
            plans[history.folder / name] = plan
    wanted = _first_round(plans.values())
    read, asked = _read_versions(history.folder, wanted), set(wanted)
    rest = {
        version.blob: False
        for plan in plans.values()
        if not _first_written(plan, read, asked)[1]
        for version in plan.versions
        if version.blob and version.blob not in asked and version.blob not in plan.known
    }
    read |= _read_versions(history.folder, rest)
    asked |= set(rest)
    return {path: _report_history(plan, read, asked, reference) for path, plan in plans.items()}


def _plan(versions: list[Version], report: Report, edited: set[str] | None) -> _Plan:
    if len(versions) > MAX_VERSIONS:
        versions = versions[:1] + versions[1 - MAX_VERSIONS :]
    unedited = versions and edited is not None and versions[-1].name not in edited
    return _Plan(report, versions, {versions[-1].blob: bool(report.sections)} if unedited else {})


def _first_round(plans: Iterable[_Plan]) -> dict[str, bool]:
    wanted: dict[str, bool] = {}
    for plan in plans:
        if plan.report.sections and plan.versions[0].blob not in plan.known:
            wanted.setdefault(plan.versions[0].blob, False)
        if plan.report.meta.actions:
            wanted.update({v.blob: True for v in plan.versions[:-1] if v.blob})
    wanted.pop("", None)
    return wanted


def _first_written(plan: _Plan, read: dict[str, _Read], asked: set[str]) -> tuple[Version | None, bool]:
    """The first version that had its text (the rule of `Report.status`), and whether that is certain:
    False while a version before it is still unread."""
    for version in plan.versions:
        if version.blob and version.blob not in plan.known and version.blob not in asked:
            return None, False
        if _written(plan, version, read):
            return version, True
    return None, True


def _report_history(plan: _Plan, read: dict[str, _Read], asked: set[str], reference: date) -> ReportHistory:
    first = _first_written(plan, read, asked)[0] if plan.report.sections else None
    published = max(first.when, plan.report.meta.end_date) if first else None  # counted from the return
    names = dict.fromkeys(v.name for v in plan.versions if first and v.order >= first.order)
    names.pop(plan.versions[-1].name, None)
    return ReportHistory(
        plan.versions[-1].when,
        published if published and published <= reference else None,
        tuple(names),
        _action_history(plan, read),
    )


def _action_history(plan: _Plan, read: dict[str, _Read]) -> tuple[tuple[Change, ...], ...]:
    current = [as_text(action.model_dump(mode="json")) for action in plan.report.meta.actions]
    if not current:
        return ()
    older = [
        (v.when, read[v.blob].actions)
        for v in plan.versions[:-1]
        if v.blob in read and read[v.blob].actions is not None
    ]
    return tuple(tuple(changes) for changes in action_changes([*older, (plan.versions[-1].when, current)]))


def arrivals(history: History, reports: Iterable[Report]) -> dict[Path, tuple[date, bool]]:
    """For each report main has (by its path as given): the day its first version landed, and whether
    that version had its text (a report imported whole) or not (a trip registered before it was written)."""
    edited = _edited(history.folder)
    plans = {report.path: _plan(history.versions(report.path), report, edited) for report in reports}
    plans = {path: plan for path, plan in plans.items() if plan.versions}
    wanted = {p.versions[0].blob: False for p in plans.values() if p.versions[0].blob not in p.known}
    read = _read_versions(history.folder, wanted)
    return {path: (plan.versions[0].when, _written(plan, plan.versions[0], read)) for path, plan in plans.items()}


def _written(plan: _Plan, version: Version, read: dict[str, _Read]) -> bool:
    """Whether a version had its text, once read (one that could not be read was never a report)."""
    if version.blob in plan.known:
        return plan.known[version.blob]
    return version.blob in read and read[version.blob].written


def _edited(folder: Path) -> set[str] | None:
    """Names under folder whose working copy differs from main's last commit (None: unknown)."""
    output = _git(folder, "diff", "--no-renames", "--name-only", "-z", "--relative", "HEAD", "--", ".")
    return None if output is None else set(_fields(output))


# ----------------------------------------------------------------------------
# The history of follow-up actions
# ----------------------------------------------------------------------------


# The `actions:` block of an older version, up to the next top-level key.
_ACTIONS_BLOCK = re.compile(r"^actions:.*\n(?:(?:[ \t-].*|#.*|[ \t]*)\n)*", re.MULTILINE)
_NULL = {"", "~", "null", "Null", "NULL"}


def actions_in(front: str | None) -> list[dict] | None:
    """The actions of an old version's front matter, each as the text of its values; None if unreadable.

    Read leniently and only in part: the `actions:` block, as text (no types, so none of YAML 1.1's),
    with libyaml's composer, fast enough for thousands of versions. Anchors and aliases are never read.
    """
    block = _ACTIONS_BLOCK.search((front or "") + "\n")
    if block is None:
        return []
    if "&" in block.group(0) or "*" in block.group(0):
        return None  # anchors and aliases, which reports may not use: unreadable
    try:
        root = yaml.compose(block.group(0), Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None
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


# Only a status word or a date is ever shown as a value: an old version (a commit of a rebased pull
# request, never checked) may hold anything, and an owner or result may hold a name since removed.
def _differences(before: dict | None, after: dict) -> list[str]:
    if before is None:
        status = _shown("status", after.get("status", OPEN))
        return [f"toegevoegd (status {status})" if status else "toegevoegd"]
    found = []
    for key, label, default in (("status", "status", OPEN), ("due", "uiterste datum", None)):
        old, new = before.get(key, default), after.get(key, default)
        if old != new:
            shown = (_shown(key, old), _shown(key, new))
            found.append(f"{label} {shown[0]} → {shown[1]}" if all(shown) else f"{label} gewijzigd")
    if before.get("owner") != after.get("owner"):
        found.append("uitvoerder gewijzigd")
    if before.get("result") != after.get("result") and after.get("result"):
        found.append("resultaat bijgewerkt")
    if before.get("action") != after.get("action"):
        found.append("omschrijving gewijzigd")
    return found


def _shown(key: str, value: str | None) -> str | None:
    """A status word or a date as it may be shown; None for anything else."""
    if value is None:
        return None
    fits = value in ACTION_STATUSES if key == "status" else ISO_DATE.fullmatch(value) is not None
    return value if fits else None
