"""`make profile`: where a clean build of a generated archive spends its time and memory.

    python bench/build_profile.py [SIZE [MKDOCS_YML]]   # default 2000 (PROFILE_SIZE in make), ./mkdocs.yml

Builds the archive twice in this process through MkDocs' own `build()`: once plain, for the wall
time and resident memory at the end of each phase, and once under cProfile, for which code the
time goes to (self time summed per package group, then the costliest functions). The phases are
MkDocs' build steps with the register's hooks inside them. Pagefind runs as a child process, so
cProfile sees only the wait; its own peak memory is the children's peak. Writes the summary to
bench/out/profile-SIZE.txt and prints it. cProfile slows Python code down (by roughly half), so
compare shares, not seconds, between the two runs; and measure on an idle machine.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent

# Package groups for self time, first match wins (by the code's file path, or a template's).
# Code in no group (the standard library, C built-ins, Jinja's runtime, Babel) is charged to the
# groups of its callers, in proportion to the time each caller spent in it.
GROUPS = [
    ("the MkDocs adapter (hooks: placeholders, cutting shells)", ("reisregister/adapters/mkdocs/",)),
    ("the decap adapter (web form)", ("reisregister/adapters/decap/",)),
    (
        "load: report files (intake, git history, ruamel.yaml, pydantic)",
        ("reisregister/intake/", "/ruamel/", "/pydantic", "/yaml/"),
    ),
    ("derivations (core, register: status, emissions, follow-up)", ("reisregister/core/", "reisregister/register/")),
    ("open data (opendata: JSON, CSV, Atom feeds)", ("reisregister/opendata/",)),
    ("search index (Pagefind child, waited for)", ("reisregister/site/search.py",)),
    ("charts (Vega-Lite to SVG, vl-convert)", ("reisregister/site/charts.py",)),
    (
        "our pages (site, our templates, markdown-it, nh3)",
        ("reisregister/site/", "reisregister/templates/", "/markdown_it/", "/mdurl/", "/nh3"),
    ),
    (
        "MkDocs + Material (pipeline, theme templates, Markdown, macros)",
        (
            "/mkdocs/",
            "/material/",
            "/markdown/",
            "/pymdownx/",
            "/mkdocs_macros/",
            "overrides/",
            "macros.py",
            "/watchdog/",
        ),
    ),
]


INDEX = "search index: Pagefind (build_index, a thread: overlaps the pages written after the trips)"
AFTER = "after MkDocs: shells, sitemap, cache, waiting for Pagefind (on_post_build, rest)"


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    config_file = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ROOT / "mkdocs.yml"
    reports = OUT / f"reports-{size}"
    if not reports.is_dir():
        subprocess.run(
            [BIN / "reisregister", "demo", "--count", str(size), "--out", reports, "--seed", "1"], check=True
        )
    os.environ.update(REPORTS_DIR=str(reports), NO_MKDOCS_2_WARNING="1", REISREGISTER_CACHE="off")  # clean builds
    name = f"profile-{size}" if config_file == ROOT / "mkdocs.yml" else f"profile-{size}-{config_file.parent.name}"
    site = OUT / f"{name}-site"
    shutil.rmtree(site, ignore_errors=True)  # a clean build starts from nothing: emptying is not timed
    phases = timed_build(config_file, site)
    shutil.rmtree(site)
    profiler = cProfile.Profile()
    profiler.enable()
    timed_build(config_file, site)
    profiler.disable()
    profiler.dump_stats(OUT / f"{name}.prof")  # for snakeviz or pstats
    text = summary(size, phases, pstats.Stats(profiler))
    (OUT / f"{name}.txt").write_text(text, encoding="utf-8")
    print(text)


def timed_build(config_file: Path, site: Path) -> list[tuple[str, float, float, int, int]]:
    """One clean build; per phase: name, wall and CPU seconds, resident memory at its end and peak so far (kB)."""
    from mkdocs.commands import build
    from mkdocs.config import load_config

    phases: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)  # this process's CPU time: steadier than wall time on a busy machine
    memory: dict[str, tuple[int, int]] = {}

    def timed(name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                phases[name] += time.perf_counter() - started
                cpu[name] += time.process_time() - started_cpu
                memory[name] = _memory()

        return wrapper

    started, started_cpu = time.perf_counter(), time.process_time()
    config = timed("config: mkdocs.yml, theme, plugins", load_config)(config_file=str(config_file), site_dir=str(site))
    plugins = config.plugins
    for event, name in [
        ("on_pre_build", "load: read, validate, git history (on_pre_build)"),
        ("on_files", "page list and data files: JSON, CSV, feeds (on_files)"),
        ("on_page_markdown", "per page: titles and macros (on_page_markdown)"),
        ("on_page_content", "pages in the nav: our HTML (on_page_content)"),
        ("on_post_build", AFTER),
    ]:
        setattr(plugins, event, timed(name, getattr(plugins, event)))
    from mkdocs import utils
    from mkdocs.structure.files import Files

    from reisregister.site import generate, search

    steps = [
        (build, "get_files", "docs/ files (get_files)"),
        (build, "_populate_page", "per page: MkDocs' Markdown pipeline, rest (_populate_page)"),
        (build, "_build_page", "per page: Material's template, writing (_build_page)"),
        (build, "get_navigation", "navigation (get_navigation)"),
        (build, "_build_theme_template", "sitemap, 404 (_build_theme_template)"),
        (utils, "clean_directory", "emptying the site folder (--clean)"),
        (Files, "copy_static_files", "copying static and data files"),
        (generate, "page_content", "engine, per page: our HTML, with its derivations (page_content)"),
        (generate, "write_pages", "engine: pages into their shells, writing (write_pages, rest)"),
        (search, "build_index", INDEX),
    ]
    originals = [(owner, attribute, getattr(owner, attribute)) for owner, attribute, _ in steps]
    for owner, attribute, name in steps:
        setattr(owner, attribute, timed(name, getattr(owner, attribute)))
    try:
        plugins.on_startup(command="build", dirty=False)
        build.build(config)
        plugins.on_shutdown()
    finally:
        for owner, attribute, function in originals:
            setattr(owner, attribute, function)
    totals = {"wall": time.perf_counter() - started, "cpu": time.process_time() - started_cpu}
    rest = "other: plugin start-up (macros), on_env, the rest"
    for kind, seconds in (("wall", phases), ("cpu", cpu)):
        # Hooks run inside MkDocs' steps: take the hooks' time out of the step that ran them.
        seconds["per page: MkDocs' Markdown pipeline, rest (_populate_page)"] -= (
            seconds["per page: titles and macros (on_page_markdown)"]
            + seconds["pages in the nav: our HTML (on_page_content)"]
        )
        engine_pages = "engine: pages into their shells, writing (write_pages, rest)"
        seconds[engine_pages] -= seconds["engine, per page: our HTML, with its derivations (page_content)"]
        seconds[AFTER] -= (
            seconds[engine_pages] + seconds["engine, per page: our HTML, with its derivations (page_content)"]
        )
        # Pagefind runs in a thread beside the pages written after the trips: its time overlaps theirs.
        seconds[rest] = totals[kind] - sum(value for name, value in seconds.items() if name != INDEX)
        seconds["total"] = totals[kind]
    memory[rest] = memory["total"] = _memory()
    return [(name, seconds, cpu[name], *memory.get(name, (0, 0))) for name, seconds in phases.items()]


def _memory() -> tuple[int, int]:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def summary(size: int, phases: list[tuple[str, float, float, int, int]], stats: pstats.Stats) -> str:
    """The profile as text: phases, self time per package group, the costliest functions."""
    out = io.StringIO()
    total = next(seconds for name, seconds, *_ in phases if name == "total")
    print(
        f"Profile of a clean build of {size:,} generated reports ({os.cpu_count()} cores; load {os.getloadavg()[0]:.1f})\n",
        file=out,
    )
    print(
        "## Phases (plain run: wall time, this process's CPU time, its resident memory at the end of the phase)\n",
        file=out,
    )
    print("| phase | wall s | share | CPU s | RSS MB | peak MB |\n|---|---:|---:|---:|---:|---:|", file=out)
    for name, seconds, cpu_seconds, rss, hwm in phases:
        print(
            f"| {name} | {seconds:.1f} | {seconds / total:.0%} | {cpu_seconds:.1f} | {rss / 1024:.0f} | {hwm / 1024:.0f} |",
            file=out,
        )
    # A child's ru_maxrss counts the pages it shared with this process before exec, so Pagefind's
    # own peak is measured by `make bench` (index_peak_mb), in a process of its own.
    print("\nPagefind runs as a child process: its own peak is index_peak_mb in `make bench`.\n", file=out)
    by_group = group_self_time(stats.stats)
    profiled = sum(by_group.values())
    print(f"## Self time per package group (cProfile run, {profiled:.1f} s profiled)\n", file=out)
    print("| group | s | share |\n|---|---:|---:|", file=out)
    for name, seconds in sorted(by_group.items(), key=lambda item: -item[1]):
        print(f"| {name} | {seconds:.1f} | {seconds / profiled:.0%} |", file=out)
    for key, title in [("tottime", "self time"), ("cumulative", "cumulative time")]:
        print(f"\n## The 25 costliest functions by {title}\n", file=out)
        listing = io.StringIO()
        stats.stream = listing
        stats.sort_stats(key).print_stats(25)
        print("\n".join(_strip(listing.getvalue())), file=out)
    return out.getvalue()


def group_self_time(raw: dict) -> dict[str, float]:
    """Self time per group; code in no group is charged to its callers' groups (see GROUPS)."""
    shares: dict[tuple, dict[str, float]] = {}

    def share(key: tuple, seen: frozenset) -> dict[str, float]:
        if key in shares:
            return shares[key]
        own = _group(key[0])
        seen = seen | {key}
        callers = {caller: edge for caller, edge in raw.get(key, (0, 0, 0, 0, {}))[4].items() if caller not in seen}
        if own or not callers or len(seen) > 40:  # recursion (rmtree, Jinja macros) is followed to its first caller
            return {own or "other (start-up, imports: no caller in a group)": 1.0}
        weights = {caller: edge[3] or edge[1] for caller, edge in callers.items()}  # cumulative time per call edge
        total = sum(weights.values()) or 1.0
        result: dict[str, float] = defaultdict(float)
        for caller, weight in weights.items():
            for name, part in share(caller, seen).items():
                result[name] += part * weight / total
        shares[key] = dict(result)
        return shares[key]

    by_group: dict[str, float] = defaultdict(float)
    for key, (_, _, self_time, _, _) in raw.items():
        for name, part in share(key, frozenset()).items():
            by_group[name] += self_time * part
    return by_group


def _group(path: str) -> str | None:
    for name, needles in GROUPS:
        if any(needle in path for needle in needles):
            return name
    return None


# pstats' listing without its header and with paths shortened to the package.
def _strip(listing: str) -> list[str]:
    lines = listing.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("ncalls"))
    prefixes = sorted({str(ROOT) + "/", *(p + "/" for p in sys.path if p)}, key=len, reverse=True)
    kept = []
    for line in lines[start:]:
        for prefix in prefixes:
            line = line.replace(prefix, "")
        if line.strip():
            kept.append(line)
    return kept


if __name__ == "__main__":
    main()
