"""`make bench`, second part: the dates and action histories read from git, on an archive in a
repository with a history (one commit per report, then rounds of action updates).

Usage: python bench/history.py [SIZE] [UPDATE_ROUNDS]. Prints the time of each pass over the
history as a table: the log is one `git log` of main's first-parent line; the reports' histories
(publication dates, former names, action histories) add one `git diff` and at most two rounds of
`git cat-file --batch-check` and `--batch`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from reisregister.intake.checks import check_paths
from reisregister.intake.git_history import read_history, reference_date, report_histories

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
BATCH = 500  # reports per commit when the archive is first added


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    repo = make_repository(size, rounds)
    folder = repo / "reports"
    reports, _ = check_paths([folder])
    with_actions = sum(1 for r in reports if r.meta.actions)
    commits = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=repo, capture_output=True, text=True)
    reference = reference_date(folder)
    history = read_history(folder, reference)
    found = report_histories(history, reports, reference)
    rows = [
        ("reference date (main's dates)", *timed(lambda: [reference_date(folder)])),
        ("log: last changes and renames (all files)", *timed(lambda: read_history(folder, reference).files)),
        (
            f"histories: publication, former names, actions ({with_actions} with actions)",
            *timed(lambda: report_histories(history, reports, reference)),
        ),
    ]
    published = sum(1 for h in found.values() if h.published)
    print(f"\n{size} reports, {commits.stdout.strip()} commits\n")
    print("| pass | seconds | files |")
    print("|---|---:|---:|")
    for name, seconds, count in rows:
        print(f"| {name} | {seconds:.2f} | {count} |")
    print(f"\n{published} reports with a publication date from git")


def timed(function) -> tuple[float, int]:
    start = time.perf_counter()
    found = function()
    return time.perf_counter() - start, len(found)


def make_repository(size: int, rounds: int) -> Path:
    """The demo archive committed in batches, then `rounds` commits that close open actions."""
    repo = OUT / f"history-{size}"
    if (repo / ".git").is_dir():
        return repo
    shutil.rmtree(repo, ignore_errors=True)
    subprocess.run([BIN / "reisregister", "demo", "--count", str(size), "--out", repo / "reports"], check=True)
    git(repo, "init", "-q")
    files = sorted((repo / "reports").rglob("*.md"))
    for start in range(0, len(files), BATCH):
        git(repo, "add", *[str(p.relative_to(repo)) for p in files[start : start + BATCH]])
        git(repo, "commit", "-q", "-m", f"Reports {start + 1}-{start + BATCH}")
    for round_ in range(rounds):
        changed = [p for p in files[round_::rounds] if close_first_open_action(p)]
        git(repo, "commit", "-q", "-am", f"Update {len(changed)} actions")
    return repo


# A later pull request: the first open action of a report is done.
def close_first_open_action(path: Path) -> bool:
    text = path.read_text(encoding="utf-8")
    match = re.search(r"(\n  - action: [^\n]+\n    owner: [^\n]+\n    due: (\d{4}-\d{2}-\d{2})\n)(?!    status)", text)
    if not match:
        return False
    closed = f"{match.group(1)}    status: afgerond\n    updated: {min(match.group(2), '2026-11-27')}\n"
    path.write_text(text[: match.start()] + closed + text[match.end() :], encoding="utf-8")
    return True


def git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


if __name__ == "__main__":
    main()
