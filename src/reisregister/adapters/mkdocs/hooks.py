"""MkDocs hooks: the register's pages and open data, generated in memory from the reports folder.

Listed under `hooks:` in mkdocs.yml. Nothing is written into docs/; per-trip pages stay out of
the navigation (a nav of N entries on each of N pages makes the build quadratic).
"""

from __future__ import annotations

import html
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from reisregister.adapters.decap import beheer
from reisregister.adapters.mkdocs import state
from reisregister.core.emissions import factors
from reisregister.core.i18n.messages import count, message
from reisregister.intake.cache import BuildCache
from reisregister.intake.problems import Problem, ReportError, format_problems
from reisregister.register.register import Register
from reisregister.register.settings import Settings
from reisregister.site import pages as site
from reisregister.site import search

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
    """Add the generated pages and data files of the register."""
    build = state.of(config)
    try:
        pages = {page.src_uri: page for page in build.site.pages()}
    except site.AddressClash as clash:
        raise PluginError(message("build.address_clash", clash=clash) + "\n" + message("build.stopped")) from None
    hand_written = {file.url: file.src_uri for file in files}
    for src_uri, page in pages.items():
        _refuse_clash(hand_written, site.page_address(src_uri))
        files.append(File.generated(config, src_uri, content="", inclusion=_inclusion(page)))
    for path, source in build.site.write_data(build.data_folder()).items():
        _refuse_clash(hand_written, path)
        files.append(File.generated(config, path, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV))
    for path, content in _nlds_files(config).items():
        files.append(_static_file(config, path, content))
    for path, content in _beheer_files(config).items():
        _refuse_clash(hand_written, path)
        files.append(_static_file(config, path, content))
    build.pages = pages
    return files


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Give a generated page its (escaped) title and description; its content comes later."""
    generated = state.of(config).generated_page(page.file.src_uri)
    if generated is None:
        return markdown
    page.meta = {
        "title": html.escape(generated.title),
        "description": html.escape(generated.description),
        "hide": ["toc"],
        "feed": generated.feed and site.relative(generated.url, generated.feed),
        "feed_title": html.escape(f"Reisregister: {generated.title}"),
    }
    return ""


def on_page_content(content: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Replace a generated page's (empty) content with its HTML."""
    generated = state.of(config).generated_page(page.file.src_uri)
    return generated.html() if generated else content


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Give the theme `same_per_folder` (overrides/main.html): a fresh cache of shared fragments per build."""
    env.globals["same_per_folder"] = _SamePerFolder(state.of(config).generated_page)
    return env


def on_post_build(config: MkDocsConfig) -> None:
    """Keep what this build made for the next one; index the trip pages for the search page (Pagefind), in every
    build and serve; fail if the index is incomplete."""
    build = state.of(config)
    cache = build.site.register.cache
    if cache.folder is not None:
        _info.info("reused from %s: %s", cache.folder, cache.summary())
    cache.save()
    if os.environ.get("REISREGISTER_SEARCH") == "background":
        _index_in_background(Path(config.site_dir), len(build.site.register.reports))
        return
    try:
        search.build_index(Path(config.site_dir), expected_pages=len(build.site.register.reports))
    except search.SearchIndexError as error:
        raise PluginError(str(error)) from None


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


def _index_in_background(site_dir: Path, expected_pages: int) -> None:
    def index() -> None:
        try:
            search.build_index(site_dir, expected_pages=expected_pages)
        except search.SearchIndexError as error:
            _notices.warning(f"zoekindex niet bijgewerkt: {error}")

    _info.info("pages ready; the search index follows in a few seconds (REISREGISTER_SEARCH=background)")
    threading.Thread(target=index, name=BACKGROUND_INDEX).start()


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


# Index pages of the register are reachable from the nav; trips and sub-pages only by links.
def _inclusion(page: site.Page) -> InclusionLevel:
    return InclusionLevel.INCLUDED if page.url in site.NAV_PAGES else InclusionLevel.NOT_IN_NAV


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


# Material renders the navigation sidebar for every page; for a generated page outside the nav it
# is the same HTML for every page in one folder (links are relative to the folder, nothing is
# active, the toc of its empty Markdown is empty), so it is rendered once per folder: with
# 10,000 trips in reizen/, once instead of 10,000 times. Other pages render it as usual.
class _SamePerFolder:
    def __init__(self, generated_page: Callable[[str], site.Page | None]) -> None:
        self._generated_page = generated_page
        self._rendered: dict[tuple, str] = {}

    def __call__(self, page: MkDocsPage | None, caller) -> str:
        if page is None or not page.file.inclusion.is_not_in_nav() or self._generated_page(page.file.src_uri) is None:
            return caller()
        key = (page.url.rstrip("/").rpartition("/")[0], tuple(page.meta.get("hide", ())))
        if key not in self._rendered:
            self._rendered[key] = caller()
        return self._rendered[key]


def _refuse_clash(hand_written: dict[str, str], address: str) -> None:
    try:
        site.check_hand_written(hand_written, address)
    except site.AddressClash as clash:
        raise PluginError(str(clash)) from None
