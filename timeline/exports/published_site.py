"""What exports need from mkdocs.yml beyond the timeline settings: site name and URL."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from timeline.config import (
    Settings,
    default,
    find_config_file,
    plugin_options,
    read_mkdocs_config,
)
from timeline.errors import ConfigError
from timeline.urls import absolute_url, event_src, page_url, site_base

DEFAULT_PAGES_DIR: str = default("pages_dir")


@dataclass(frozen=True)
class Site:
    """The published site: its name, its absolute URL (when known) and the pages folder."""

    name: str | None = None
    url: str | None = None
    pages_dir: str = DEFAULT_PAGES_DIR
    author: str | None = None
    description: str | None = None
    use_directory_urls: bool = True  # MkDocs' option: '<id>/' pages, else '<id>.html'

    @property
    def base(self) -> str | None:
        """The site URL ending in one slash, or None."""
        return site_base(self.url)

    @property
    def host(self) -> str | None:
        return urlsplit(self.url).hostname if self.url else None

    def page_url(self, src_uri: str) -> str | None:
        """The absolute URL of a file inside the site (``timeline/x.md`` is a page's)."""
        return absolute_url(self.url, page_url(src_uri, self.use_directory_urls))

    def event_url(self, event_id: str) -> str | None:
        """The absolute URL of an event's page: site_url + pages_dir + '/<id>/' (or '.html')."""
        return self.page_url(event_src(self.pages_dir, event_id))

    def index_url(self) -> str | None:
        """The absolute URL of the timeline's first page (pages_dir's index)."""
        return self.page_url(f"{self.pages_dir}/index.md")

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
    """Site name, URL, pages folder and URL style from the project's mkdocs.yml (or none)."""
    config_file = config_file or find_config_file(settings.root)
    if config_file is None:
        return Site()
    config = read_mkdocs_config(config_file)
    url = config.get("site_url")
    directory_urls = config.get("use_directory_urls", True)
    return Site(
        name=_text(config.get("site_name")),
        url=check_site_url(url) if isinstance(url, str) and url.strip() else None,
        # The setting read by its own check, as `check` and the build read it.
        pages_dir=Settings.from_mapping(
            plugin_options(config) or {}, root=config_file.parent
        ).pages_dir,
        author=_text(config.get("site_author")),
        description=_text(config.get("site_description")),
        use_directory_urls=directory_urls if isinstance(directory_urls, bool) else True,
    )


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
