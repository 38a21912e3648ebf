"""The web form in Chromium against decap-server on a scratch git repository, for the form tests
(test_beheer.py, test_form_checks.py, test_form_currencies.py): the fixtures and the steps they share."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from sitebuild import CASES, ROOT, serve

from reisregister.adapters.decap import beheer

DECAP_SERVER = beheer.DECAP_TOOLS / "node_modules" / "decap-server" / "dist" / "index.js"
POLICY = (ROOT / "deploy" / "csp-beheer.txt").read_text(encoding="utf-8").strip()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def cms_repo(tmp_path: Path) -> Path:
    """A git repository with the bundled reports and a few examples, on branch main."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "reports", repo / "reports")
    for name in ("2015-09-14-full.md", "2015-09-14-norway.md", "2015-09-14-actions.md"):
        shutil.copy(CASES / "valid" / name, repo / "reports" / "2015" / name)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "add", ".")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "Verslagen")
    return repo


@pytest.fixture
def cms(cms_repo: Path, tmp_path: Path):
    """The form's files served on 127.0.0.1 with decap-server (git mode) as local backend: (url, repo)."""
    port = free_port()
    env = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(cms_repo),
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
    }
    server = subprocess.Popen(
        ["node", str(DECAP_SERVER)], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    api = f"http://127.0.0.1:{port}/api/v1"
    www = tmp_path / "www"
    beheer.write_site_files(www, beheer.decap_config({}, local_url=api))
    wait_for(api)
    http = serve(www, POLICY.replace("connect-src 'self'", f"connect-src 'self' http://127.0.0.1:{port}"))
    yield f"http://127.0.0.1:{http.server_address[1]}/beheer/", cms_repo
    http.shutdown()
    server.terminate()
    server.wait(timeout=10)


def wait_for(api: str) -> None:
    request = urllib.request.Request(api, data=json.dumps({"action": "info"}).encode(), method="POST")
    request.add_header("Content-Type", "application/json")
    wait_until_answered(request, "decap-server", tries=100, pause=0.1)


def wait_until_answered(request: urllib.request.Request | str, server: str, tries: int, pause: float) -> None:
    for _ in range(tries):
        try:
            urllib.request.urlopen(request, timeout=1).close()
            return
        except OSError:
            time.sleep(pause)
    raise AssertionError(f"{server} did not start")


def log_in(page, url: str, entry: str = "") -> None:
    page.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(url)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_text("Inhoudstypen").wait_for()
    if entry:
        page.goto(url + "#/collections/verslagen/" + entry)


def choose(page, field, text: str) -> None:
    field.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def validate(text: str, tmp_path: Path, name: str) -> subprocess.CompletedProcess:
    path = tmp_path / "check" / "reports" / name[:4] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    command = [str(Path(os.sys.executable).parent / "reisregister"), "validate", str(path.parent.parent)]
    return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)


# Every message on the page with the field it stands at: `destinations[1].country`, `body`.
SHOWN = """lists => [...document.querySelectorAll('[class*="ControlErrorsList"] li')].map(li => {
  const bar = li.closest('[class*="ControlTopbar"]');
  const label = bar.querySelector(':scope > label');
  const name = label.getAttribute('for').replace(/-field-\\d+$/, '');
  let node = bar.parentElement.parentElement;
  let outer = null;
  for (; node && !outer; node = outer ? node : node.parentElement) {
    outer = node.querySelector(':scope > [class*="ControlTopbar"] > label');
  }
  if (!outer) return [name, li.textContent];
  const outerName = outer.getAttribute('for').replace(/-field-\\d+$/, '');
  if (!lists.includes(outerName)) return [`${outerName}.${name}`, li.textContent];
  const same = [...node.querySelectorAll(`label[for^="${name}-field-"]`)];
  return [`${outerName}[${same.indexOf(label)}].${name}`, li.textContent];
})"""


LISTS = ["destinations", "travellers", "external_participants", "corrections", "actions"]


def messages_at(page, field: str) -> list[str]:
    """The messages shown at a field (`costs.total`)."""
    page.locator('[class*="ControlErrorsList"] li').first.wait_for()
    return [text for at, text in page.evaluate(SHOWN, LISTS) if at == field]


def retype(field, text: str) -> None:
    """Select what the field holds and type over it, as staff do."""
    field.click()
    field.press("Control+a")
    field.press_sequentially(text)


def saved(repo, branch: str, path: str) -> str:
    return git(repo, "show", f"{branch}:{path}")
