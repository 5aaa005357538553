"""The `timeline` MkDocs plugin: thin hooks around the checker and the page builders.

Event text never goes through MkDocs' Markdown: each generated page is an empty
stub, and its HTML (built by ``timeline.render``) is put in place in
``on_page_content``. That keeps metadata parsing away from untrusted text, lets the
search plugin index the real content, and is the fast path.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import os
import posixpath
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import Field, dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

if TYPE_CHECKING:
    import jinja2
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure import StructureItem
    from watchdog.events import FileSystemEvent

    from timeline.serve import LiveSite

from timeline import workers
from timeline.config import Settings, check_option, options_table
from timeline.dates.display import DisplayCalendar, calendar_for
from timeline.errors import TimelineError
from timeline.exports import LINK_LABELS, PUBLISHED
from timeline.history import FileHistory, read_history
from timeline.model import Timeline
from timeline.render.home import HOME_MARKER, HOME_SRC, Home, fill_markers
from timeline.render.languages import (
    LanguageVersion,
    language_settings,
    translated_timeline,
    versions,
    with_versions,
)
from timeline.render.meta import insert_head
from timeline.render.pages import (
    GeneratedPage,
    SiteOptions,
    SitePages,
    asset_files,
    build_pages,
    event_pages,
)
from timeline.render.search import (
    SCRIPT,
    drop_from_lunr,
    indexed_body,
    pagefind_binary,
    run_pagefind,
    search_script,
)
from timeline.render.staging import (
    StagedBuild,
    edit_base_url,
    last_commit_time,
    source_date_epoch,
)
from timeline.serve import READS, with_problem_banner
from timeline.workers import HelperFailed, PageHelper

log = get_plugin_logger(__name__)


# With the helper process (_start_helper): the template of each page it may write. It is
# the theme's page template where this process writes the page, else an empty one.
PAGE_TEMPLATE = "timeline-page.html"
EMPTY_TEMPLATE = "timeline-written-elsewhere.html"
ELSEWHERE = "timeline_written_elsewhere"
CHOOSING = f'{{% extends "{EMPTY_TEMPLATE}" if {ELSEWHERE} else "main.html" %}}'


class _Setting(base.BaseConfigOption[Any]):
    """A plugin option checked by its setting's own check (the CLI runs the same one)."""

    def __init__(self, option: Field[Any]) -> None:
        super().__init__()
        self.option = option
        self.default = option.default

    def run_validation(self, value: object) -> Any:
        if value is None:
            return self.default
        try:
            return check_option(self.option, value)
        except ValueError as error:
            raise base.ValidationError(str(error)) from None


class TimelineConfig(base.Config):  # type: ignore[no-untyped-call]
    """Options of `plugins: - timeline:` in mkdocs.yml: one per field of `Settings`."""

    # base.Config collects its schema from `_schema` first: the settings table is it.
    _schema = tuple((option.name, _Setting(option)) for option in options_table())
    written: frozenset[str] = frozenset()  # the options mkdocs.yml gives (not defaulted)

    def load_dict(self, patch: dict[str, Any]) -> None:
        self.written = self.written | frozenset(patch)
        super().load_dict(patch)


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
        self.epoch_before: str | None = None
        self.timeline: Timeline | None = None
        # Under `serve` (one plugin instance for the whole session): the last timeline
        # that passed the checks, and the problems of the files while they are broken.
        self.last_good: Timeline | None = None
        self.serve_problems: str | None = None
        # `serve` puts the banner into each page as it sends it (not into the files).
        self.banner_when_served = False
        self.full_content: str | None = None
        self.home: Home | None = None
        self.versions: tuple[LanguageVersion, ...] = ()
        # How the event pages are searched in this build (the `search` setting, or
        # `mkdocs` when Pagefind is missing), and the pages to take out of Lunr's index.
        self.search = "mkdocs"
        self.pagefind: Path | None = None
        self.unsearched: set[str] = set()
        # Under `serve`: what a rebuild after an edit to events/ reuses (timeline/serve.py).
        self.live: LiveSite | None = None
        self.observer: Any = None  # under `serve`: the native watch of the data folders
        self.pages_exports: tuple[str, ...] = ()  # src_uris of the exports of the last build
        # `mkdocs build` on two cores (timeline/workers.py): the helper process, the nav
        # MkDocs writes pages with, and the pages the helper wrote.
        self.helper: PageHelper | None = None
        self.nav: Navigation | None = None
        self.elsewhere: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(50)  # before other plugins read site_dir
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        with plugin_errors():
            return self._configure(config)

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.settings = settings = site_language(
            settings_from_config(self.config, root), self.config, config
        )
        self.options = site_options(settings, config, root)
        if not settings.allow_outside_links:
            refuse_outside_links(root, Path(config.docs_dir), self.settings.events_path)
        self.timeline = self._checked_timeline(self.settings)
        self._date_the_build(root)
        self.search = self._search_mode(settings.search)
        # Every section's pages load the site's scripts: the ticks' when any section needs them.
        sections = [settings, *(language_settings(settings, t) for t in settings.translations)]
        calendars = {calendar_for(s.display_calendar, s.locale) for s in sections}
        calendar = ["calendar-ticks.js"] if calendars != {"gregorian"} else []
        assets = ["timeline.css", "timeline.js", *calendar, "axis.js"]
        if self.search == "pagefind":
            assets.append(SCRIPT)
        for asset in assets:
            target = config.extra_css if asset.endswith(".css") else config.extra_javascript
            uri = f"{self.options.pages_dir}/assets/{asset}"
            if uri not in target:
                target.append(uri)
        # `serve` builds into its own temporary folder; staging only guards real sites.
        if settings.atomic and self.command != "serve":
            try:
                self.staged = StagedBuild.start(
                    Path(config.site_dir), strict=bool(config.strict), say=log.info
                )
            except BaseException:
                self._restore_epoch()  # on_build_error is not called for on_config
                raise
            config.site_dir = str(self.staged.staging)
        return config

    def _search_mode(self, wanted: str) -> str:
        """`pagefind`, `mkdocs` or `none`: what this build does for the event pages' search."""
        self.unsearched = set()
        if wanted != "pagefind":
            return wanted
        self.pagefind = pagefind_binary()
        if self.pagefind is None:
            log.warning(
                "search: pagefind: the Pagefind program was not found (install "
                "`pagefind[bin]`, or set PAGEFIND_BINARY_PATH); the theme's search indexes "
                "the event pages instead (as with `search: mkdocs`)"
            )
            return "mkdocs"
        if self.command == "serve":
            log.info(
                "search: pagefind: `mkdocs serve` does not index the event pages (that "
                "would slow every rebuild); `mkdocs build` does"
            )
        return "pagefind"

    def _checked_timeline(self, settings: Settings) -> Timeline:
        """The checked timeline; under `serve`, the last good one while files are broken."""
        self.serve_problems = None
        if self.command != "serve":
            return timeline_for_build(settings)
        try:
            timeline = timeline_for_build(settings, read=self._live().reader)
        except PluginError as error:
            # A rebuild that raised would leave the dev server holding every request
            # until the files are fixed: keep serving the last good timeline instead.
            log.error(str(error))
            listing = str(error).replace("; the site was not built:", ":", 1)
            if self.last_good is None:
                self.serve_problems = f"No good build yet: the timeline is empty.\n{listing}"
                return Timeline.build([], descending=settings.descending)
            self.serve_problems = f"This is the last good build of the timeline.\n{listing}"
            return self.last_good
        self.last_good = timeline
        return timeline

    def _date_the_build(self, root: Path) -> None:
        """MkDocs dates the sitemap with SOURCE_DATE_EPOCH, else the clock: use the last commit.

        Called only after the checks: an error in on_config never reaches on_build_error,
        which would have restored the variable.
        """
        given = os.environ.get("SOURCE_DATE_EPOCH")
        try:
            epoch = source_date_epoch(given)
        except ValueError as error:
            raise PluginError(f"timeline: {error}") from None
        if epoch is not None:
            return
        self.epoch_before = given
        self.set_epoch = True
        if commit := last_commit_time(root):
            os.environ["SOURCE_DATE_EPOCH"] = commit
        else:
            # Set but empty: MkDocs would fail on int(''); empty means unset.
            os.environ.pop("SOURCE_DATE_EPOCH", None)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        with plugin_errors():
            return self._add_files(files, config)

    def _add_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.timeline is not None
        if self.live is not None:
            self.live.starting()
        output = self.output(self.timeline, config, docs_home=files.get_file_from_path(HOME_SRC))
        for file in output.files(config):
            _replace(files, file)
        return files

    def output(
        self,
        timeline: Timeline,
        config: MkDocsConfig,
        *,
        docs_home: Any,
        exports: Mapping[str, bytes] | None = None,
    ) -> Output:
        """Every page and file the timeline adds to the site, and sets the hooks' state.

        ``exports`` given (the previous build's, by `serve`) are not made again here.
        """
        assert self.settings is not None
        settings = self.settings
        made: Mapping[str, bytes | Callable[[], Iterator[bytes]]]
        if exports is not None:
            made = exports
        elif self.command == "serve":
            made = published_exports(timeline, settings, self.options, config)
        else:
            # A build makes each export as it writes it and keeps none (timeline.json
            # alone is 200 MB at 100,000 events); the helper process writes them if any.
            made = export_makers(timeline, settings, self.options, config)
        memo = self._live().memo if self.command == "serve" else None
        sections = self._sections(timeline, config, made)
        history = self._history()
        # The serve memo holds the default language's pages; other sections are remade.
        # A build makes each event page's HTML as it writes the page (on_page_context):
        # held all at once they were most of the memory at 100,000 events. Under `serve`
        # the memo keeps pages between rebuilds; language versions rework them first.
        lazy = self.command != "serve" and len(sections) == 1
        built_sections = [
            build_pages(
                section,
                options,
                history,
                memo=memo if number == 0 else None,
                lazy=lazy,
            )
            for number, (section, options) in enumerate(sections)
        ]
        if len(sections) > 1:
            # Each version's pages say their language; event pages link their versions.
            built_sections = [
                with_versions(built, section, options, version.language)
                for built, (section, options), version in zip(
                    built_sections, sections, sections[0][1].versions, strict=True
                )
            ]
        built = SitePages(
            tuple(page for section in built_sections for page in section.pages),
            built_sections[0].site,  # the default language's: the home page's
            {k: v for section in built_sections for k, v in section.data.items()},
        )
        self.versions = sections[0][1].versions
        self.home = Home(built.site, settings.home, settings.home_events)
        home_page = None
        if settings.home != "none" and docs_home is None:
            # No docs/index.md: the site's home is the timeline, not a missing page.
            home_page = self.home.page()
        data: dict[str, str | bytes | Callable[[], str]] = dict(built.data)
        for version in self.versions[1:]:
            # A language section's embed page is standalone: it links its own assets.
            if self.options.embed:
                for name, content in asset_files().items():
                    data[f"{version.pages_dir}/assets/{name}"] = content
        if self.search == "pagefind":
            data[f"{self.options.pages_dir}/assets/{SCRIPT}"] = search_script(
                self.options.pages_dir
            )
        output = Output(
            made, home_page, built.pages, data, config.nav is None, self.options.pages_dir
        )
        self.pages = output.pages
        self.pages_exports = tuple(output.exports)
        return output

    def _sections(
        self, timeline: Timeline, config: MkDocsConfig, exports: Mapping[str, object]
    ) -> list[tuple[Timeline, SiteOptions]]:
        assert self.settings is not None
        downloads = tuple(
            (LINK_LABELS[PUBLISHED[posixpath.basename(src_uri)]], posixpath.basename(src_uri))
            for src_uri in exports
        )
        options = replace(self.options, downloads=downloads)
        return language_sections(timeline, self.settings, options, config)

    def event_pages(
        self, timeline: Timeline, config: MkDocsConfig, exports: Mapping[str, bytes]
    ) -> dict[str, GeneratedPage] | None:
        """`serve`: the event pages alone, before the rest (None: a site in several
        languages, whose pages link their versions: output makes them all at once)."""
        sections = self._sections(timeline, config, exports)
        if len(sections) != 1:
            return None
        section, options = sections[0]
        history = self._history(quiet=True)
        return event_pages(section, options, history, self._live().memo)

    def _group_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if config.nav is None:
            group_timeline_nav(nav, self.options.pages_dir, files)
            for version in self.versions[1:]:
                group_timeline_nav(nav, version.pages_dir, files)
                name_language_section(nav, version, files)
        return nav

    @event_priority(-100)  # last: the nav MkDocs writes the pages with
    def _keep_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    on_nav = CombinedEvent(_group_nav, _keep_nav)

    def published(self, timeline: Timeline, config: MkDocsConfig) -> dict[str, bytes]:
        """This build's export files for ``timeline`` (timeline/serve.py remakes them)."""
        assert self.settings is not None
        return published_exports(timeline, self.settings, self.options, config)

    def _history(self, *, quiet: bool = False) -> dict[str, FileHistory] | None:
        """Each event file's git history (one `git log`), or None with `history: false`."""
        assert self.settings is not None
        if not self.settings.history:
            return None
        if self.command == "serve":
            # Commits alone change it: `git log` again only when HEAD has moved.
            history = self._live().history.read(self.settings.root, self.settings.events_dir)
        else:
            history = read_history(self.settings.root, self.settings.events_dir)
        if not history and not quiet:
            log.info("no git history for the event files: event pages show no dates of change")
        return history

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if page.file.src_uri in self.pages:
            # A generated page's Markdown is empty and its HTML comes in on_page_content:
            # MkDocs would still build a Markdown converter with every extension for it
            # (about a fifth of the time per page at 20,000 events). Same result, no work.
            # The class, not an attribute: one more attribute on a Page gave it a dict of
            # its own, 1 KB a page (100 MB at 100,000 events).
            page.__class__ = _GeneratedPage
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # Themes print titles unescaped (Markdown titles arrive as HTML): escape ours.
            page.meta["title"] = str(escape(generated.title))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            if self.live is not None and HOME_MARKER in html:
                self.live.marked.add(page.file.src_uri)  # shows events: redone after edits
            # A hand-written page may show the home block where it has the marker.
            return fill_markers(html, self.home, page.file.src_uri) if self.home else html
        page.toc = _toc(generated)
        # MkDocs would point "edit" at a Markdown file that does not exist.
        page.edit_url = generated.edit_url
        if generated.make is not None:
            return ""  # made when the page is written (_shrink_for_search)
        html = generated.html
        if self.command != "serve":
            # From here MkDocs holds the page's HTML (page.content); our copy is not needed
            # again, and 100,000 of them would double the build's memory.
            self.pages[page.file.src_uri] = replace(generated, html="")
        if self.search == "pagefind" and generated.searchable:
            return indexed_body(html)
        return html

    @event_priority(100)  # before the search plugin reads page.content
    def _shrink_for_search(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.live is not None:
            self.live.before_search(page, nav)
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            return context
        if self.helper is not None and page.file.src_uri in self.helper.index:
            elsewhere = not self.helper.claim(page.file.src_uri)
            context[ELSEWHERE] = elsewhere  # type: ignore[literal-required]
            if elsewhere:
                self._written_elsewhere(page, generated)
                return context
        if generated.make is not None:
            generated = self._make_page(page, generated)
        if generated.description:
            # Themes print page.meta.description as <meta name="description">, unescaped.
            # Put in as the page is rendered (and out after), not kept for every page.
            page.meta["description"] = str(escape(generated.description))
        if not generated.searchable:
            # Lists repeat the event pages' text; indexing it again would double the
            # search index and the build time. Search sees the title only.
            self.full_content = page.content
            page.content = f"<h1>{escape(generated.title)}</h1>"
        elif self.search != "mkdocs":
            # Pagefind has the event pages (or `search: none`): each one in Lunr's index
            # would make every reader download every event's text. Emptied here so the
            # search plugin does no work for them; its entries go after the build.
            self.full_content = page.content
            page.content = ""
            self.unsearched.add(page.url)
        return context

    def _written_elsewhere(self, page: Page, lazy: GeneratedPage) -> None:
        """The helper process writes this page: here it is rendered empty, written nowhere,
        and shown to search as the helper shows it (see _shrink_for_search)."""
        self.elsewhere.add(page.file.src_uri)
        page.file.abs_dest_path = os.devnull
        if not lazy.searchable:
            page.content = f"<h1>{escape(lazy.title)}</h1>"
        else:
            page.content = ""
            self.unsearched.add(page.url)

    def _make_page(self, page: Page, lazy: GeneratedPage) -> GeneratedPage:
        """A lazy page's HTML made now, as on_page_content puts an eager page's in place."""
        assert lazy.make is not None
        made = lazy.make()
        page.toc = _toc(made)
        searched = self.search == "pagefind" and made.searchable
        page.content = indexed_body(made.html) if searched else made.html
        made = replace(made, html="")
        self.pages[page.file.src_uri] = made
        return made

    @event_priority(-100)  # after the search plugin, before the theme renders the page
    def _restore_after_search(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        if self.full_content is not None:
            page.content, self.full_content = self.full_content, None
        if self.live is not None:
            self.live.after_search(page)
        return context

    on_page_context = CombinedEvent(_shrink_for_search, _restore_after_search)

    @event_priority(-100)  # last: the environment pages are rendered with
    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        if self.live is not None:
            self.live.built(config, files, env)
        elif self._two_cores(config):
            self._start_helper(env, config, files)
        return env

    def _two_cores(self, config: MkDocsConfig) -> bool:
        """Whether this build may write pages in a second process (timeline/workers.py)."""
        if (
            self.command == "serve"
            or not self.settings
            or not self.settings.parallel
            or self.search == "mkdocs"
        ):
            return False  # Lunr's index needs every page's text in this process
        # Another plugin's hooks would see a helper's page in the helper, and what they
        # keep from it would be lost: only MkDocs' own search is known to keep nothing.
        others = set(config.plugins) - {"timeline", "search"}
        if others:
            log.debug(f"pages written in one process: other plugins ({', '.join(sorted(others))})")
            return False
        return True

    def _start_helper(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> None:
        import jinja2
        from mkdocs.commands.build import _build_page

        if self.nav is None:
            return
        documents = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages = [
            file.page
            for file in documents
            if file.page is not None
            and (generated := self.pages.get(file.src_uri)) is not None
            and generated.make is not None
        ]
        write = functools.partial(
            _build_page, config=config, doc_files=documents, nav=self.nav, env=env
        )
        # As MkDocs' copy_static_files: what exclude_docs or draft_docs left out stays out.
        made = [
            file
            for file in files
            if isinstance(file, MadeFile) and file.inclusion.is_included()  # type: ignore[no-untyped-call]
        ]
        first = [file.copy_file for file in made]
        self.helper = PageHelper.start(pages, lambda page: page.file.src_uri, write, first)
        if self.helper is None:
            return
        for file in made:
            file.elsewhere = True  # the helper makes them before it takes pages
        # Here each of those pages extends the theme's template, or (written by the
        # helper) an empty one: MkDocs picks the template before on_page_context.
        ours = jinja2.DictLoader({PAGE_TEMPLATE: CHOOSING, EMPTY_TEMPLATE: "-"})
        env.loader = jinja2.ChoiceLoader([ours, env.loader] if env.loader else [ours])
        for page in pages:
            page.meta["template"] = PAGE_TEMPLATE

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        if self.settings is not None:
            from timeline.serve import (
                data_folders,
                native_observer,
                serve_incrementally,
                show_problems_when_served,
            )

            folders = data_folders(self.settings)
            self.banner_when_served = show_problems_when_served(server, self)
            self.observer = native_observer()
            recorder = serve_incrementally(server, self, builder, folders)
            # The native watcher reports every change: the quick rebuild reads only those
            # files again. MkDocs' polling (no native watcher) does not tell which.
            record = recorder.record_data if self.observer is not None else None
            for folder in folders:
                # events/, and eras/, places/, sources/ beside it, re-armed the same way.
                watch_events(server, folder, self.observer, record)
            if self.observer is not None:
                self.observer.start()
        return server

    def on_shutdown(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer = None

    def _live(self) -> LiveSite:
        """What this `serve` session keeps between rebuilds (made on first use)."""
        if self.live is None:
            from timeline.serve import LiveSite

            self.live = LiveSite()
        return self.live

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.elsewhere:
            page.content = None
            return output  # written by the helper process, head and all
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            if self.command != "serve":
                # The page is rendered; MkDocs keeps every page's content to the end of the
                # build, which at 100,000 events is most of its memory. Search (Lunr) read
                # it in on_page_context, Pagefind reads the written files.
                page.content = None
                page.meta.pop("description", None)
            # Themes have no hook for a plugin's <head> tags (extrahead is for a user's
            # own theme override, which ours would shadow), and page.meta carries only
            # the fields each theme knows: insert the finished tags before </head>.
            output = insert_head(output, generated.head, generated.description)
            if self.command != "serve" and generated.head:
                self.pages[page.file.src_uri] = replace(generated, head="")
        if self.serve_problems is None or self.banner_when_served:
            return output
        return with_problem_banner(output, self.serve_problems)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # 404.html too: the page a removed event's address shows while files are broken.
        # (Made again when the banner changes: timeline/serve.py, finish_update.)
        if self.serve_problems is None or not template_name.endswith(".html"):
            return output_content
        return with_problem_banner(output_content, self.serve_problems)

    @event_priority(100)  # first: the others read the finished pages
    def _wait_for_helper(self, *, config: MkDocsConfig) -> None:
        helper, self.helper = self.helper, None
        self.elsewhere = set()
        if helper is not None:
            try:
                helper.wait()
            except HelperFailed as error:
                raise PluginError(f"the second process writing pages failed: {error}") from None

    @event_priority(-100)  # last: after search and others have written their files
    def _finish_build(self, *, config: MkDocsConfig) -> None:
        with plugin_errors():
            self._index_for_search(Path(config.site_dir))
        if self.live is not None:
            self.live.finished(self.pages, self.serve_problems, self.pages_exports)
        if self.staged is not None:
            # Point site_dir back at the real folder (gh-deploy publishes it after the build).
            # A large previous site is deleted by a process of its own, not waited for,
            # when a person is waiting (a script or CI may copy the folder next).
            large = len(self.pages) >= workers.LEAST_PAGES and sys.stderr.isatty()
            config.site_dir = str(self.staged.finish(in_background=large))
            log.info(f"the new site is in {config.site_dir}")
            self.staged = None
        self._restore_epoch()

    on_post_build = CombinedEvent(_wait_for_helper, _finish_build)

    def _index_for_search(self, site: Path) -> None:
        """Pagefind over the finished (staged) site, and the event pages out of Lunr's index."""
        drop_from_lunr(site, self.unsearched)
        self.unsearched = set()
        if self.search == "pagefind" and self.pagefind is not None and self.command != "serve":
            run_pagefind(self.pagefind, site, self.options.pages_dir)

    def on_build_error(self, *, error: Exception) -> None:
        if self.helper is not None:
            self.helper.stop()
            self.helper = None
        if self.staged is not None:
            self.staged.abandon()
            self.staged = None
        self._restore_epoch()

    def _restore_epoch(self) -> None:
        if self.set_epoch:
            if self.epoch_before is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = self.epoch_before
            self.set_epoch = False


# The generated pages of the nav, in the order the Timeline section lists them.
NAV_ORDER: tuple[str, ...] = ("index.md", "tags/index.md", "actors/index.md", "places/index.md")
NAV_ORDER += ("map.md", "years/index.md", "changes/index.md")


def group_timeline_nav(nav: Navigation, pages_dir: str, files: Files) -> None:
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

    def flattened(item: StructureItem) -> StructureItem:
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


def name_language_section(nav: Navigation, version: LanguageVersion, files: Files) -> None:
    """MkDocs titles the folder `fa/` "Fa": the section takes the language's own name."""
    index = files.get_file_from_path(posixpath.join(version.pages_dir, "index.md"))
    page = index.page if index is not None else None
    section = page.parent if page is not None else None
    # The timeline's section (fa/timeline/), then the language's folder around it (fa/).
    if section is not None and section.parent is not None:
        section = section.parent
    if section is None:
        return
    section.title = version.name
    # MkDocs orders folders by name ('fa' before 'timeline'): the languages come last,
    # and the previous/next links follow the new order.
    if section in nav.items:
        from mkdocs.structure.nav import _add_previous_and_next_links

        nav.items.remove(section)
        nav.items.append(section)
        nav.pages = [item for item in _walk(nav.items) if isinstance(item, Page)]
        _add_previous_and_next_links(nav.pages)


def _walk(items: list[StructureItem]) -> Iterator[StructureItem]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])


def refuse_outside_links(root: Path, docs_dir: Path, events: Path) -> None:
    """PluginError naming every file or folder that MkDocs would publish from outside ``root``.

    MkDocs follows symbolic links in docs_dir (mkdocs#4028), and a pull request can carry
    one: `docs/env.txt -> /proc/self/environ` would publish the build's environment.
    """
    root = root.resolve()
    refused = [
        f"{_shown(folder, root)} (the {what}) is outside the project: {folder.resolve()}"
        for what, folder in (("docs_dir", docs_dir), ("events folder", events))
        if not _inside(folder, root)
    ]
    if _inside(docs_dir, root):
        refused += [
            f"{_shown(link, root)} is a symbolic link to {reason}"
            for link, reason in outside_links(docs_dir, root)
        ]
    if refused:
        raise PluginError(
            "timeline: refusing to publish files from outside the project (or links that "
            "loop):\n  "
            + "\n  ".join(refused)
            + "\nhint: copy what the site needs into the project, or set "
            "`allow_outside_links: true` under the timeline plugin in mkdocs.yml if "
            "publishing these is intended"
        )


def outside_links(folder: Path, root: Path) -> list[tuple[Path, str]]:
    """Links under ``folder`` (followed when they stay inside) that leave ``root`` or loop."""
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    # Breadth first, names sorted: a folder is reported by its shortest path.
    pending = collections.deque([folder])
    while pending:
        current = pending.popleft()
        real_folder = current.resolve()
        if real_folder in seen:
            continue  # reached again through a link: checked once is enough, and no loop
        seen.add(real_folder)
        try:
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            continue  # MkDocs reports what it cannot read
        for entry in entries:
            path = Path(entry.path)
            try:
                if entry.is_symlink():
                    real = path.resolve(strict=False)
                    if not real.is_relative_to(root):
                        found.append((path, f"{real}, outside the project"))
                    elif real.is_dir() and real_folder.is_relative_to(real):
                        # MkDocs walks links to folders: one to a folder above it would
                        # make it walk loop/loop/loop/… until the path is too long.
                        found.append((path, f"{real}, a folder that contains it (a loop)"))
                    elif real.is_dir():
                        pending.append(path)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(path)
            except (OSError, RuntimeError):  # RuntimeError: a loop of links
                found.append((path, "itself through other links (a loop)"))
    return sorted(found)


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root)


def _shown(path: Path, root: Path) -> str:
    absolute = Path(os.path.abspath(path))
    return absolute.relative_to(root).as_posix() if absolute.is_relative_to(root) else str(path)


def watch_events(
    server: LiveReloadServer,
    events: Path,
    observer: Any = None,
    record: Callable[[Any], None] | None = None,
) -> None:
    """Watch the events folder, and keep watching it when it is removed and made again.

    A watch follows the folder itself; once it is deleted the watch is dead, so the
    parent folder is watched too (not recursively) to re-arm it. With ``observer``
    (a native watchdog observer) the folder is watched there instead of by MkDocs'
    polling observer, which stats every file twice a second (timeline/serve.py), and
    ``record`` is told of each of its events (the quick rebuild reads only those files).
    """
    import watchdog.events

    path = os.path.abspath(events)
    watches: dict[str, Any] = {}

    def want_rebuild(event: Any = None) -> None:
        if event is not None and event.event_type in READS:
            return  # the rebuild reading the files: no change (else it would loop)
        if event is not None and record is not None:
            record(event)
        if event is not None and event.is_directory and event.event_type == "modified":
            return  # a file event comes with it
        condition = getattr(server, "_rebuild_cond", None)
        if condition is not None:
            with condition:
                server._want_rebuild = True
                condition.notify_all()

    def arm() -> None:
        if observer is None:
            if path in getattr(server, "_watched_paths", {}):
                with contextlib.suppress(KeyError, OSError):
                    server.unwatch(path)
            server.watch(path)
            return
        if "folder" in watches:
            with contextlib.suppress(KeyError, OSError):
                observer.unschedule(watches.pop("folder"))
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = want_rebuild  # type: ignore[method-assign]
        watches["folder"] = observer.schedule(handler, path, recursive=True)

    if os.path.isdir(path):
        arm()

    def rearm(event: FileSystemEvent) -> None:
        touched = {os.path.abspath(os.fsdecode(event.src_path))}
        if dest := getattr(event, "dest_path", ""):
            touched.add(os.path.abspath(os.fsdecode(dest)))
        if path not in touched or event.event_type not in ("created", "moved", "deleted"):
            return
        if event.event_type != "deleted" and os.path.isdir(path):
            arm()
        # A folder removed or moved away changes the site (its events are gone) without a
        # file event MkDocs reacts to, and files copied into a new folder before the watch
        # was armed were not seen: ask for a rebuild, as MkDocs' own watch callback does.
        want_rebuild(event)

    parent_observer = observer if observer is not None else getattr(server, "observer", None)
    if parent_observer is None:  # not MkDocs' LiveReloadServer: nothing to re-arm with
        return
    handler = watchdog.events.FileSystemEventHandler()
    handler.on_any_event = rearm  # type: ignore[method-assign]
    parent_observer.schedule(handler, os.path.dirname(path), recursive=False)


@dataclass(frozen=True)
class Output:
    """What the timeline adds to one build: exports, pages, data files, in the files' order."""

    exports: Mapping[str, bytes | Callable[[], Iterator[bytes]]]  # made as written, in a build
    home_page: GeneratedPage | None
    built_pages: tuple[GeneratedPage, ...]
    data: Mapping[str, str | bytes | Callable[[], str]]  # made as written, in a build
    auto_nav: bool  # no `nav:` in mkdocs.yml: MkDocs lists the pages in_nav
    pages_dir: str

    @property
    def pages(self) -> dict[str, GeneratedPage]:
        found = {page.src_uri: page for page in self.built_pages}
        if self.home_page is not None:
            found[self.home_page.src_uri] = self.home_page
        return found

    def entries(self) -> list[tuple[str, Content, InclusionLevel]]:
        """(src_uri, content or None for a page, inclusion), in the order files are added."""
        undefined, hidden = InclusionLevel.UNDEFINED, InclusionLevel.NOT_IN_NAV
        found: list[tuple[str, Content, InclusionLevel]] = [
            (src_uri, content, undefined) for src_uri, content in self.exports.items()
        ]
        if self.home_page is not None:
            found.append((self.home_page.src_uri, None, undefined))
        # Without a `nav:` MkDocs lists every page; a nav of 10,000 events makes each page
        # render it (quadratic). Only the timeline and its indexes may join that nav; an
        # explicit nav lists what it wants (NOT_IN_NAV pages can still be listed).
        for page in self.built_pages:
            listed = self.auto_nav and page.in_nav
            found.append((page.src_uri, None, undefined if listed else hidden))
        found += [(src_uri, text, undefined) for src_uri, text in self.data.items()]
        found += [
            (f"{self.pages_dir}/assets/{name}", content, undefined)
            for name, content in asset_files().items()
        ]
        return found

    def files(self, config: MkDocsConfig) -> Iterator[File]:
        for src_uri, content, inclusion in self.entries():
            if callable(content):
                yield MadeFile.made(config, src_uri, content)
            else:
                yield File.generated(config, src_uri, content=content or "", inclusion=inclusion)


# A generated file's content: bytes or text, None for a page, or what makes it.
Made = bytes | str | Iterator[bytes]  # an iterator: the pieces, written as they come
Content = bytes | str | None | Callable[[], Made]


class MadeFile(File):
    """A generated file whose bytes are made as it is written and not kept: a build's
    exports, written by the helper process where there is one (timeline/workers.py)."""

    make: Callable[[], Made]
    elsewhere = False  # the helper writes it

    @classmethod
    def made(cls, config: MkDocsConfig, src_uri: str, make: Callable[[], Made]) -> MadeFile:
        file = cls.generated(config, src_uri, content=b"")
        assert isinstance(file, MadeFile)
        file.make = make
        return file

    @property
    def content_bytes(self) -> bytes:  # another plugin may read it: it is made again
        made = self.make()
        if isinstance(made, str):
            return made.encode()
        return made if isinstance(made, bytes) else b"".join(made)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:  # another plugin rewrote it: keep that
        self.make = lambda: value

    @property
    def _content(self) -> bytes:  # read by plugins that copy a file's content
        return self.content_bytes

    @_content.setter
    def _content(self, value: bytes | str | None) -> None:
        if value:  # File.generated's b"" is not content: make is
            self.make = lambda: value

    @property
    def content_string(self) -> str:
        return self.content_bytes.decode("utf-8-sig")

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.content_bytes = value.encode()

    def is_modified(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        if self.elsewhere:
            return
        made = self.make()
        pieces = (
            [made.encode()]
            if isinstance(made, str)
            else [made]
            if isinstance(made, bytes)
            else made
        )
        # Pieces (timeline.json: 200 MB at 100,000 events) are never held whole; the file
        # is written beside its place and renamed, so a failure leaves no half of it.
        os.makedirs(os.path.dirname(self.abs_dest_path), exist_ok=True)
        partial_path = f"{self.abs_dest_path}.{os.getpid()}.part"
        try:
            with open(partial_path, "wb") as stream:
                for piece in pieces:
                    stream.write(piece)
            os.replace(partial_path, self.abs_dest_path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(partial_path)
            raise


# Most generated pages have no headings: they share one empty table of contents and
# one empty set of anchors (nothing changes either once a page is rendered).
_NO_TOC = get_toc([])
_NO_ANCHORS: frozenset[str] = frozenset()


def _toc(generated: GeneratedPage) -> Any:
    """The page's table of contents, as MkDocs makes it from Markdown headings."""
    if not generated.toc:
        return _NO_TOC
    return get_toc(
        [{"level": e.level, "id": e.id, "name": e.title, "children": []} for e in generated.toc]
    )


class _GeneratedPage(Page):
    """A page the timeline makes: its Markdown is empty, and render leaves what MkDocs'
    would leave for it, without converting it (on_pre_page)."""

    # What render finds in the page, read by MkDocs' link checks. Here, not set on each
    # page: two more attributes made each page's own dict twice as large (40 MB at
    # 100,000 events). Nothing changes them once a page is rendered.
    present_anchor_ids = _NO_ANCHORS  # type: ignore[assignment]
    links_to_anchors: Mapping[File, Mapping[str, str]] = MappingProxyType({})  # type: ignore[assignment]

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = _NO_TOC
        self._title_from_render = None


def _replace(files: Files, file: File) -> None:
    """Add a generated file; a hand-written file at the same place gives way, with a warning."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        log.warning(f"the timeline page {file.src_uri!r} replaces docs/{file.src_uri}")
        files.remove(existing)
    files.append(file)


@contextlib.contextmanager
def plugin_errors() -> Iterator[None]:
    """The library's errors as MkDocs' PluginError: a message and a hint, no traceback."""
    try:
        yield
    except TimelineError as error:
        raise PluginError(f"timeline: {error.format_message()}") from None


def settings_from_config(options: TimelineConfig, root: Path) -> Settings:
    """The settings from the plugin options, which MkDocs has checked with the same checks."""
    return Settings(root=root, **{option.name: options[option.name] for option in options_table()})


def site_language(settings: Settings, options: TimelineConfig, config: MkDocsConfig) -> Settings:
    """The settings in the site's language: the plugin's `locale` if written, else the theme's."""
    from timeline.render.i18n import resolve_language

    written = "locale" in options.written
    theme = {name: config.theme[name] for name in ("language", "locale") if name in config.theme}
    locale = resolve_language(settings.locale if written else None, theme, log.warning)
    return replace(settings, locale=locale)


def site_options(settings: Settings, config: MkDocsConfig, root: Path) -> SiteOptions:
    edit_url = settings.edit_url or edit_base_url(
        config.repo_url, config.edit_uri, Path(config.docs_dir), root
    )
    return SiteOptions(
        pages_dir=settings.pages_dir,
        title=settings.title,
        split=settings.split,
        split_threshold=settings.split_threshold,
        use_directory_urls=bool(config.use_directory_urls),
        locale=settings.locale,
        display_calendar=DisplayCalendar(
            calendar_for(settings.display_calendar, settings.locale),
            settings.display_calendar_gregorian,
        ),
        edit_url=edit_url,
        exports=settings.exports,
        axis=settings.axis,
        axis_lanes=settings.axis_lanes,
        embed=settings.embed,
        map_tiles=settings.map,
        axis_direction=settings.axis_direction,
        site_url=config.site_url or None,
        site_name=config.site_name or None,
    )


def language_sections(
    timeline: Timeline, settings: Settings, options: SiteOptions, config: MkDocsConfig
) -> list[tuple[Timeline, SiteOptions]]:
    """The timeline and options of each language version: the default's first.

    With `translations`, each language's section is the same pages built again from the
    events in that language, under `<language>/<pages_dir>/`, with that language's
    settings (render/languages.py); the exports stay the default language's.
    """
    all_versions = versions(settings)
    if not all_versions:
        return [(timeline, options)]
    sections = [(timeline, replace(options, versions=all_versions))]
    for language in settings.translations:
        section = site_options(language_settings(settings, language), config, settings.root)
        sections.append(
            (
                translated_timeline(timeline, language.code),
                replace(section, downloads=(), versions=all_versions),
            )
        )
    return sections


def published_exports(
    timeline: Timeline, settings: Settings, options: SiteOptions, config: MkDocsConfig
) -> dict[str, bytes]:
    """The export files published beside the pages (none with `exports: false`)."""
    makers = export_makers(timeline, settings, options, config)
    return {name: b"".join(make()) for name, make in makers.items()}


def export_makers(
    timeline: Timeline, settings: Settings, options: SiteOptions, config: MkDocsConfig
) -> dict[str, Callable[[], Iterator[bytes]]]:
    """``published_exports``, each made when it is called (a build's: MadeFile)."""
    if not options.exports:
        return {}
    from timeline.exports import export_makers as makers

    return makers(
        timeline,
        settings,
        config.site_url or None,
        site_name=config.site_name,
        pages_dir=options.pages_dir,
        use_directory_urls=options.use_directory_urls,
    )


def timeline_for_build(settings: Settings, read: Any = None) -> Timeline:
    """The checked timeline; every problem stops the build, listed as `timeline check` does."""
    from timeline.check import check_paths

    result = check_paths(settings) if read is None else check_paths(settings, read=read)
    for problem in result.warnings:
        log.warning(problem.format())
    if result.timeline is None:
        listing = "\n".join(problem.format() for problem in result.errors)
        raise PluginError(
            f"{len(result.errors)} problem(s) in the event files; the site was not built:\n"
            f"{listing}"
        )
    return result.timeline
