"""The Markdown of report bodies: one CommonMark parser for the checks and the pages.

CommonMark is what GitHub shows in a pull request, so staff see there what the site will show.
markdown-it-py parses it in linear time (Python-Markdown took 54 s on 20 kB of `[`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt


@cache
def parser() -> MarkdownIt:
    """CommonMark with tables; raw HTML is parsed here and sanitised after rendering."""
    return MarkdownIt("commonmark", {"html": True}).enable("table")


@dataclass(frozen=True)
class HiddenText:
    """Text in the Markdown that no page shows: a comment or an unused link definition."""

    line: int  # 0-based line in the Markdown
    kind: str  # "comment" or "link_definition": a key of `body.hidden.*` in messages.py


def hidden_text(markdown: str) -> Iterator[HiddenText]:
    """HTML comments and link reference definitions (`[//]: # (...)`) outside code, in order."""
    if "<!--" not in markdown and "]:" not in markdown:
        return  # nothing that could be either: no need to parse
    env: dict = {}
    found = []
    for token in parser().parse(markdown, env):
        line = token.map[0] if token.map else 0
        if token.type == "html_block" and "<!--" in token.content:
            found.append(HiddenText(line, "comment"))
        for child in token.children or ():
            if child.type == "html_inline" and child.content.startswith("<!--"):
                found.append(HiddenText(line, "comment"))
    for reference in env.get("references", {}).values():
        found.append(HiddenText(reference["map"][0], "link_definition"))
    yield from sorted(found, key=lambda hidden: hidden.line)
