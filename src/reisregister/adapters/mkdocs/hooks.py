"""MkDocs hooks: the register's pages and open data, generated from the reports folder.

Listed under `hooks:` in mkdocs.yml. Nothing is written into docs/. MkDocs with Material renders the
hand-written pages, the few generated pages in the nav, and one placeholder page per shell (site/generate.py:
a folder's frame of header, navigation and footer); the engine writes every other generated page into its
shell after MkDocs is done, instead of sending thousands of pages through MkDocs' page pipeline.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import threading
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import get_build_date

from reisregister.adapters.decap import beheer
from reisregister.adapters.mkdocs import state
from reisregister.core.emissions import factors
from reisregister.core.i18n.messages import count, message
from reisregister.intake.cache import BuildCache
from reisregister.intake.problems import Problem, ReportError, format_problems
from reisregister.register.register import Register
from reisregister.register.settings import Settings
from reisregister.site import generate, search
from reisregister.site import pages as site

# ----------------------------------------------------------------------------
# Hooks
# ----------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """With `extra.reisregister.nl_design_system` on, load the Den Haag tokens and the bridge after Material's styles."""
    if _nl_design_system(config):
        config.extra_css.extend(NLDS_STYLESHEETS)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Load and check every report before MkDocs cleans the site folder, so a bad report loses nothing."""
    _wait_for_background_index()
    register = _load_register(config)
    for warning in build_warnings(register.settings):
        _notices.warning(warning)
    state.attach(config, state.BuildState(site.Site(register)))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages in the nav and a placeholder page per shell; write the data files into the site."""
    build = state.of(config)
    try:
        pages = build.site.pages()
    except site.AddressClash as clash:
        raise PluginError(message("build.address_clash", clash=clash) + "\n" + message("build.stopped")) from None
    build.hand_written = {file.url: file.src_uri for file in files}
    for page in pages:
        _refuse_clash(build.hand_written, site.page_address(page.src_uri))
    build.pages = pages
    build.in_nav = {page.src_uri: page for page in pages if page.url in site.NAV_PAGES}
    for src_uri in build.in_nav:
        files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.INCLUDED))
    shells = generate.placeholders(_engine_pages(build), secrets.token_hex(8))
    build.placeholders = {site.page_source(placeholder.url): placeholder for placeholder in shells}
    for src_uri in build.placeholders:
        files.append(File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    # Straight into the (just cleaned) site folder; MkDocs knows them for links and leaves them where they are.
    site_dir = Path(config.site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    for path in build.site.write_data(site_dir):
        _refuse_clash(build.hand_written, path)
        files.append(
            File.generated(config, path, abs_src_path=str(site_dir / path), inclusion=InclusionLevel.NOT_IN_NAV)
        )
    for path, content in _nlds_files(config).items():
        files.append(_static_file(config, path, content))
    for path, content in _beheer_files(config).items():
        _refuse_clash(build.hand_written, path)
        files.append(_static_file(config, path, content))
    return files


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Give a generated page in the nav its (escaped) title and description, a placeholder its sentinels."""
    build = state.of(config)
    generated = build.generated_page(page.file.src_uri)
    placeholder = build.placeholder(page.file.src_uri)
    if generated is None and placeholder is None:
        return markdown
    values = generate.page_values(generated) if generated is not None else placeholder.sentinels
    page.meta = {
        "title": values["title"],
        "description": values["description"],
        "hide": ["toc"],
        "feed": values.get("feed"),
        "feed_title": values.get("feed_title"),
    }
    return ""


def on_page_content(content: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Replace a generated page's (empty) content with its HTML, a placeholder's with its sentinel."""
    build = state.of(config)
    generated = build.generated_page(page.file.src_uri)
    if generated is not None:
        return generated.html()
    placeholder = build.placeholder(page.file.src_uri)
    return placeholder.content if placeholder else content


def on_post_build(config: MkDocsConfig) -> None:
    """Write the generated pages into the shells MkDocs rendered and index the trip pages for the search page
    (Pagefind, in every build and serve; fail if the index is incomplete); keep what this build made for the next.

    Pagefind starts as soon as the trip pages are written and indexes them on the second core while this
    process writes the other pages, the sitemap and the cache.
    """
    build = state.of(config)
    site_dir = Path(config.site_dir)
    shells = _cut_shells(build, site_dir)
    indexed, rest = _indexed_first(_engine_pages(build))
    generate.write_pages(indexed, shells, site_dir)
    background = os.environ.get("REISREGISTER_SEARCH") == "background"
    trips = len(build.site.register.reports)
    index = None if background else _SearchIndex(site_dir, trips)
    generate.write_pages(rest, shells, site_dir)
    generate.extend_sitemap(
        site_dir,
        [page.url for page in build.pages],
        build.site.register.settings.site_url,
        get_build_date(),
        drop=[placeholder.url for placeholder in build.placeholders.values()],
    )
    cache = build.site.register.cache
    if cache.folder is not None:
        _info.info("reused from %s: %s", cache.folder, cache.summary())
    cache.save()
    if index is None:
        _SearchIndex(site_dir, trips, background=True)
    else:
        index.wait()


# ----------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------


def build_warnings(settings: Settings) -> list[str]:
    """What a maintainer should fix before publishing; the build goes on (local and test builds lack them)."""
    warnings = []
    if not settings.site_url:
        warnings.append(
            "SITE_URL is niet gezet: de sitemap blijft leeg, feed-ids gebruiken reisregister.invalid en de adressen "
            "in de open data zijn relatief. Bouw voor publicatie met SITE_URL=https://… make site."
        )
    if not factors()["checked"]:
        warnings.append(f"Emissiefactoren (src/reisregister/data/emissiefactoren.json): {factors()['note']}")
    return warnings


# Warnings through MkDocs' own logger would abort every `--strict` build; these are shown, never fatal.
def _notice_logger() -> logging.Logger:
    logger = logging.getLogger("reisregister.build")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger


_notices = _notice_logger()
_info = logging.getLogger("mkdocs.plugins.reisregister")  # shown as INFO by MkDocs, never fatal


# `make serve` (REISREGISTER_SEARCH=background): the pages are served while Pagefind indexes them;
# the next build waits for it, so two never write one index. Not a daemon thread: a build that
# exits first still waits for its index.
BACKGROUND_INDEX = "reisregister-search-index"


# The index runs in a thread: Pagefind is a child process, so this process is free to write the rest of the
# site meanwhile. A `mkdocs build` waits for it and stops on an incomplete index; under `make serve`
# (background) the pages are served while it runs, and a failure is a warning.
class _SearchIndex:
    def __init__(self, site_dir: Path, expected_pages: int, background: bool = False) -> None:
        self._background = background
        self._error: search.SearchIndexError | None = None
        name = BACKGROUND_INDEX if background else "reisregister-index"
        self._thread = threading.Thread(target=self._run, args=(site_dir, expected_pages), name=name)
        if background:
            _info.info("pages ready; the search index follows in a few seconds (REISREGISTER_SEARCH=background)")
        self._thread.start()

    def _run(self, site_dir: Path, expected_pages: int) -> None:
        try:
            search.build_index(site_dir, expected_pages=expected_pages)
        except search.SearchIndexError as error:
            if self._background:
                _notices.warning(f"zoekindex niet bijgewerkt: {error}")
            self._error = error

    def wait(self) -> None:
        """Wait for the index; stop the build if it is incomplete."""
        self._thread.join()
        if self._error is not None:
            raise PluginError(str(self._error))


def _wait_for_background_index() -> None:
    for thread in threading.enumerate():
        if thread.name == BACKGROUND_INDEX:
            thread.join()


# The reports folder is REPORTS_DIR, relative to mkdocs.yml; settings come from extra.reisregister.
def _load_register(config: MkDocsConfig) -> Register:
    settings = Settings.from_extra(config.extra.get("reisregister"), config.site_url)
    base = Path(config.config_file_path).parent
    folder = base / os.environ.get("REPORTS_DIR", "reports")
    if not folder.is_dir():
        raise PluginError(message("build.no_folder", folder=folder) + "\n" + message("build.stopped"))
    try:
        return Register.load(folder, settings, cache=BuildCache.for_project(base))
    except ReportError as error:
        raise PluginError(invalid_reports(error.problems)) from None


def invalid_reports(problems: list[Problem]) -> str:
    """Why the build stops on invalid reports: how many, each problem as `validate` prints it, and that nothing changed."""
    files = len({problem.path for problem in problems})
    heading = message(
        "build.invalid",
        problems=count(len(problems), "cli.problem", "cli.problems"),
        files=count(files, "cli.file", "cli.files"),
    )
    return f"{heading}\n{format_problems(problems)}\n\n{message('build.stopped')}"


# The web form at /beheer/ (Decap CMS); `make beheer` sets BEHEER_LOCAL_BACKEND to decap-server's API.
def _beheer_files(config: MkDocsConfig) -> dict[str, str | Path]:
    settings = config.extra.get("reisregister", {}).get("beheer", {})
    local = os.environ.get("BEHEER_LOCAL_BACKEND") or None
    try:
        return beheer.site_files(beheer.decap_config(settings, config.repo_url, local))
    except beheer.MissingBundle as error:
        raise PluginError(str(error)) from None


# NL Design System: Den Haag's component tokens from npm (tools/nlds, pinned), then the bridge in docs/assets/.
NLDS_TOKENS = "assets/nlds/design-tokens-components.css"
NLDS_STYLESHEETS = [NLDS_TOKENS, "assets/nlds-denhaag.css"]
NLDS_PACKAGE = "tools/nlds/node_modules/@gemeente-denhaag/design-tokens-components/dist/index.css"


def _nl_design_system(config: MkDocsConfig) -> bool:
    return str(config.extra.get("reisregister", {}).get("nl_design_system", False)).lower() in ("true", "1", "yes")


def _nlds_files(config: MkDocsConfig) -> dict[str, Path]:
    if not _nl_design_system(config):
        return {}
    tokens = Path(config.config_file_path).parent / NLDS_PACKAGE
    if not tokens.is_file():
        raise PluginError(message("build.nlds_missing", package=NLDS_PACKAGE))
    return {NLDS_TOKENS: tokens}


def _static_file(config: MkDocsConfig, path: str, content: str | Path) -> File:
    if isinstance(content, Path):
        return File.generated(config, path, abs_src_path=str(content), inclusion=InclusionLevel.NOT_IN_NAV)
    return File.generated(config, path, content=content, inclusion=InclusionLevel.NOT_IN_NAV)


# The pages Pagefind reads (search.TRIP_PAGES: trips, and the year pages beside them), then the others.
def _indexed_first(pages: list[site.Page]) -> tuple[list[site.Page], list[site.Page]]:
    indexed = [page for page in pages if PurePosixPath(f"{page.url}index.html").match(search.TRIP_PAGES)]
    chosen = {page.url for page in indexed}
    return indexed, [page for page in pages if page.url not in chosen]


# Generated pages outside the nav: the engine writes them into the shells MkDocs rendered.
def _engine_pages(build: state.BuildState) -> list[site.Page]:
    return [page for page in build.pages if page.src_uri not in build.in_nav]


# Material's page for each placeholder, cut into a shell; the placeholder's own output is removed
# (from the folder, the sitemap: extend_sitemap), so no sentinel is ever published.
def _cut_shells(build: state.BuildState, site_dir: Path) -> dict[generate.ShellKey, generate.Shell]:
    shells = {}
    for placeholder in build.placeholders.values():
        folder = site_dir / placeholder.url
        try:
            shells[placeholder.key] = generate.Shell.cut(
                (folder / "index.html").read_text(encoding="utf-8"), placeholder
            )
        except generate.ShellError as error:
            raise PluginError(str(error)) from None
        shutil.rmtree(folder)
    return shells


def _refuse_clash(hand_written: dict[str, str], address: str) -> None:
    try:
        site.check_hand_written(hand_written, address)
    except site.AddressClash as clash:
        raise PluginError(str(clash)) from None
