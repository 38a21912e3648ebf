"""The Hugo comparison for `make bench`: the same generated archive as a Hugo site, indexed by Pagefind.

Hugo reads the report files as they are (YAML front matter, Markdown body), mounted as
content/reizen; bench/hugo/ holds the layout. What this script adds per archive: a `_index.md`
per year folder (Hugo makes a list page only for a folder with one), the Dutch country names as a
data file, and the mounts. The search index is one stock Pagefind run with the register's options
(`search.index_whole`): the comparison is Hugo + Pagefind as used on their own; the register's
shards and their merge count on its own side.
"""

from __future__ import annotations

import json
from pathlib import Path

from reisregister.core.i18n.text import country_name
from reisregister.site.search import OUTPUT, index_whole

LAYOUT = Path(__file__).resolve().parent / "hugo"
CSS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "reisregister.css"


def prepare(reports: Path, work: Path) -> Path:
    """Write the per-archive part of the Hugo project into work; return its config file."""
    years = work / "years"
    for folder in sorted(p for p in reports.iterdir() if p.is_dir()):
        (years / folder.name).mkdir(parents=True, exist_ok=True)
        (years / folder.name / "_index.md").write_text(f"---\ntitle: Reizen in {folder.name}\n---\n", encoding="utf-8")
    (years / "_index.md").write_text("---\ntitle: Alle reizen\n---\n", encoding="utf-8")
    data = work / "data"
    data.mkdir(parents=True, exist_ok=True)
    codes = sorted({line.split(":", 1)[1].strip() for path in reports.rglob("*.md") for line in _countries(path)})
    (data / "landen.json").write_text(json.dumps({code: country_name(code) for code in codes}), encoding="utf-8")
    config = work / "mounts.toml"
    mounts = [
        (reports, "content/reizen"),
        (years, "content/reizen"),
        (LAYOUT / "layouts", "layouts"),
        (data, "data"),
        (CSS, "static/assets/site.css"),
    ]
    config.write_text(
        "".join(f'[[module.mounts]]\nsource = "{source}"\ntarget = "{target}"\n' for source, target in mounts),
        encoding="utf-8",
    )
    return config


def command(work: Path, config: Path, site: Path) -> list[str]:
    """The Hugo build of a prepared project into site (clean: the destination is emptied)."""
    return [
        "hugo", "--quiet", "--source", str(work), "--config", f"{LAYOUT / 'hugo.toml'},{config}",
        "--destination", str(site), "--cleanDestinationDir", "--cacheDir", str(work / "cache"),
    ]  # fmt: skip


def index(site: Path) -> None:
    """One Pagefind run over the Hugo output, with the register's options."""
    index_whole(site, site / OUTPUT)


def _countries(path: Path) -> list[str]:
    head = path.read_text(encoding="utf-8").split("\n---", 1)[0]
    return [line for line in head.splitlines() if line.strip().startswith("country:")]
