"""What one MkDocs build of the register holds, owned by the adapter and kept on that build's config.

MkDocs hands the same config object to every hook and, through mkdocs-macros, to macros.py, and
`mkdocs serve` loads a new one for every rebuild; so the state of a build lives there, not in a
module, and two builds in one process (tests, serve) never see each other's register.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reisregister.site.pages import Page, Site

CONFIG_KEY = "reisregister_build"


@dataclass
class BuildState:
    """The site of this build (its register, pages and files), its generated pages by virtual source, and the
    data files' scratch folder."""

    site: Site
    pages: dict[str, Page] = field(default_factory=dict)
    _scratch: tempfile.TemporaryDirectory | None = field(default=None, repr=False)

    def generated_page(self, src_uri: str) -> Page | None:
        """The generated page behind a virtual source file, if it is one."""
        return self.pages.get(src_uri)

    # Removed with the state (serve loads a new config per build) or at exit, not inside the build:
    # deleting thousands of files would delay the pages.
    def data_folder(self) -> Path:
        """A fresh scratch folder for the data files, which MkDocs copies into the site."""
        self.close()
        self._scratch = tempfile.TemporaryDirectory(prefix="reisregister-")
        return Path(self._scratch.name)

    def close(self) -> None:
        """Remove the scratch folder."""
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None


def attach(config: Any, state: BuildState) -> BuildState:
    """Keep the state on the build's config (a mapping), replacing an earlier one."""
    earlier = config.get(CONFIG_KEY)
    if isinstance(earlier, BuildState):
        earlier.close()
    config[CONFIG_KEY] = state
    return state


def of(config: Any) -> BuildState:
    """The state of the build this config belongs to."""
    state = config.get(CONFIG_KEY)
    if not isinstance(state, BuildState):
        raise RuntimeError("the register is not loaded yet: is the reisregister hook listed in mkdocs.yml?")
    return state
