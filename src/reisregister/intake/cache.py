"""What earlier builds computed from the same input: checked reports, source copies, trip pages.

A content-addressed store in `.cache/` beside mkdocs.yml (REISREGISTER_CACHE names another folder,
or `off`). Every entry is found by a key over everything its value depends on: the report's path
and bytes, the reference date and settings it was checked with, and the code version (every file
of the package and the version of every installed distribution), so a cached build writes the
same bytes as a clean one (tests/test_cache.py) and nothing is ever invalidated by hand. Entries
no build used for a week are dropped.

Values are pickles, so the cache is trusted only as a folder this machine wrote: one that git
tracks (a pull request adding `.cache/` files) is never read.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

import reisregister

PACKAGE = Path(reisregister.__file__).resolve().parent
KEEP_SECONDS = 7 * 24 * 3600
OFF = ("off", "0", "false", "no", "")


class BuildCache:
    """Values by key, read from and written to one SQLite file; a cache without a folder keeps nothing."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self._digests: dict[Path, str] = {}  # report path -> digest of its path and bytes
        self._new: dict[str, bytes] = {}
        self._used: set[str] = set()
        self.reused: Counter[str] = Counter()  # per kind: values taken from an earlier build
        self.made: Counter[str] = Counter()  # per kind: values made in this build
        self._reader = _open_existing(folder / "cache.sqlite") if folder is not None else None

    @classmethod
    def for_project(cls, base: Path) -> BuildCache:
        """The cache of a project (REISREGISTER_CACHE, else base/.cache); off when set so, or when git tracks it."""
        setting = os.environ.get("REISREGISTER_CACHE")
        if setting is not None and setting.strip().lower() in OFF:
            return cls(None)
        folder = (base / setting) if setting else base / ".cache"
        return cls(None if _tracked_by_git(folder) else folder)

    def key(self, kind: str, *parts: object) -> str:
        """The key of a value: its kind, what it depends on (by repr) and the code version."""
        text = repr((code_version(), kind, parts))
        return f"{kind}:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}"

    def get(self, key: str) -> Any | None:
        """The value stored under key, or None."""
        blob = self._new.get(key) or self._stored(key)
        if blob is None:
            return None
        self._used.add(key)
        self.reused[key.partition(":")[0]] += key not in self._new
        return pickle.loads(blob)

    def put(self, key: str, value: Any) -> Any:
        """Store a value (written by save) and return it."""
        if self.folder is not None:
            self._new[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self._used.add(key)
            self.made[key.partition(":")[0]] += 1
        return value

    def summary(self) -> str:
        """What this build took from the cache, per kind: 'check 1.999/2.000, trip 1.997/2.000'."""
        kinds = sorted(self.reused.keys() | self.made.keys())
        return ", ".join(f"{kind} {self.reused[kind]}/{self.reused[kind] + self.made[kind]}" for kind in kinds)

    def _stored(self, key: str) -> bytes | None:
        if self._reader is None:
            return None
        try:
            row = self._reader.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def remember_digest(self, path: Path, raw: bytes) -> str:
        """The digest of a report file's path and bytes, kept for the keys of what is made from it."""
        digest = hashlib.sha256(str(path).encode("utf-8", "surrogatepass") + b"\0" + raw).hexdigest()
        self._digests[path] = digest
        return digest

    def digest(self, path: Path) -> str | None:
        """The digest of a report read in this build, or None when it was read without the cache."""
        return self._digests.get(path)

    def save(self) -> None:
        """Write the new entries, mark the used ones, drop those unused for KEEP_SECONDS; a busy file is left as it is."""
        if self._reader is not None:
            self._reader.close()
            self._reader = None
        if self.folder is None or not (self._new or self._used):
            return
        now = int(time.time())
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            db = _connect(self.folder / "cache.sqlite")
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", [(k, v, now) for k, v in self._new.items()]
                )
                db.executemany(
                    "UPDATE entries SET used = ? WHERE key = ?", [(now, k) for k in self._used - self._new.keys()]
                )
                db.execute("DELETE FROM entries WHERE used < ?", (now - KEEP_SECONDS,))
            db.close()
        except sqlite3.Error:
            pass  # another build holds the file: this build's entries are made again next time
        self._new.clear()
        self._used.clear()


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30)
    db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB, used INTEGER)")
    return db


def _open_existing(path: Path) -> sqlite3.Connection | None:
    if not path.is_file():
        return None
    try:
        return _connect(path)
    except sqlite3.Error:
        return None


def _tracked_by_git(folder: Path) -> bool:
    try:
        found = subprocess.run(
            ["git", "ls-files", "--", folder.name],
            cwd=folder.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return False
    return bool(found.stdout.strip())


@functools.cache
def code_version() -> str:
    """A digest of every file of the package and the version of every installed distribution."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(versions).encode())
    return digest.hexdigest()
