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
        """`PATH:LINE: field: message`, the format editors and people read; one line, nothing a terminal runs."""
        return f"{printable(self.path)}:{self.line}: {printable(self.field)}: {printable(self.message)}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        message = _escape_github(printable(f"{self.field}: {self.message}"))
        path = _escape_github_property(printable(self.path))
        title = _escape_github_property(printable(self.field))
        return f"::error file={path},line={self.line},title={title}::{message}"


class ReportError(Exception):
    """Raised when a report cannot be used at all; carries its problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.as_text() for p in problems))
        self.problems = problems


def printable(text: str) -> str:
    """Text from a report as one safe line: line breaks, escape sequences and bidi controls as `\\x1b`, `\\n`, `\\u202e`."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


def display_path(path: Path) -> str:
    """A path relative to the working folder where possible, with forward slashes."""
    try:  # the folder resolved, not the file: a problem with a link names the link, not its target
        return (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()).as_posix()
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


def field_name(location: tuple[str | int, ...]) -> str:
    """The field a problem names: `destinations[0].city` for ("destinations", 0, "city")."""
    text = ""
    for part in location:
        if isinstance(part, str) and not part.isprintable():
            part = repr(part)  # a key with a line break must not break the one-line format
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
