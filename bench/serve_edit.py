"""Seconds from saving a report to its trip page served with the change, under `mkdocs serve`.

    python bench/serve_edit.py [SIZE [EDITS]]   # default 1000 reports, 3 edits

Serves a copy of a generated archive (bench/out/reports-SIZE) with `mkdocs serve` and the build
cache in a folder of its own (bench/out/serve-cache-SIZE, emptied first; REISREGISTER_CACHE=off
measures without it) and the search index in the background, as `make serve` has them
(REISREGISTER_SEARCH=inline indexes before serving), waits for the first build, then adds a paragraph to one report at a time and
polls its trip page until the new text is served. Prints the time of the first build and of
every edit. Measure on an idle machine: the rebuild is CPU-bound.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
TIMEOUT_S = 900


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    archive = OUT / f"reports-{size}"
    if not archive.is_dir():
        subprocess.run(
            [BIN / "reisregister", "demo", "--count", str(size), "--out", archive, "--seed", "1"], check=True
        )
    reports = OUT / f"serve-reports-{size}"
    shutil.rmtree(reports, ignore_errors=True)
    shutil.copytree(archive, reports)
    cache = OUT / f"serve-cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    port = _free_port()
    env = {
        **os.environ,
        "REPORTS_DIR": str(reports),
        "NO_MKDOCS_2_WARNING": "1",
        "REISREGISTER_CACHE": os.environ.get("REISREGISTER_CACHE", str(cache)),
        "REISREGISTER_SEARCH": os.environ.get("REISREGISTER_SEARCH", "background"),  # as `make serve`
    }
    log = (OUT / f"serve-{size}.log").open("w")
    command = [BIN / "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        files = sorted(reports.rglob("*.md"))
        started = time.perf_counter()
        first = files[len(files) // 2]
        _wait_for(f"http://127.0.0.1:{port}/reizen/{first.stem}/", "rr-card", started)
        print(f"{size:,} reports: first build served after {time.perf_counter() - started:.1f} s")
        for number in range(1, edits + 1):
            path = files[number * len(files) // (edits + 1)]
            marker = f"Bewerkt{number}x{int(time.time())}"
            text = path.read_text(encoding="utf-8")
            saved = time.perf_counter()
            path.write_text(text.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")  # a paragraph in the last section
            _wait_for(f"http://127.0.0.1:{port}/reizen/{path.stem}/", marker, saved)
            print(
                f"edit {number} ({path.name}): trip page served with the change {time.perf_counter() - saved:.1f} s after saving"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _wait_for(url: str, needle: str, since: float) -> None:
    while time.perf_counter() - since < TIMEOUT_S:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if needle in response.read().decode("utf-8"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"{url} did not show {needle!r} within {TIMEOUT_S} s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    main()
