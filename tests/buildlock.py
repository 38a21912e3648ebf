"""A hash of every file of the fixture build, to check that a refactoring changes no output byte.

    python tests/buildlock.py write /tmp/before.txt   # before moving code
    python tests/buildlock.py check /tmp/before.txt   # after: lists every file added, removed or changed

Pagefind's filter files are left out: upstream Pagefind does not write them deterministically, and
their hashed names are listed in the .pf_meta file, whose hashed name is in pagefind-entry.json.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

from sitebuild import FIXTURE_ENV, build_site, make_reports


def is_upstream_noise(path: Path) -> bool:
    """Whether a file is one of Pagefind's non-deterministic filter files."""
    return path.name.endswith((".pf_filter", ".pf_meta")) or path.name == "pagefind-entry.json"


def hash_tree(site: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file of a built site, Pagefind's filter files left out."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file() and not is_upstream_noise(path)
    }


def manifest_text(hashes: dict[str, str]) -> str:
    """One `sha256  path` line per file, sorted by path, as sha256sum writes them."""
    return "".join(f"{digest}  {path}\n" for path, digest in sorted(hashes.items()))


def read_manifest(text: str) -> dict[str, str]:
    """The hashes of a manifest written by manifest_text."""
    return {path: digest for digest, path in (line.split("  ", 1) for line in text.splitlines())}


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Every file added, removed or changed between two manifests, one line each."""
    lines = [f"removed: {path}" for path in sorted(before.keys() - after.keys())]
    lines += [f"added: {path}" for path in sorted(after.keys() - before.keys())]
    lines += [f"changed: {path}" for path in sorted(before.keys() & after.keys()) if before[path] != after[path]]
    return lines


def build_fixture_site(folder: Path) -> Path:
    """The fixture site (bundled reports, examples, hostile and planned trips) built into folder."""
    reports = make_reports(folder / "reports")
    build_site(reports, folder / "site", env_extra=FIXTURE_ENV)
    return folder / "site"


def main(command: str, manifest: str) -> int:
    """Write the fixture build's manifest, or check the build against one; 1 when they differ."""
    with tempfile.TemporaryDirectory() as folder:
        hashes = hash_tree(build_fixture_site(Path(folder)))
    if command == "write":
        Path(manifest).write_text(manifest_text(hashes), encoding="utf-8")
        print(f"{len(hashes)} files hashed into {manifest}")
        return 0
    found = differences(read_manifest(Path(manifest).read_text(encoding="utf-8")), hashes)
    print("\n".join(found) or f"all {len(hashes)} files byte-identical to {manifest}")
    return 1 if found else 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
