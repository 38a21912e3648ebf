"""A body's settings: `extra.reisregister` and `site_url` of mkdocs.yml, read once into a typed object.

The site build gets them from MkDocs' own configuration; the command line reads the same file
here (without MkDocs), so both give the same records (DESIGN §6).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reisregister.core.emissions import Point, home_point
from reisregister.core.rules import DEFAULT_DUE_DAYS
from reisregister.core.train_rule import TrainRule
from reisregister.intake.budget import SiteBudget


@dataclass(frozen=True)
class Settings:
    """What a body sets in `extra.reisregister`, plus the site's public address."""

    due_days: int = DEFAULT_DUE_DAYS  # a report is due this many days after return
    organisation: tuple[str, ...] = ()  # the body's name(s); empty: the most travelled-for organisation
    origin: Point = field(default_factory=home_point)  # the home city, where distances start and end
    history_base: str | None = None  # e.g. https://github.com/org/repo/commits/main/
    site_url: str = ""  # the public address ending in "/", or "" when the build has none
    beheer: dict[str, Any] = field(default_factory=dict)  # the web form's backend
    train_rule: TrainRule = field(default_factory=TrainRule)  # the council's rule: no flights within N hours by train
    organisation_uri: str | None = None  # the body in TOOI: publisher of the DCAT catalogue and the Woo-index
    contact: dict[str, str] = field(default_factory=dict)  # email and phone for the open data (DCAT contact point)
    budget: SiteBudget = field(default_factory=SiteBudget)  # pages and bytes the register may make the build write

    @classmethod
    def from_extra(cls, extra: dict | None, site_url: str | None = "") -> Settings:
        """Settings from `extra.reisregister` (a mapping) and `site_url` as mkdocs.yml gives them."""
        extra = extra or {}
        organisation = extra.get("organisation") or ()
        return cls(
            due_days=int(extra.get("due_days", DEFAULT_DUE_DAYS)),
            organisation=(organisation,) if isinstance(organisation, str) else tuple(organisation),
            origin=home_point(extra.get("origin")),
            history_base=extra.get("history_base"),
            site_url=site_url.rstrip("/") + "/" if site_url else "",
            beheer=dict(extra.get("beheer") or {}),
            train_rule=TrainRule.from_settings(extra),
            organisation_uri=extra.get("organisation_uri") or None,
            contact={key: str(value) for key, value in (extra.get("contact") or {}).items()},
            budget=SiteBudget.from_settings(extra),
        )


def read_settings(config_file: Path) -> Settings:
    """The settings in a mkdocs.yml (following `INHERIT`), with `!ENV` values as MkDocs reads them."""
    config = _read_config(config_file)
    return Settings.from_extra((config.get("extra") or {}).get("reisregister"), config.get("site_url"))


def _read_config(config_file: Path, seen: frozenset[Path] = frozenset()) -> dict:
    path = config_file.resolve()
    if path in seen:
        raise ValueError(f"{config_file}: INHERIT loops back to this file")
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    parent = config.pop("INHERIT", None)
    if parent:
        return _merged(_read_config(path.parent / parent, seen | {path}), config)
    return config


# As MkDocs merges an inherited configuration: mappings key by key, anything else replaced.
def _merged(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        both = isinstance(value, dict) and isinstance(merged.get(key), dict)
        merged[key] = _merged(merged[key], value) if both else value
    return merged


class _ConfigLoader(yaml.SafeLoader):
    """YAML as mkdocs.yml uses it: `!ENV` reads the environment; other tags (e.g. `!!python/name:`)
    belong to plugins and are read as nothing, never run."""


# `!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default (as pyyaml_env_tag).
def _env_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    default, names = None, []
    if isinstance(node, yaml.ScalarNode):
        names = [loader.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        children = node.value
        if len(children) > 1:
            default, children = loader.construct_object(children[-1]), children[:-1]
        names = [loader.construct_scalar(child) for child in children]
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_ConfigLoader.add_constructor("!ENV", _env_value)
_ConfigLoader.add_constructor(None, lambda loader, node: None)
