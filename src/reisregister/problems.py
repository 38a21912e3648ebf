"""A problem found in a report, and the two ways of printing problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a report file: where, which field, and what to do."""

    path: str
    line: int
    field: str
    message: str

    def as_text(self) -> str:
        """`PATH:LINE: field: message`, the format editors and people read."""
        return f"{self.path}:{self.line}: {self.field}: {self.message}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        message = _escape_github(f"{self.field}: {self.message}")
        path = _escape_github_property(self.path)
        return f"::error file={path},line={self.line},title={self.field}::{message}"


class ReportError(Exception):
    """Raised when a report cannot be used at all; carries its problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.as_text() for p in problems))
        self.problems = problems


def display_path(path: Path) -> str:
    """A path relative to the working folder where possible, with forward slashes."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def format_problems(problems: list[Problem], style: str = "text") -> str:
    """All problems, sorted, one per line."""
    render = Problem.as_github if style == "github" else Problem.as_text
    return "\n".join(render(p) for p in sorted(problems))


# GitHub's workflow-command escaping (see @actions/core `escapeData`/`escapeProperty`).
def _escape_github(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_github_property(text: str) -> str:
    return _escape_github(text).replace(":", "%3A").replace(",", "%2C")
