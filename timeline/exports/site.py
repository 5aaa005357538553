"""What exports need from mkdocs.yml beyond the timeline settings: site name and URL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from timeline.config import Settings, _ConfigLoader, find_config_file
from timeline.errors import ConfigError

DEFAULT_PAGES_DIR = "timeline"


@dataclass(frozen=True)
class Site:
    """The published site: its name, its absolute URL (when known) and the pages folder."""

    name: str | None = None
    url: str | None = None
    pages_dir: str = DEFAULT_PAGES_DIR
    author: str | None = None
    description: str | None = None

    @property
    def base(self) -> str | None:
        """The site URL ending in one slash, or None."""
        return self.url.rstrip("/") + "/" if self.url else None

    @property
    def host(self) -> str | None:
        return urlsplit(self.url).hostname if self.url else None

    def page_url(self, path: str) -> str | None:
        """The absolute URL of a path inside the site, or None without a site URL."""
        return self.base + path.lstrip("/") if self.base else None

    def event_url(self, event_id: str) -> str | None:
        """The absolute URL of an event's page: site_url + pages_dir + '/<id>/'."""
        return self.page_url(f"{self.pages_dir.strip('/')}/{event_id}/")

    def require_url(self, what: str) -> str:
        """The site URL, or a ConfigError saying ``what`` needs it."""
        if self.base is None:
            raise ConfigError(
                f"{what} needs absolute links, and mkdocs.yml has no site_url",
                hint="add `site_url: https://example.org/` to mkdocs.yml, or pass --site-url",
            )
        return self.base


def check_site_url(url: str) -> str:
    """A site URL as given, or ConfigError when it is not an absolute http(s) URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"site_url: expected an absolute http(s) URL, got {url!r}",
            hint="such as https://example.org/history/",
        )
    return url


def load_site(settings: Settings, config_file: Path | None = None) -> Site:
    """Site name, URL and pages folder from the project's mkdocs.yml (or none)."""
    config_file = config_file or find_config_file(settings.root)
    if config_file is None:
        return Site(pages_dir=_pages_dir(settings))
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read {config_file}: {error}") from None
    if not isinstance(config, Mapping):
        return Site(pages_dir=_pages_dir(settings))
    url = config.get("site_url")
    return Site(
        name=_text(config.get("site_name")),
        url=check_site_url(url) if isinstance(url, str) and url.strip() else None,
        pages_dir=_pages_dir(settings),
        author=_text(config.get("site_author")),
        description=_text(config.get("site_description")),
    )


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _pages_dir(settings: Settings) -> str:
    # The site plugin owns this setting; until it exists, pages live under timeline/.
    value = getattr(settings, "pages_dir", None)
    return value.strip("/") if isinstance(value, str) and value.strip("/") else DEFAULT_PAGES_DIR
