"""The register's own engine: every generated page written into a shell, without a site generator's plugin API.

A shell is one page as the theme renders it (head, header, navigation, footer), with sentinel strings
where a page's own values go. The generator that owns the theme (MkDocs with Material, in
adapters/mkdocs/) renders one placeholder page per shell key and hands the HTML here; `write_site`
then fills it for every generated page: its title, description, address, feed and content, each
escaped. Links to assets and the navigation are relative, so one shell serves every page of a folder.
Hand-written pages and the few generated pages in the navigation stay with the generator.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

from markupsafe import Markup, escape

from reisregister.core.addresses import relative
from reisregister.site.html import fragments
from reisregister.site.pages import Page, Site

# The values a page fills into its shell, in the order they are cut.
SLOTS = ("feed_title", "feed", "title", "description", "url", "content")
SENTINEL_PREFIX = "rr-shell-"


class ShellError(RuntimeError):
    """A shell the theme rendered cannot be used: a sentinel is missing or appears where no value goes."""


@dataclass(frozen=True)
class ShellKey:
    """Pages that share a shell: one folder (the same relative links) and whether they have a feed."""

    folder: str  # site-relative, without slashes at the ends; "" for the root
    feed: bool


def shell_key(page: Page) -> ShellKey:
    """The shell a generated page is written into."""
    return ShellKey(page.url.rstrip("/").rpartition("/")[0], page.feed is not None)


@dataclass(frozen=True)
class Placeholder:
    """The page the theme renders for one shell key: sentinel values that `Shell.cut` finds again."""

    key: ShellKey
    url: str  # in the key's folder, so its relative links are those of every page there
    title: str
    description: str
    feed: str | None
    feed_title: str | None
    content: str

    @property
    def sentinels(self) -> dict[str, str]:
        """Slot -> the sentinel the theme was given for it."""
        found = {"title": self.title, "description": self.description, "url": self.url, "content": self.content}
        if self.feed is not None and self.feed_title is not None:
            found |= {"feed": self.feed, "feed_title": self.feed_title}
        return found


def placeholders(pages: Iterable[Page], token: str) -> list[Placeholder]:
    """One placeholder per shell key the pages need; `token` (random per build) makes the sentinels unique."""
    keys = sorted({shell_key(page) for page in pages}, key=lambda key: (key.folder, key.feed))
    return [_placeholder(key, f"{SENTINEL_PREFIX}{token}-{number}") for number, key in enumerate(keys)]


def _placeholder(key: ShellKey, name: str) -> Placeholder:
    folder = f"{key.folder}/" if key.folder else ""
    return Placeholder(
        key,
        url=f"{folder}{name}/",
        title=f"{name}-title",
        description=f"{name}-description",
        feed=f"{name}-feed" if key.feed else None,
        feed_title=f"{name}-feedtitle" if key.feed else None,
        # Inside an <h1>: a theme that adds the page title as heading when the content has none (Material)
        # leaves it out; the engine gives a page without a heading of its own its title (`page_content`).
        content=str(_engine().placeholder_content(name)),
    )


@dataclass(frozen=True)
class Shell:
    """A rendered page cut at its slots: literal HTML and slot names alternate, starting and ending with HTML."""

    parts: tuple[str, ...]

    @classmethod
    def cut(cls, html: str, placeholder: Placeholder) -> Shell:
        """Cut the theme's page for a placeholder into a (compact) shell; refuse one where a sentinel is missing or
        left over."""
        html = compact(html)
        sentinels = placeholder.sentinels
        by_text = {text: slot for slot, text in sentinels.items()}
        # Longest first: the address contains the placeholder's name, as every other sentinel does.
        pattern = re.compile("|".join(re.escape(text) for text in sorted(by_text, key=len, reverse=True)))
        parts: list[str] = []
        start = 0
        for match in pattern.finditer(html):
            parts += [html[start : match.start()], by_text[match.group()]]
            start = match.end()
        parts.append(html[start:])
        shell = cls(tuple(parts))
        missing = {"title", "content"} - set(shell.slots)
        if missing:
            raise ShellError(f"the shell of /{placeholder.url} has no {', '.join(sorted(missing))}")
        if any(SENTINEL_PREFIX in literal for literal in shell.parts[::2]):
            raise ShellError(f"the shell of /{placeholder.url} uses its placeholder where no value goes")
        return shell

    @property
    def slots(self) -> tuple[str, ...]:
        return self.parts[1::2]

    def fill(self, values: dict[str, str]) -> str:
        """The page: the shell's HTML with each slot's (already escaped) value."""
        return "".join(part if index % 2 == 0 else values[part] for index, part in enumerate(self.parts))


# Whitespace the theme's templates indent with: a run that touches a tag. Inside <pre>, <textarea>, <script>
# and <style> whitespace is content, so those are left as they are.
VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
AT_TAG = re.compile(r">\s+|\s+<")


def compact(html: str) -> str:
    """The same page with each run of whitespace beside a tag made one line break (or space): it renders the
    same, and a trip page's shell shrinks by about a quarter."""
    parts = VERBATIM.split(html)
    # split() gives text, element, tag name, text, ...: only the text between verbatim elements is compacted.
    return "".join(
        AT_TAG.sub(_one_space, part) if index % 3 == 0 else part for index, part in enumerate(parts) if index % 3 != 2
    )


def _one_space(match: re.Match) -> str:
    run = match.group()
    space = "\n" if "\n" in run else " "
    return ">" + space if run.startswith(">") else space + "<"


def page_values(page: Page, content: str = "") -> dict[str, str]:
    """What a generated page puts into its shell, every value escaped (report text is data)."""
    values = {
        "title": escape(page.title),
        "description": escape(page.description),
        "url": escape(page.url),
        "content": content,
    }
    if page.feed is not None:
        values["feed"] = escape(relative(page.url, page.feed))
        values["feed_title"] = escape(f"Reisregister: {page.title}")
    return values


def page_content(page: Page) -> Markup:
    """A page's HTML, headed by its title when it has no heading of its own (as the theme would)."""
    html = Markup(page.html())  # Markup: the page's HTML comes from the site's templates, escaped there
    return _engine().content(page.title, html)


def write_pages(pages: Iterable[Page], shells: dict[ShellKey, Shell], site: Path) -> list[str]:
    """Write every page into its shell as <site>/<url>index.html; the addresses written."""
    written = []
    for page in pages:
        html = shells[shell_key(page)].fill(page_values(page, page_content(page)))
        path = site / page.url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
        written.append(page.url)
    return written


def write_site(site: Site, shells: dict[ShellKey, Shell], folder: Path, lastmod: str | None = None) -> None:
    """The whole generated part of a register's site into `folder`: data files, forwarding pages, every page, the
    sitemap.

    shells: one per key of `placeholders(site.pages(), …)`; lastmod: the sitemap's date (None: none).
    """
    site.write_data(folder)
    pages = site.pages()
    write_pages(pages, shells, folder)
    extend_sitemap(folder, [page.url for page in pages], site.register.settings.site_url, lastmod)


# ----------------------------------------------------------------------------
# Sitemap
# ----------------------------------------------------------------------------

SITEMAP = "sitemap.xml"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def extend_sitemap(site: Path, urls: list[str], site_url: str, lastmod: str | None, drop: Iterable[str] = ()) -> None:
    """Add the generated pages to the sitemap the shell's generator wrote for its own pages (and its .gz).

    Without a site address there are no absolute addresses, so nothing is added (as for the other pages).
    Entries of `drop` (placeholders) and earlier entries of the same pages are removed; the generated
    pages follow the others, in the order given.
    """
    path = site / SITEMAP
    if not site_url:
        return
    base = site_url if site_url.endswith("/") else site_url + "/"
    ours = [base + url for url in urls]
    removed = set(ours) | {base + url for url in drop}
    kept = [entry for entry in _sitemap_entries(path) if entry[0] not in removed]
    text = str(_engine().sitemap([*kept, *((loc, lastmod) for loc in ours)]))
    _write_sitemap(path, text, lastmod)


# (address, date or None) of each page in a sitemap; none when there is no file. The file is the
# build's own (the shell's generator wrote it), not input from a report.
def _sitemap_entries(path: Path) -> list[tuple[str, str | None]]:
    if not path.is_file():
        return []
    found = []
    for url in ElementTree.parse(path).getroot().iter(f"{SITEMAP_NS}url"):
        modified = url.find(f"{SITEMAP_NS}lastmod")
        found.append((url.findtext(f"{SITEMAP_NS}loc", ""), modified.text if modified is not None else None))
    return found


def _engine():
    return fragments("engine.html")


def _write_sitemap(path: Path, text: str, lastmod: str | None) -> None:
    path.write_text(text, encoding="utf-8")
    # The .gz as MkDocs writes it: the name inside without .gz, dated midnight (UTC) of lastmod.
    mtime = int(datetime.fromisoformat(lastmod).replace(tzinfo=UTC).timestamp()) if lastmod else 0
    with (
        path.with_name(path.name + ".gz").open("wb") as out,
        gzip.GzipFile(fileobj=out, filename=path.name, mode="wb", mtime=mtime) as packed,
    ):
        packed.write(text.encode("utf-8"))
