"""The `reisregister` command: validate, new, import, export and demo (DESIGN §3)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from reisregister.cli import new as scaffold
from reisregister.core.i18n.messages import count, message, template
from reisregister.core.i18n.text import number
from reisregister.intake.checks import check_paths
from reisregister.intake.problems import ReportError, format_problems
from reisregister.opendata import export
from reisregister.opendata.bundle import OpenData
from reisregister.register.register import Register
from reisregister.register.settings import Settings, read_settings

OK, PROBLEMS, USAGE = 0, 1, 2

# argparse's English, by the text it asks gettext for, and our words for it ("usage:" is "gebruik:").
ARGPARSE_WORDS = {
    "usage: ": "cli.argparse.usage",
    "%(prog)s: error: %(message)s\n": "cli.argparse.error",
    "argument %(argument_name)s: %(message)s": "cli.argparse.argument",
    "positional arguments": "cli.argparse.positionals",
    "options": "cli.argparse.options",
    "show this help message and exit": "cli.argparse.help",
    "unrecognized arguments: %s": "cli.argparse.unrecognized",
    "the following arguments are required: %s": "cli.argparse.required",
    "one of the arguments %s is required": "cli.argparse.one_required",
    "not allowed with argument %s": "cli.argparse.not_allowed_with",
    "expected one argument": "cli.argparse.expected_one",
    "expected at most one argument": "cli.argparse.expected_at_most_one",
    "expected at least one argument": "cli.argparse.expected_at_least_one",
    "expected %s argument": "cli.argparse.expected_n",
    "expected %s arguments": "cli.argparse.expected_n",
    "ambiguous option: %(option)s could match %(matches)s": "cli.argparse.ambiguous",
    "invalid %(type)s value: %(value)r": "cli.argparse.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "cli.argparse.invalid_choice",
    "ignored explicit argument %r": "cli.argparse.ignored_argument",
}


def reports_dir() -> Path:
    """The reports folder: $REPORTS_DIR, else reports/."""
    return Path(os.environ.get("REPORTS_DIR") or "reports")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    with dutch_argparse():
        parser = _parser()
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help(sys.stderr)
            return USAGE
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("\n" + message("cli.interrupted"), file=sys.stderr)
        return PROBLEMS


@contextlib.contextmanager
def dutch_argparse() -> Iterator[None]:
    """argparse speaks Dutch while the command line is read: 'gebruik:', 'fout:', and its messages.

    argparse asks gettext for its words through the module's `_` and `ngettext` (that is how it is
    translated); they are ours for the duration, and argparse's own afterwards.
    """
    english = argparse._, argparse.ngettext
    argparse._ = _dutch
    argparse.ngettext = lambda one, many, n: _dutch(one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = english


def _dutch(text: str) -> str:
    key = ARGPARSE_WORDS.get(text)
    return template(key) if key else text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reisregister", description=message("cli.description"))
    commands = parser.add_subparsers(metavar="OPDRACHT")

    validate = commands.add_parser("validate", help=message("cli.validate"))
    validate.add_argument("paths", nargs="*", type=Path, metavar="PAD", help=message("cli.validate.paths"))
    validate.add_argument("--format", choices=("text", "github"), default="text", help=message("cli.validate.format"))
    validate.set_defaults(run=run_validate)

    new = commands.add_parser("new", help=message("cli.new"))
    scaffold.add_arguments(new)
    new.set_defaults(run=run_new)

    convert = commands.add_parser("import", help=message("cli.import"))
    convert.add_argument("files", nargs="+", type=Path, metavar="BESTAND")
    convert.add_argument("--out", type=Path, required=True, metavar="MAP", help=message("cli.import.out"))
    convert.add_argument("--force", action="store_true", help=message("cli.import.force"))
    convert.set_defaults(run=run_import)

    data = commands.add_parser("export", help=message("cli.export"))
    data.add_argument("--format", choices=("json", "csv", "schema"), help=message("cli.export.format"))
    data.add_argument("--out", type=Path, metavar="BESTAND_OF_MAP", help=message("cli.export.out"))
    data.add_argument("--config", type=Path, metavar="MKDOCS_YML", help=message("cli.export.config"))
    data.set_defaults(run=run_export)

    demo = commands.add_parser("demo", help=message("cli.demo"))
    demo.add_argument("--count", type=_positive, required=True, metavar="AANTAL")
    demo.add_argument("--out", type=Path, required=True, metavar="MAP")
    demo.add_argument("--seed", type=int, default=1, metavar="GETAL")
    demo.set_defaults(run=run_demo)
    return parser


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(message("cli.positive"))
    return value


def run_validate(args: argparse.Namespace) -> int:
    """Check reports; print every problem and a summary."""
    paths = args.paths or [reports_dir()]
    settings = _validate_settings()
    reports, problems = check_paths(paths, rule=settings.train_rule, site_budget=settings.budget)
    if problems:
        print(format_problems(problems, args.format))
    bad = len({p.path for p in problems})
    summary = (
        message(
            "cli.summary.problems",
            problems=count(len(problems), "cli.problem", "cli.problems"),
            bad=number(bad),
            files=count(len(reports) + bad, "cli.file", "cli.files"),
        )
        if problems
        else message("cli.summary.valid", reports=count(len(reports), "cli.report", "cli.reports"))
    )
    print(summary, file=sys.stderr if args.format == "github" else sys.stdout)
    return PROBLEMS if problems else OK


def run_new(args: argparse.Namespace) -> int:
    """Scaffold a report in --out or the reports folder."""
    return scaffold.run_new(args, args.out or reports_dir())


def run_import(args: argparse.Namespace) -> int:
    """Convert old reports; say what could not be inferred."""
    from reisregister.cli.importer import import_file

    ok = True
    for source in args.files:
        result = import_file(source, args.out, force=args.force)
        for line in result.messages:
            print(line)
        if result.problems:
            print(format_problems(result.problems))
        ok = ok and result.written is not None and not result.problems
    return OK if ok else PROBLEMS


def run_export(args: argparse.Namespace) -> int:
    """Write reports.json or reports.csv, the schema, or (--out DIR) the whole open-data bundle.

    The records are the site's: the same settings (mkdocs.yml) and the same git history.
    """
    if args.format == "schema":
        return _write(export.schema_text(), args.out)
    if args.format is None and args.out is None:
        print(message("cli.export.what"), file=sys.stderr)
        return USAGE
    settings = _settings(args.config)
    if settings is None:
        return USAGE
    try:
        register = Register.load(reports_dir(), settings)
    except ReportError as error:
        print(format_problems(error.problems), file=sys.stderr)
        return PROBLEMS
    data = OpenData(register)
    if args.format is None:
        written = data.write(args.out)
        print(message("cli.export.written", count=number(len(written)), out=args.out), file=sys.stderr)
        return OK
    records = [data.record(r) for r in register.reports]
    return _write(export.to_json(records) if args.format == "json" else export.to_csv(records), args.out)


# The site's settings: --config, else mkdocs.yml here; without either, the defaults (and a note saying so).
# validate applies the train rule and the budget the build applies: those of mkdocs.yml here, else the defaults.
def _validate_settings() -> Settings:
    path = Path("mkdocs.yml")
    try:
        return read_settings(path) if path.is_file() else Settings()
    except (OSError, ValueError, yaml.YAMLError):
        return Settings()


def _settings(config: Path | None) -> Settings | None:
    path = config or Path("mkdocs.yml")
    if not path.is_file():
        if config:
            print(message("cli.export.no_config", path=path), file=sys.stderr)
            return None
        print(message("cli.export.default_settings"), file=sys.stderr)
        return Settings()
    try:
        return read_settings(path)
    except (OSError, ValueError, yaml.YAMLError) as error:
        print(message("cli.export.bad_config", path=path, error=error), file=sys.stderr)
        return None


def _write(text: str, out: Path | None) -> int:
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return OK


def run_demo(args: argparse.Namespace) -> int:
    """Write a generated archive."""
    from reisregister.cli.demo import write_demo

    written = write_demo(args.count, args.out, seed=args.seed)
    print(message("cli.demo.written", count=number(len(written)), out=args.out))
    return OK


def main_exit() -> None:
    """Console-script entry point; `reisregister validate | head` ends quietly when head has read enough."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away: send what is still buffered nowhere, so Python does not fail at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = PROBLEMS
    sys.exit(code)


if __name__ == "__main__":
    main_exit()
