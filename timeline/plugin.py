"""The `timeline` MkDocs plugin: thin hooks around the checker and the page builders.

Event text never goes through MkDocs' Markdown: each generated page is an empty
stub, and its HTML (built by ``timeline.render``) is put in place in
``on_page_content``. That keeps metadata parsing away from untrusted text, lets the
search plugin index the real content, and is the fast path.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import replace
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from timeline.config import DATE_ORDERS, SORT_ORDERS, Settings
from timeline.errors import TimelineError
from timeline.exports import LINK_LABELS, PUBLISHED
from timeline.history import FileHistory, read_history
from timeline.model import Timeline
from timeline.render.build import StagedBuild, edit_base_url, last_commit_time
from timeline.render.home import HOME_CHOICES, HOME_SRC, Home, fill_markers
from timeline.render.meta import insert_head
from timeline.render.pages import (
    SPLITS,
    GeneratedPage,
    SiteOptions,
    asset_files,
    build_pages,
)

log = get_plugin_logger(__name__)

# Plugin options that are timeline settings (the rest are about the site).
SETTINGS_OPTIONS = (
    "events_dir",
    "languages",
    "date_order",
    "sort",
    "locale",
    "require_sources",
    "allowed_tags",
    "drafts",
)


class TimelineConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of `plugins: - timeline:` in mkdocs.yml."""

    events_dir = c.Type(str, default="events")
    languages = c.ListOfItems(c.Type(str), default=["en"])
    date_order = c.Optional(c.Choice(DATE_ORDERS))
    sort = c.Choice(SORT_ORDERS, default="ascending")
    locale = c.Type(str, default="en")
    require_sources = c.Type(bool, default=False)
    allowed_tags = c.Optional(c.ListOfItems(c.Type(str)))
    drafts = c.Type(bool, default=False)
    # The site.
    pages_dir = c.Type(str, default="timeline")
    title = c.Type(str, default="Timeline")
    split = c.Choice(SPLITS, default="auto")
    split_threshold = c.Type(int, default=500)
    edit_url = c.Optional(c.Type(str))
    atomic = c.Type(bool, default=True)
    exports = c.Type(bool, default=True)
    history = c.Type(bool, default=True)
    home = c.Choice(HOME_CHOICES, default="latest")
    home_events = c.Type(int, default=10)


class TimelinePlugin(BasePlugin[TimelineConfig]):  # type: ignore[no-untyped-call]
    """Checks events/ and adds the timeline, event and index pages to the site."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.settings: Settings | None = None
        self.options = SiteOptions()
        self.pages: dict[str, GeneratedPage] = {}
        self.staged: StagedBuild | None = None
        self.set_epoch = False
        self.timeline: Timeline | None = None
        self.full_content: str | None = None
        self.home: Home | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(50)  # before other plugins read site_dir
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path or ".").resolve().parent
        self.settings = settings_from_config(self.config, root)
        self.options = site_options(self.config, config, root)
        self.timeline = check_events(self.settings)
        # MkDocs dates the sitemap with SOURCE_DATE_EPOCH, else the clock: use the last commit.
        # Set only after the checks: an error in on_config never reaches on_build_error,
        # which would have restored it.
        if "SOURCE_DATE_EPOCH" not in os.environ and (epoch := last_commit_time(root)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch
            self.set_epoch = True
        for asset in ("timeline.css", "timeline.js"):
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            uri = f"{self.options.pages_dir}/assets/{asset}"
            if uri not in target:
                target.append(uri)
        # `serve` builds into its own temporary folder; staging only guards real sites.
        if self.config.atomic and self.command != "serve":
            self.staged = StagedBuild.start(Path(config.site_dir), strict=bool(config.strict))
            config.site_dir = str(self.staged.staging)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.timeline is not None and self.settings is not None
        exports = published_exports(self.timeline, self.settings, self.options, config)
        for src_uri, content in exports.items():
            _replace(files, File.generated(config, src_uri, content=content))
        downloads = tuple(
            (LINK_LABELS[PUBLISHED[posixpath.basename(src_uri)]], posixpath.basename(src_uri))
            for src_uri in exports
        )
        built = build_pages(
            self.timeline, replace(self.options, downloads=downloads), self._history()
        )
        self.pages = {page.src_uri: page for page in built.pages}
        self.home = Home(self.timeline, self.options, self.config.home, self.config.home_events)
        if self.config.home != "none" and files.get_file_from_path(HOME_SRC) is None:
            # No docs/index.md: the site's home is the timeline, not a missing page.
            home_page = self.home.page()
            self.pages[home_page.src_uri] = home_page
            files.append(File.generated(config, home_page.src_uri, content=""))
        # Without a `nav:` MkDocs lists every page; a nav of 10,000 events makes each page
        # render it (quadratic). Only the timeline and its indexes may join that nav; an
        # explicit nav lists what it wants (NOT_IN_NAV pages can still be listed).
        auto_nav = config.nav is None
        for page in built.pages:
            listed = auto_nav and page.in_nav
            inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
            _replace(files, File.generated(config, page.src_uri, content="", inclusion=inclusion))
        for src_uri, text in built.data.items():
            _replace(files, File.generated(config, src_uri, content=text))
        for name, content in asset_files().items():
            src_uri = f"{self.options.pages_dir}/assets/{name}"
            _replace(files, File.generated(config, src_uri, content=content))
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        if config.nav is None:
            group_timeline_nav(nav, self.options.pages_dir, files)
        return nav

    def _history(self) -> dict[str, FileHistory] | None:
        """Each event file's git history (one `git log`), or None with `history: false`."""
        assert self.settings is not None
        if not self.config.history:
            return None
        history = read_history(self.settings.root, self.settings.events_dir)
        if not history:
            log.info("no git history for the event files: event pages show no dates of change")
        return history

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # Themes print titles unescaped (Markdown titles arrive as HTML): escape ours.
            page.meta["title"] = str(escape(generated.title))
            if generated.description:
                # Themes print page.meta.description as <meta name="description">, unescaped.
                page.meta["description"] = str(escape(generated.description))
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            # A hand-written page may show the home block where it has the marker.
            return fill_markers(html, self.home, page.file.src_uri) if self.home else html
        page.toc = get_toc(
            [{"level": e.level, "id": e.id, "name": e.title, "children": []} for e in generated.toc]
        )
        # MkDocs would point "edit" at a Markdown file that does not exist.
        page.edit_url = generated.edit_url
        return generated.html

    @event_priority(100)  # before the search plugin reads page.content
    def _shrink_for_search(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None and not generated.searchable:
            # Lists repeat the event pages' text; indexing it again would double the
            # search index and the build time. Search sees the title only.
            self.full_content = page.content
            page.content = f"<h1>{escape(generated.title)}</h1>"
        return context

    @event_priority(-100)  # after the search plugin, before the theme renders the page
    def _restore_after_search(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        return context

    on_page_context = CombinedEvent(_shrink_for_search, _restore_after_search)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        # Themes have no hook for a plugin's <head> tags (extrahead is for a user's own
        # theme override, which ours would shadow), and page.meta carries only the
        # fields each theme knows: insert the finished tags before </head>.
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return output
        return insert_head(output, generated.head, generated.description)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        if self.settings is not None:
            server.watch(str(self.settings.events_path))
            from timeline.sources import sources_path

            if sources_path(self.settings).is_dir():
                server.watch(str(sources_path(self.settings)))
        return server

    @event_priority(-100)  # last: after search and others have written their files
    def on_post_build(self, *, config: Any) -> None:
        if self.staged is not None:
            # Point site_dir back at the real folder (gh-deploy publishes it after the build).
            config.site_dir = str(self.staged.finish())
            log.info(f"the new site is in {config.site_dir}")
            self.staged = None
        self._restore_epoch()

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            self.staged.abandon()
            self.staged = None
        self._restore_epoch()

    def _restore_epoch(self) -> None:
        if self.set_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.set_epoch = False


# The generated pages of the nav, in the order the Timeline section lists them.
NAV_ORDER: tuple[str, ...] = ("index.md", "tags/index.md", "actors/index.md", "places/index.md")
NAV_ORDER += ("years/index.md", "changes/index.md")


def group_timeline_nav(nav: Any, pages_dir: str, files: Files) -> None:
    """Make MkDocs' automatic nav show the generated pages as ONE section, in our order.

    From folders MkDocs makes "Timeline ▸ Tags ▸ Tags": a section per index page.
    Each one-page section becomes that page, our pages come first in NAV_ORDER, and
    the previous/next links and parents follow the new order.
    """
    # MkDocs' own helpers for parents and previous/next links (private; mkdocs<1.7 is pinned).
    from mkdocs.structure.nav import Section, _add_parent_links, _add_previous_and_next_links
    from mkdocs.structure.pages import Page

    index = files.get_file_from_path(posixpath.join(pages_dir, "index.md"))
    section = index.page.parent if index is not None and index.page is not None else None
    if section is None:
        return  # the timeline page is not in a section of its own (a custom layout)
    ours = {posixpath.join(pages_dir, name): rank for rank, name in enumerate(NAV_ORDER)}

    def flattened(item: Any) -> Any:
        if isinstance(item, Section) and len(item.children) == 1:
            return flattened(item.children[0])
        return item

    children = [flattened(child) for child in section.children]
    section.children = sorted(
        children,
        key=lambda item: (
            ours.get(item.file.src_uri, len(ours)) if isinstance(item, Page) else len(ours)
        ),
    )
    _add_parent_links(nav.items)
    nav.pages = [item for item in _walk(nav.items) if isinstance(item, Page)]
    _add_previous_and_next_links(nav.pages)


def _walk(items: list[Any]) -> Any:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def _replace(files: Files, file: File) -> None:
    """Add a generated file; a hand-written file at the same place gives way, with a warning."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"the timeline page {file.src_uri!r} replaces docs/{file.src_uri}")
        files.remove(existing)
    files.append(file)


def settings_from_config(options: TimelineConfig, root: Path) -> Settings:
    """The timeline settings from the plugin options, validated like the CLI's."""
    try:
        return Settings.from_mapping({name: options[name] for name in SETTINGS_OPTIONS}, root=root)
    except TimelineError as error:
        raise PluginError(error.format_message()) from None


def site_options(options: TimelineConfig, config: Any, root: Path) -> SiteOptions:
    if options.split_threshold < 1:
        raise PluginError("timeline: split_threshold must be 1 or more")
    if options.home_events < 0:
        raise PluginError(f"timeline: home_events must be 0 or more, got {options.home_events}")
    pages_dir = options.pages_dir.strip("/")
    if not pages_dir or ".." in pages_dir.split("/"):
        raise PluginError(
            f"timeline: pages_dir must be a folder inside the site, got {pages_dir!r}"
        )
    edit_url = options.edit_url or edit_base_url(
        config.repo_url, config.edit_uri, Path(config.docs_dir), root
    )
    return SiteOptions(
        pages_dir=pages_dir,
        title=options.title,
        split=options.split,
        split_threshold=options.split_threshold,
        use_directory_urls=bool(config.use_directory_urls),
        locale=options.locale,
        edit_url=edit_url,
        exports=options.exports,
        site_url=config.site_url or None,
        site_name=config.site_name or None,
    )


def published_exports(
    timeline: Timeline, settings: Settings, options: SiteOptions, config: Any
) -> dict[str, bytes]:
    """The export files published beside the pages (none with `exports: false`)."""
    if not options.exports:
        return {}
    from timeline.exports import publish_all

    return publish_all(
        timeline,
        settings,
        config.site_url or None,
        site_name=config.site_name,
        pages_dir=options.pages_dir,
        use_directory_urls=options.use_directory_urls,
    )


def check_events(settings: Settings) -> Timeline:
    """The checked timeline; every problem stops the build, listed as `timeline check` does."""
    from timeline.check import check_paths

    result = check_paths(settings)
    for problem in result.warnings:
        log.warning(problem.format())
    if result.timeline is None:
        listing = "\n".join(problem.format() for problem in result.errors)
        raise PluginError(
            f"{len(result.errors)} problem(s) in the event files; the site was not built:\n"
            f"{listing}"
        )
    return result.timeline
