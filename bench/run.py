"""`make bench`: clean builds of generated archives, ours and Hugo + Pagefind side by side.

Sizes come from BENCH_SIZES (default "2000 10000"), repeats from BENCH_RUNS (default 3). Each run
builds the archive with `mkdocs build` and then with Hugo + the same Pagefind command
(bench/hugo_site.py), one after the other, so both sides see the same machine load; times and
peak memories are medians over the runs. Peak memory is that of the whole process tree (the
build and its Pagefind children at the same moment), sampled every 50 ms, and never less than the
largest single process's exact peak (summed as PSS, so memory a forked child shares with the build
counts once); build_own_mb is the build's own process alone, and the
index_* columns the search-index step run again on its own (Pagefind runs and the merge apart). Run on an otherwise idle machine and compare ratios from
the same run: the machine is small and noisy.

The timed builds are clean: no build cache (REISREGISTER_CACHE=off). Then, unless BENCH_CACHE=0,
the archive is built twice more with a cache folder of its own: once filling it (cold_cache_s,
a clean build that also writes the cache) and once reading it (warm_cache_s, a rebuild of an
unchanged archive, as CI with a kept cache or `make serve` after an edit does).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import hugo_site

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
QUERY = "veiligheid"
SAMPLE_S = 0.05


def main() -> None:
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "2000 10000").split()]
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    if not shutil.which("hugo"):
        sys.exit("hugo is missing: `make bench` installs Debian's hugo, or run `apt-get install hugo`")
    rows = [measure(size, runs) for size in sizes]
    print_tables(rows, runs)


def measure(size: int, runs: int) -> dict[str, object]:
    """Generate an archive of `size` reports and build it `runs` times from clean, each side in turn."""
    reports = OUT / f"reports-{size}"
    if not reports.is_dir():
        subprocess.run(
            [BIN / "reisregister", "demo", "--count", str(size), "--out", reports, "--seed", "1"], check=True
        )
    site, hugo_out = OUT / f"site-{size}", OUT / f"hugo-site-{size}"
    hugo_config = hugo_site.prepare(reports, OUT / f"hugo-work-{size}")
    ours, hugo, index_times, own_peaks = [], [], [], []
    for run in range(runs):
        for output in (site, hugo_out):  # both start from nothing: emptying the last run's output is not timed
            shutil.rmtree(output, ignore_errors=True)
        seconds, peaks, log, cpu = build(reports, site)
        peak_kb = peaks["tree"]
        ours.append((seconds, peak_kb, cpu))
        own_peaks.append(peaks["own"])
        indexed = re.search(r"pagefind: indexed \d+ pages in ([\d.]+) s", log)
        if indexed:
            index_times.append(float(indexed.group(1)))
        hugo.append(build_hugo(hugo_config, hugo_out))
        print(
            f"  {size:>6} reports, run {run + 1}/{runs}: ours {seconds:.1f} s ({cpu:.1f} s CPU), {peak_kb / 1024:.0f} MB;"
            f" hugo + pagefind {hugo[-1][0]:.1f} s ({hugo[-1][2]:.1f} s CPU), {hugo[-1][1] / 1024:.0f} MB",
            file=sys.stderr,
        )
    html = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    trips = [s for s, p in html if p.parent.parent.name == "reizen" and re.match(r"\d{4}-\d{2}-\d{2}-", p.parent.name)]
    largest, largest_path = max(html)
    return {
        "reports": size,
        "build_s": statistics.median(s for s, _, _ in ours),
        "builds": [s for s, _, _ in ours],
        "peak_mb": statistics.median(kb for _, kb, _ in ours) / 1024,
        "build_own_mb": statistics.median(own_peaks) / 1024,
        "cpu_s": statistics.median(cpu for _, _, cpu in ours),
        "hugo_cpu_s": statistics.median(cpu for _, _, cpu in hugo),
        "site_mb": folder_size(site) / 1e6,
        "files": file_count(site),
        "hugo_s": statistics.median(s for s, _, _ in hugo),
        "hugo_builds": [s for s, _, _ in hugo],
        "hugo_peak_mb": statistics.median(kb for _, kb, _ in hugo) / 1024,
        "hugo_site_mb": folder_size(hugo_out) / 1e6,
        "hugo_files": file_count(hugo_out),
        "pages": len(html),
        "hugo_pages": sum(1 for _ in hugo_out.rglob("*.html")),
        "largest_kb": largest / 1e3,
        "largest_page": str(largest_path.relative_to(site).parent) + "/",
        "trip_kb_median": statistics.median(trips) / 1e3,
        "trip_kb_max": max(trips) / 1e3,
        "index_s": statistics.median(index_times) if index_times else None,
        "index_mb": folder_size(site / "pagefind") / 1e6 if (site / "pagefind").is_dir() else None,
        **index_step(site),
        **first_query(site),
        **cached_builds(reports, site, size),
    }


def cached_builds(reports: Path, site: Path, size: int) -> dict[str, float]:
    """A build that fills a fresh cache, then one that reads it: their times (s)."""
    if os.environ.get("BENCH_CACHE", "1") == "0":
        return {}
    cache = OUT / f"cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    times = {}
    for name in ("cold_cache_s", "warm_cache_s"):
        shutil.rmtree(site, ignore_errors=True)
        times[name], _, _, cpu = build(reports, site, cache)
        times[name.replace("_s", "_cpu_s")] = cpu
        print(f"  {size:>6} reports, {name}: {times[name]:.1f} s ({cpu:.1f} s CPU)", file=sys.stderr)
    return times


def build(reports: Path, site: Path, cache: Path | None = None) -> tuple[float, dict[str, int], str, float]:
    """One strict build (clean, or with a cache folder); wall time, peak memories (kB, run_measured_apart), the log
    and CPU seconds."""
    env = {
        **os.environ,
        "REPORTS_DIR": str(reports),
        "NO_MKDOCS_2_WARNING": "1",
        "REISREGISTER_CACHE": str(cache) if cache else "off",
    }
    seconds, peaks, status, text, cpu = run_measured_apart(
        [BIN / "mkdocs", "build", "--strict", "--clean", "-d", site], env
    )
    if status != 0:
        sys.exit(f"build of {reports} failed:\n{text[-3000:]}")
    return seconds, peaks, text, cpu


def build_hugo(config: Path, site: Path) -> tuple[float, int, float]:
    """Hugo, then the register's Pagefind step on its output: summed time, the larger peak (kB), summed CPU seconds."""
    hugo_s, hugo_kb, status, text, hugo_cpu = run_measured(
        hugo_site.command(config.parent, config, site), dict(os.environ)
    )
    if status != 0:
        sys.exit(f"hugo failed:\n{text[-3000:]}")
    code = f"import sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import hugo_site; from pathlib import Path; hugo_site.index(Path(sys.argv[1]))"
    index_s, index_kb, status, text, index_cpu = run_measured([sys.executable, "-c", code, site], dict(os.environ))
    if status != 0:
        sys.exit(f"pagefind on the hugo site failed:\n{text[-3000:]}")
    return hugo_s + index_s, max(hugo_kb, index_kb), hugo_cpu + index_cpu


# CPU seconds (user + system, the process and the children it waited for, Pagefind included) are
# steadier than wall time on a shared machine: compare them when the load is high.
def run_measured(command: list, env: dict[str, str]) -> tuple[float, int, int, str, float]:
    """Run a command; wall time, peak memory of its process tree (kB), exit code, output and CPU seconds."""
    seconds, peaks, status, text, cpu = run_measured_apart(command, env)
    return seconds, peaks["tree"], status, text, cpu


def run_measured_apart(command: list, env: dict[str, str]) -> tuple[float, dict[str, int], int, str, float]:
    """As run_measured, with the peaks (kB) apart: "tree" (all processes at one moment), "own" (the command's
    own process, without its children) and "children" (its descendants at one moment: Pagefind)."""
    log_path = OUT / "build.log"
    with log_path.open("w") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        peaks = {"tree": 0, "own": 0, "children": 0}
        stop = threading.Event()
        sampler = threading.Thread(target=_sample_tree, args=(process.pid, peaks, stop), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        stop.set()
        sampler.join()
    cpu = usage.ru_utime + usage.ru_stime
    peaks["tree"] = max(peaks["tree"], usage.ru_maxrss)
    return seconds, peaks, os.waitstatus_to_exitcode(status), log_path.read_text(), cpu


# The memory of a process and all its descendants, polled until stopped: the peak of the sum, of the process
# alone (its own high-water mark, exact up to the last poll) and of its descendants together. Summed as PSS
# (shared pages divided among the processes sharing them): a child just forked to start Pagefind or git shares
# all of the build's memory, and summing resident sizes would count that twice.
def _sample_tree(root: int, peaks: dict[str, int], stop: threading.Event) -> None:
    while not stop.wait(SAMPLE_S):
        parents = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree, grew = {root}, True
        while grew:
            children = {pid for pid, parent in parents.items() if parent in tree} - tree
            tree |= children
            grew = bool(children)
        memory = {pid: _proportional_kb(pid) for pid in tree}
        peaks["tree"] = max(peaks["tree"], sum(memory.values()))
        peaks["own"] = max(peaks["own"], _status_kb(root, "VmHWM"))
        peaks["children"] = max(peaks["children"], sum(kb for pid, kb in memory.items() if pid != root))


def _proportional_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return _status_kb(pid, "VmRSS")


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def index_step(site: Path) -> dict[str, float]:
    """The search-index step alone, run again in its own process: wall time and peak memories (MB) of all of it,
    of the Pagefind runs together (index_pagefind_mb) and of the merge in Python (index_merge_mb)."""
    code = "import sys; from pathlib import Path; from reisregister.site.search import build_index; build_index(Path(sys.argv[1]))"
    seconds, peaks, status, text, _ = run_measured_apart([sys.executable, "-c", code, site], dict(os.environ))
    if status != 0:
        sys.exit(f"indexing {site} failed:\n{text[-3000:]}")
    return {
        "index_alone_s": seconds,
        "index_peak_mb": peaks["tree"] / 1024,
        "index_pagefind_mb": peaks["children"] / 1024,
        "index_merge_mb": peaks["own"] / 1024,
    }


def first_query(site: Path) -> dict[str, object]:
    """Bytes and time for a first search in Chromium, if the search probe is available."""
    try:
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


def file_count(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def print_tables(rows: list[dict[str, object]], runs: int) -> None:
    """Two Markdown tables, ready to paste into a note: the comparison, then our build's details."""
    print(f"\nClean builds with search index, ours and Hugo + Pagefind side by side, median of {runs} run(s)")
    print(
        "peak: whole process tree (build + Pagefind); ratio: our time / Hugo + Pagefind's time; cpu: user + system seconds\n"
    )
    comparison = [
        ("reports", "{:,}"), ("build_s", "{:.1f}"), ("hugo_s", "{:.1f}"), ("ratio", "{:.1f}×"),
        ("cpu_s", "{:.1f}"), ("hugo_cpu_s", "{:.1f}"), ("cpu_ratio", "{:.1f}×"),
        ("peak_mb", "{:.0f}"), ("hugo_peak_mb", "{:.0f}"), ("site_mb", "{:.0f}"), ("hugo_site_mb", "{:.0f}"),
        ("files", "{:,}"), ("hugo_files", "{:,}"), ("pages", "{:,}"), ("hugo_pages", "{:,}"),
    ]  # fmt: skip
    for row in rows:
        row["ratio"] = row["build_s"] / row["hugo_s"]
        row["cpu_ratio"] = row["cpu_s"] / row["hugo_cpu_s"]
    print_table(rows, comparison)
    print(
        f"\nOur build in detail; query '{QUERY}' in headless Chromium; build_own_mb: the build's own process without"
        " Pagefind; index_*: the indexing step alone, run again (peak of all of it, of the Pagefind runs at once,"
        " of the merge)\n"
    )
    details = [
        ("reports", "{:,}"), ("largest_kb", "{:.0f}"), ("trip_kb_median", "{:.1f}"), ("trip_kb_max", "{:.1f}"),
        ("peak_mb", "{:.0f}"), ("build_own_mb", "{:.0f}"),
        ("index_s", "{:.1f}"), ("index_mb", "{:.1f}"), ("index_peak_mb", "{:.0f}"), ("index_pagefind_mb", "{:.0f}"),
        ("index_merge_mb", "{:.0f}"), ("query_kb", "{:.0f}"),
        ("query_requests", "{}"), ("query_ms", "{:.0f}"), ("cold_cache_s", "{:.1f}"), ("warm_cache_s", "{:.1f}"),
        ("cold_cache_cpu_s", "{:.1f}"), ("warm_cache_cpu_s", "{:.1f}"),
    ]  # fmt: skip
    print_table(rows, details)
    print()
    for row in rows:
        print(
            f"{row['reports']:,} reports: ours {', '.join(f'{s:.1f}' for s in row['builds'])} s;"
            f" hugo + pagefind {', '.join(f'{s:.1f}' for s in row['hugo_builds'])} s; largest page {row['largest_page']}"
        )
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        scale = large["reports"] / small["reports"]
        print(
            f"growth x{scale:.0f} reports: build x{large['build_s'] / small['build_s']:.1f}, site x{large['site_mb'] / small['site_mb']:.1f}, memory x{large['peak_mb'] / small['peak_mb']:.1f}"
        )


def print_table(rows: list[dict[str, object]], columns: list[tuple[str, str]]) -> None:
    print("| " + " | ".join(name for name, _ in columns) + " |")
    print("|" + "---:|" * len(columns))
    for row in rows:
        cells = [fmt.format(row[name]) if row.get(name) is not None else "–" for name, fmt in columns]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
