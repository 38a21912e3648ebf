"""`make bench`: whole clean builds of generated archives, with timings and sizes as a table.

Sizes come from BENCH_SIZES (default "1000 10000"), repeats from BENCH_RUNS (default 3); the
build time and peak memory are medians over the repeats. Run on an otherwise idle machine and
compare ratios from the same run: the machine is small and noisy.
"""

from __future__ import annotations

import functools
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
QUERY = "veiligheid"


def main() -> None:
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "1000 10000").split()]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    rows = [measure(size, runs) for size in sizes]
    print_table(rows, runs)


def measure(size: int, runs: int) -> dict[str, object]:
    """Generate an archive of `size` reports and build it `runs` times from clean."""
    reports = OUT / f"reports-{size}"
    if not reports.is_dir():
        subprocess.run(
            [BIN / "reisregister", "demo", "--count", str(size), "--out", reports, "--seed", "1"], check=True
        )
    site = OUT / f"site-{size}"
    timings, memories, index_times = [], [], []
    for run in range(runs):
        seconds, peak_kb, log = build(reports, site)
        timings.append(seconds)
        memories.append(peak_kb / 1024)
        indexed = re.search(r"pagefind: indexed \d+ pages in ([\d.]+) s", log)
        if indexed:
            index_times.append(float(indexed.group(1)))
        print(f"  {size:>6} reports, run {run + 1}/{runs}: {seconds:.1f} s, {peak_kb / 1024:.0f} MB", file=sys.stderr)
    html = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    trips = [s for s, p in html if p.parent.parent.name == "reizen" and re.match(r"\d{4}-\d{2}-\d{2}-", p.parent.name)]
    largest, largest_path = max(html)
    return {
        "reports": size,
        "build_s": statistics.median(timings),
        "builds": timings,
        "peak_mb": statistics.median(memories),
        "site_mb": folder_size(site) / 1e6,
        "pages": len(html),
        "largest_kb": largest / 1e3,
        "largest_page": str(largest_path.relative_to(site).parent) + "/",
        "trip_kb_median": statistics.median(trips) / 1e3,
        "trip_kb_max": max(trips) / 1e3,
        "index_s": statistics.median(index_times) if index_times else None,
        "index_mb": folder_size(site / "pagefind") / 1e6 if (site / "pagefind").is_dir() else None,
        "index_peak_mb": index_peak(site) / 1024,
        **first_query(site),
    }


def build(reports: Path, site: Path) -> tuple[float, int, str]:
    """One clean strict build; wall time, peak resident memory (kB) and the build log."""
    env = {**os.environ, "REPORTS_DIR": str(reports), "NO_MKDOCS_2_WARNING": "1"}
    log_path = OUT / "build.log"
    with log_path.open("w") as log:
        start = time.perf_counter()
        process = subprocess.Popen(
            [BIN / "mkdocs", "build", "--strict", "--clean", "-d", site],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    text = log_path.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"build of {reports} failed:\n{text[-3000:]}")
    return seconds, usage.ru_maxrss, text


def index_peak(site: Path) -> int:
    """Peak resident memory (kB) of the search-index step alone, run again in its own process."""
    code = "import sys; from pathlib import Path; from reisregister.site.search import build_index; build_index(Path(sys.argv[1]))"
    process = subprocess.Popen([sys.executable, "-c", code, site], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"indexing {site} failed")
    return usage.ru_maxrss


def first_query(site: Path) -> dict[str, object]:
    """Bytes and time for a first search in Chromium, if the search probe is available."""
    try:
        sys.path.insert(0, str(ROOT / "bench"))
        from search_probe import measure_first_query
    except ImportError:
        return {}
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = measure_first_query(f"http://127.0.0.1:{server.server_address[1]}/", QUERY)
    finally:
        server.shutdown()
    return {
        "query_kb": result["bytes"] / 1e3,
        "query_requests": result["requests"],
        "query_ms": result["ms_to_results"],
    }


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def print_table(rows: list[dict[str, object]], runs: int) -> None:
    """A Markdown table, ready to paste into a note."""
    columns = [
        ("reports", "{:,}"), ("build_s", "{:.1f}"), ("peak_mb", "{:.0f}"), ("site_mb", "{:.0f}"), ("pages", "{:,}"),
        ("largest_kb", "{:.0f}"), ("trip_kb_median", "{:.1f}"), ("trip_kb_max", "{:.1f}"),
        ("index_s", "{:.1f}"), ("index_mb", "{:.1f}"), ("index_peak_mb", "{:.0f}"), ("query_kb", "{:.0f}"), ("query_requests", "{}"), ("query_ms", "{:.0f}"),
    ]  # fmt: skip
    print(f"\nClean strict builds, median of {runs} run(s); query '{QUERY}' in headless Chromium")
    print("peak_mb: the whole build incl. Pagefind's indexer; index_peak_mb: the indexing step alone\n")
    print("| " + " | ".join(name for name, _ in columns) + " |")
    print("|" + "---:|" * len(columns))
    for row in rows:
        cells = [fmt.format(row[name]) if row.get(name) is not None else "–" for name, fmt in columns]
        print("| " + " | ".join(cells) + " |")
    print()
    for row in rows:
        print(
            f"{row['reports']:,} reports: builds {', '.join(f'{s:.1f}' for s in row['builds'])} s; largest page {row['largest_page']}"
        )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        scale = large["reports"] / small["reports"]
        print(
            f"growth x{scale:.0f} reports: build x{large['build_s'] / small['build_s']:.1f}, site x{large['site_mb'] / small['site_mb']:.1f}, memory x{large['peak_mb'] / small['peak_mb']:.1f}"
        )


if __name__ == "__main__":
    main()
