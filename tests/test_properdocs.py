"""The ProperDocs job: ProperDocs, the maintained continuation of MkDocs 1.x, builds the same site.

README ("Leaving MkDocs 1.x") plans ProperDocs as the drop-in when MkDocs 1.x can no longer be
used. This keeps the plan true: the fixture reports built with `properdocs build --strict` give
every file of the MkDocs build byte for byte, except the generator named in `<meta name="generator">`
and Pagefind's filter files (not deterministic upstream, tests/buildlock.py).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from buildlock import differences, is_upstream_noise
from sitebuild import FIXTURE_ENV, build_site

GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def hashes_without_generator(site: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file, with the generator's name blanked in HTML pages."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(GENERATOR.sub(b"", path.read_bytes())).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not is_upstream_noise(path)
    }


def test_properdocs_builds_the_same_site_as_mkdocs(built_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    build_site(built_site.parent / "reports", site, generator="properdocs", env_extra=FIXTURE_ENV)
    assert GENERATOR.search((site / "index.html").read_bytes())[1].startswith(b"mkdocs-ProperDocs ")
    assert GENERATOR.search((built_site / "index.html").read_bytes())[1].startswith(b"mkdocs-1.")
    ours, theirs = hashes_without_generator(built_site), hashes_without_generator(site)
    assert any(path.startswith("reizen/") for path in theirs)  # the hooks ran: trips were generated
    assert differences(ours, theirs) == []


def test_mkdocs_is_held_below_2_where_it_is_declared_and_locked():
    import tomllib

    from packaging.requirements import Requirement

    root = Path(__file__).resolve().parent.parent
    declared = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    mkdocs = next(Requirement(line) for line in declared if Requirement(line).name == "mkdocs")
    locked = re.search(r"^mkdocs==(\S+) ", (root / "requirements" / "lock.txt").read_text(encoding="utf-8"), re.M)[1]
    assert locked in mkdocs.specifier
    assert not any(version in mkdocs.specifier for version in ("2.0.0a1", "2.0", "2.1.0"))
