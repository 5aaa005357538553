"""Timeline settings, read from the `timeline` plugin entry in mkdocs.yml.

The CLI and the site must agree on how events are read, so both take their
settings from the same place. Without an mkdocs.yml the defaults apply.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import yaml

from timeline.errors import ConfigError

DATE_ORDERS = ("DMY", "MDY", "YMD")
SORT_ORDERS = ("ascending", "descending")
# Options of the plugin entry that shape the site only (timeline/plugin.py validates them);
# the CLI skips them, so one mkdocs.yml entry serves both.
SITE_OPTIONS = (
    "pages_dir",
    "title",
    "split",
    "split_threshold",
    "edit_url",
    "atomic",
    "exports",
    "history",
    "home",
    "home_events",
    "allow_outside_links",
    "axis",
    "axis_lanes",
)


@dataclass(frozen=True)
class Settings:
    """How a project's events are read, checked and ordered."""

    root: Path = field(default_factory=Path.cwd)
    events_dir: str = "events"
    languages: tuple[str, ...] = ("en",)
    date_order: str | None = None
    sort: str = "ascending"
    locale: str = "en"
    require_sources: bool = False
    allowed_tags: tuple[str, ...] | None = None
    drafts: bool = False

    @property
    def events_path(self) -> Path:
        return self.root / self.events_dir

    @property
    def descending(self) -> bool:
        return self.sort == "descending"

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any], *, root: Path) -> Settings:
        """Validate plugin options (as written in mkdocs.yml) into settings."""
        known = {f.name for f in fields(cls)} - {"root"}
        errors = [f"unknown option {name!r}" for name in options if name not in known]
        values: dict[str, Any] = {}
        for name, value in options.items():
            if name not in known or value is None:
                continue
            try:
                values[name] = _OPTION_CHECKS[name](value)
            except (TypeError, ValueError) as error:
                errors.append(f"{name}: {error}")
        if errors:
            raise ConfigError(
                "invalid timeline settings in mkdocs.yml: " + "; ".join(errors),
                hint="see the settings page of the user guide",
            )
        return cls(root=root, **values)


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected text, got {value!r}")
    return value.strip()


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError(f"expected a list of text, got {value!r}")
    return tuple(_text(item) for item in value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _locale(value: Any) -> str:
    from babel import Locale, UnknownLocaleError

    text = _text(value)
    try:
        Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"expected a locale such as 'en' or 'fr', got {value!r}") from None
    return text


def _languages(value: Any) -> tuple[str, ...]:
    from dateparser.languages.loader import default_loader

    languages = _texts(value)
    known = set(default_loader.get_locale_map())
    unknown = [language for language in languages if language not in known]
    if unknown:
        raise ValueError(f"unknown date language(s) {', '.join(map(repr, unknown))}")
    return languages


def _choice(*choices: str) -> Any:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {value!r}")
        return str(value)

    return check


_OPTION_CHECKS: dict[str, Any] = {
    "events_dir": _text,
    "languages": _languages,
    "date_order": _choice(*DATE_ORDERS),
    "sort": _choice(*SORT_ORDERS),
    "locale": _locale,
    "require_sources": _bool,
    "allowed_tags": _texts,
    "drafts": _bool,
}


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing it: `!!python/name:` and `!ENV` become None."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The options of the `timeline` entry in a parsed mkdocs.yml, or None if absent."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        plugins = [{name: value} for name, value in plugins.items()]
    if not isinstance(plugins, list):
        raise ConfigError(
            f"plugins in mkdocs.yml: expected a list, got {plugins!r}",
            hint="plugins:\n  - search\n  - timeline",
        )
    for entry in plugins:
        if entry == "timeline":
            return {}
        if isinstance(entry, Mapping) and "timeline" in entry:
            options = entry["timeline"] or {}
            if not isinstance(options, Mapping):
                raise ConfigError(
                    f"the timeline entry in mkdocs.yml: expected options, got {options!r}",
                    hint="- timeline:\n      languages: [en]",
                )
            return dict(options)
    return None


def find_config_file(start: Path) -> Path | None:
    """The mkdocs.yml in ``start`` or the nearest folder above it."""
    for folder in (start, *start.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_settings(config_file: Path | None = None, *, start: Path | None = None) -> Settings:
    """Settings from mkdocs.yml (given, or found from ``start`` upwards), else defaults.

    Raises:
        ConfigError: the file cannot be read or its timeline options are invalid.
    """
    start = (start or Path.cwd()).resolve()
    config_file = config_file or find_config_file(start)
    if config_file is None:
        return Settings(root=start)
    options = plugin_options(read_mkdocs_config(config_file))
    timeline_options = {k: v for k, v in (options or {}).items() if k not in SITE_OPTIONS}
    return Settings.from_mapping(timeline_options, root=config_file.resolve().parent)


def read_mkdocs_config(config_file: Path) -> Mapping[str, Any]:
    """A parsed mkdocs.yml, without running any of its tags ({} when it is not a mapping).

    Raises:
        ConfigError: the file cannot be read or is not YAML.
    """
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read {config_file}: {error}") from None
    return config if isinstance(config, Mapping) else {}
