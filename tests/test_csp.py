"""The Content-Security-Policy of deploy/nginx.conf allows everything the built pages need, and no more."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from conftest import ROOT
from sitebuild import serve

POLICY = (ROOT / "deploy" / "csp.txt").read_text(encoding="utf-8").strip()
# Inline scripts that run: no src, and not a data block such as Material's type="application/json".
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.DOTALL)


def directive(name: str) -> list[str]:
    for part in POLICY.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def test_policy_is_the_one_in_the_nginx_example():
    assert f'"{POLICY}"' in (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")


def test_policy_allows_no_other_origin():
    for source in POLICY.replace(";", " ").split():
        assert not re.match(r"https?:|\*", source), source
    assert directive("default-src") == ["'self'"]
    assert "'unsafe-inline'" not in directive("script-src") and "'unsafe-eval'" not in directive("script-src")


def test_every_inline_script_is_allowed_by_hash(built_site: Path):
    allowed = set(directive("script-src"))
    missing = {}
    for page in built_site.rglob("*.html"):
        for script in INLINE_SCRIPT.findall(page.read_text(encoding="utf-8")):
            digest = "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
            if digest not in allowed:
                missing.setdefault(digest, str(page.relative_to(built_site)))
    assert missing == {}, "update deploy/csp.txt and deploy/nginx.conf with these hashes"


@pytest.fixture(scope="module")
def csp_site_url(built_site: Path):
    """The built site served with the policy header, as nginx would."""
    server = serve(built_site, POLICY)
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("address", ["", "reizen/2015/", "reizen/2015-09-14-full/", "zoeken/?q=Marseille"])
def test_pages_work_under_the_policy(page, csp_site_url: str, address: str):
    page.add_init_script(
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.goto(csp_site_url + address)
    page.wait_for_load_state("networkidle")
    if address.startswith("zoeken"):
        page.wait_for_timeout(500)
    assert page.evaluate("window.__violations") == []
    assert page.console_errors == []


FORM_POLICY = (ROOT / "deploy" / "csp-beheer.txt").read_text(encoding="utf-8").strip()


def test_form_policy_is_the_one_in_the_nginx_example():
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    location = conf.split("location /beheer/ {", 1)[1].split("}", 1)[0]
    assert f'Content-Security-Policy "{FORM_POLICY}"' in location


def test_form_policy_loosens_only_what_decap_needs():
    form = {part.split()[0]: part.split()[1:] for part in FORM_POLICY.split(";")}
    public = {part.split()[0]: part.split()[1:] for part in POLICY.split(";")}
    assert form["script-src"] == ["'self'", "'unsafe-eval'"]  # Decap's config check (ajv) compiles code
    assert form["connect-src"] == ["'self'", "https://api.github.com"]
    for name in ("default-src", "object-src", "frame-ancestors", "base-uri", "form-action", "font-src"):
        assert form[name] == public[name]
