"""What one MkDocs build of the register holds, owned by the adapter and kept on that build's config.

MkDocs hands the same config object to every hook and, through mkdocs-macros, to macros.py, and
`mkdocs serve` loads a new one for every rebuild; so the state of a build lives there, not in a
module, and two builds in one process (tests, serve) never see each other's register.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reisregister.site.generate import Placeholder
from reisregister.site.pages import Page, Site

CONFIG_KEY = "reisregister_build"


@dataclass
class BuildState:
    """The site of this build (its register, pages and files), its generated pages and the placeholder pages
    MkDocs renders as shells."""

    site: Site
    pages: list[Page] = field(default_factory=list)  # every generated page, in the router's order
    in_nav: dict[str, Page] = field(default_factory=dict)  # by virtual source: rendered by MkDocs itself
    placeholders: dict[str, Placeholder] = field(default_factory=dict)  # by virtual source
    hand_written: dict[str, str] = field(default_factory=dict)  # address -> source of docs/ pages and files

    def generated_page(self, src_uri: str) -> Page | None:
        """The generated page MkDocs renders behind a virtual source file, if it is one."""
        return self.in_nav.get(src_uri)

    def placeholder(self, src_uri: str) -> Placeholder | None:
        """The placeholder page behind a virtual source file, if it is one."""
        return self.placeholders.get(src_uri)


def attach(config: Any, state: BuildState) -> BuildState:
    """Keep the state on the build's config (a mapping), replacing an earlier one."""
    config[CONFIG_KEY] = state
    return state


def of(config: Any) -> BuildState:
    """The state of the build this config belongs to."""
    state = config.get(CONFIG_KEY)
    if not isinstance(state, BuildState):
        raise RuntimeError("the register is not loaded yet: is the reisregister hook listed in mkdocs.yml?")
    return state
