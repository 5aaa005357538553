"""The edit loop of `mkdocs serve`: an edited event re-renders only what shows it.

The serving half of the plugin (it knows MkDocs, as plugin.py does). On every change
MkDocs' `serve` reloads mkdocs.yml and rebuilds the whole site. Measured with cProfile
on a 2,000-event rebuild (benchmarks/scale.py's events): the timeline's own checks
and pages took about 75% of it (checks 23%, page rendering 53%), MkDocs' per-page
work (theme, search, writing) 15%, the exports 3% — so a rebuild that only skipped
MkDocs' unchanged pages (design b: `--dirty`, `File.is_modified`) would save the
smaller part, and MkDocs' `--dirty` also leaves the nav and the search index stale.

So (design a): when only files under events/, eras/, places/ or sources/ changed,
the plugin takes the rebuild over. It checks the whole timeline again (reusing the
files whose bytes did not change, timeline.render.incremental), renders the pages
again (reusing every page whose inputs did not change, timeline.render.pages.PageMemo),
and hands MkDocs' own page pipeline (`_populate_page`, `_build_page`: the plugins'
page events, the theme, the search plugin's entry) only the pages that differ, with
the previous build's nav, files and theme environment. Then the search index, the
sitemap and the 404 page are written again, removed pages are deleted, and MkDocs'
build loop reloads the browsers. The result is the bytes a full build would write
(tests/test_incremental.py). A change to anything else (mkdocs.yml, docs/, a theme,
a `watch:` folder), or an edit that changes the nav, takes MkDocs' normal full
rebuild.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from timeline.config import Settings
from timeline.exports.memo import remembering
from timeline.folders import folder_path
from timeline.model import Timeline
from timeline.render.incremental import EventReader, HistoryCache
from timeline.render.pages import GeneratedPage, PageMemo

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation

    from timeline.plugin import TimelinePlugin

log = logging.getLogger("mkdocs.plugins.timeline.serve")

# What inotify also reports (watchdog 2.3+) when a file is only read: a rebuild reads
# the eras and places and any file it reads again, and must not set off another.
READS = frozenset({"opened", "closed_no_write"})


def data_folders(settings: Settings) -> tuple[Path, ...]:
    """The folders an edit to which the timeline rebuilds by itself."""
    from timeline.sources import sources_path

    return (
        settings.events_path,
        folder_path(settings, "eras"),
        folder_path(settings, "places"),
        sources_path(settings),
    )


def native_observer() -> Any:
    """The platform's own file watcher (inotify, FSEvents, …) for the data folders.

    MkDocs' `serve` polls: it stats every watched file twice a second, which at 10,000
    event files keeps a core busy while nothing changes. The native watcher costs
    nothing while idle. TIMELINE_SERVE_POLL=1 keeps MkDocs' polling (for file systems
    that send no events, such as some network and container mounts).
    """
    import watchdog.observers
    import watchdog.observers.polling

    if os.environ.get("TIMELINE_SERVE_POLL"):
        return None
    observer = watchdog.observers.Observer()
    if isinstance(observer, watchdog.observers.polling.PollingObserver):
        return None  # no native watcher here: MkDocs' own polling does the same
    return observer


class FullRebuild(Exception):
    """The change needs MkDocs' full rebuild (the nav changed, no complete build yet…)."""


class Superseded(Exception):
    """A newer edit came while the quick rebuild ran: it stops, the next one goes on."""


class LiveSite:
    """What one `serve` session keeps between rebuilds, and the site as last written."""

    def __init__(self) -> None:
        self.reader = EventReader()
        self.history = HistoryCache()
        self.memo = PageMemo()
        self.config: MkDocsConfig | None = None
        self.files: Files | None = None
        self.env: jinja2.Environment | None = None
        self.nav: Navigation | None = None
        self.complete = False  # the last build ran to its end: its state can be reused
        self.pages: dict[str, GeneratedPage] = {}
        self.banner: str | None = None
        self.search: dict[str, list[Any]] = {}  # search entries of each page, by src_uri
        self.marked: set[str] = set()  # hand-written pages with the home marker
        self.order: list[str] = []  # the pages, in the files' order
        self.exports: tuple[str, ...] = ()  # src_uris of the exports, in their order
        # What finish_update still has to do: the timeline, and whether the banner changed.
        self.pending: tuple[Timeline, bool] | None = None
        self._entries_before = 0
        self.lock = threading.Lock()
        # Whether a newer change waits (serve_incrementally sets it): the rest of a
        # rebuild after its first pass is then left to the next one.
        self.newer: Callable[[], bool] | None = None

    # -- the plugin's hooks, during a build ------------------------------------------

    def starting(self) -> None:
        """A full build starts: nothing of the previous one is reused until it finishes."""
        self.search, self.marked, self.order, self.complete = {}, set(), [], False

    def built(self, config: MkDocsConfig, files: Files, env: jinja2.Environment) -> None:
        """A build (full or ours) has gathered its files and theme: pages come next."""
        self.config, self.files, self.env = config, files, env
        self.complete = False

    def before_search(self, page: Page, nav: Navigation) -> None:
        self.nav = nav
        entries = search_entries(self.config)
        self._entries_before = len(entries) if entries is not None else 0

    def after_search(self, page: Page) -> None:
        entries = search_entries(self.config)
        if entries is not None:
            self.search[page.file.src_uri] = entries[self._entries_before :]

    def finished(
        self, pages: dict[str, GeneratedPage], banner: str | None, exports: Iterable[str] = ()
    ) -> None:
        self.pages, self.banner = dict(pages), banner
        if exports:
            self.exports = tuple(exports)
        if self.files is not None and not self.order:
            self.order = [
                file.src_uri
                for file in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            ]
        self.complete = self.config is not None and self.nav is not None

    # -- an edit ---------------------------------------------------------------------

    def update(
        self,
        plugin: TimelinePlugin,
        changed: Iterable[str] | None = None,
        show: Callable[[], None] | None = None,
    ) -> int:
        """Bring the live site up to date after an edit to the data folders; pages written.

        ``changed``: the paths the file watcher saw change (absolute), when known: event
        files outside them are not read again. ``show`` (reload the browsers) is called
        once the edited events' own pages are written, before the lists and data files
        that show them too. Raises FullRebuild when only MkDocs' full rebuild can (the
        caller runs it).
        """
        config, files, env, nav = self.config, self.files, self.env, self.nav
        if not self.complete or config is None or files is None or env is None or nav is None:
            raise FullRebuild("no complete build to start from")
        if plugin.settings is None:
            raise FullRebuild("the plugin is not configured")
        root = Path(config.config_file_path or ".").resolve().parent
        plugin._date_the_build(root)
        self.reader.changed = set(changed) if changed is not None else None
        try:
            return self._update(plugin, config, files, env, nav, show)
        finally:
            self.reader.changed = None  # one rebuild's: a full rebuild walks the folders
            plugin._restore_epoch()

    def _update(
        self,
        plugin: TimelinePlugin,
        config: MkDocsConfig,
        files: Files,
        env: jinja2.Environment,
        nav: Navigation,
        show: Callable[[], None] | None = None,
    ) -> int:
        from timeline.render.home import HOME_SRC

        assert plugin.settings is not None
        timeline = plugin._checked_timeline(plugin.settings)
        plugin.timeline = timeline
        ours = {file.src_uri for file in files if file.generated_by == "timeline"}
        docs_home = None if HOME_SRC in ours else files.get_file_from_path(HOME_SRC)
        # The exports are made after the pages show (finish_update): the same names, so
        # the pages' download links are right; their bytes come a moment later.
        previous = {uri: files.src_uris[uri].content_bytes for uri in self.exports}
        early = 0
        if show is not None and (plugin.banner_when_served or plugin.serve_problems == self.banner):
            early = self._event_pages_first(plugin, timeline, config, files, env, nav, previous)
            if early:
                show()
                if self.newer is not None and self.newer():
                    # Saved again already: the next rebuild makes the lists from this state
                    # (the memo keeps both passes' pages, self.pages what is written).
                    raise Superseded(f"{early} event page(s) written, then a newer edit")
        output = plugin.output(timeline, config, docs_home=docs_home, exports=previous)
        pages = output.pages
        entries = output.entries()
        _check_nav(self.pages, pages, config, nav)

        old_by_uri = {file.src_uri: file for file in files}
        new_files: list[File] = []
        changed: list[File] = []
        written_data = 0
        wanted = {src_uri for src_uri, _, _ in entries}
        for src_uri, content, inclusion in entries:
            old = old_by_uri.get(src_uri)
            if content is None:  # a page
                if old is not None and old.src_uri in ours:
                    new_files.append(old)
                    if self.pages.get(src_uri) != pages[src_uri]:
                        changed.append(old)
                else:
                    file = _generated(config, src_uri, "", inclusion)
                    new_files.append(file)
                    changed.append(file)
                continue
            made = content() if callable(content) else content  # builds make them so
            if isinstance(made, str):
                data = made.encode("utf-8")
            else:
                data = made if isinstance(made, bytes) else b"".join(made)
            if old is not None and old.src_uri in ours and old.content_bytes == data:
                new_files.append(old)
                continue
            file = _generated(config, src_uri, data, inclusion)
            _write_atomically(file.abs_dest_path, data)
            written_data += 1
            new_files.append(file)
        removed = [file for file in files if file.src_uri in ours and file.src_uri not in wanted]
        # Our files take the place of the previous build's; everything else stays in order.
        merged: list[File] = []
        placed = False
        for file in files:
            if file.src_uri in ours:
                if not placed:
                    merged.extend(new_files)
                    placed = True
                continue
            merged.append(file)
        if not placed:
            merged.extend(new_files)
        files = Files(merged)
        self.files = files

        # Hand-written pages with the home block show the latest events: redo them too.
        changed += [files.src_uris[uri] for uri in sorted(self.marked) if uri in files.src_uris]
        # A banner put in as pages are sent needs no page written again (404.html is).
        banner_moved = plugin.serve_problems != self.banner
        banner_changed = banner_moved and not plugin.banner_when_served
        for file in removed:
            self.search.pop(file.src_uri, None)
            _remove_output(file.abs_dest_path, config.site_dir)

        self.pending = (timeline, banner_moved)
        if not changed and not removed and not banner_moved and not written_data:
            self.finished(pages, plugin.serve_problems)
            return 0
        self.built(config, files, env)
        doc_files = _write_pages(changed, config, files, nav, env)
        if banner_changed:
            redone = {file.src_uri for file in changed}
            _swap_banners(
                [f for f in doc_files if f.src_uri not in redone],
                self.banner,
                plugin.serve_problems,
            )
        self.finished(pages, plugin.serve_problems)
        return early + len(changed)

    def _event_pages_first(
        self,
        plugin: TimelinePlugin,
        timeline: Timeline,
        config: MkDocsConfig,
        files: Files,
        env: jinja2.Environment,
        nav: Navigation,
        exports: dict[str, bytes],
    ) -> int:
        """Write the event pages that changed (the edited events', their neighbours'),
        when no page comes or goes; the lists follow. Returns the pages written."""
        pages = plugin.event_pages(timeline, config, exports)
        if pages is None or any(uri not in self.pages for uri in pages):
            return 0  # several languages, or a new event: all pages in one pass
        changed = [uri for uri, page in pages.items() if self.pages[uri] != page]
        if not changed:
            return 0
        # The plugin's hooks put each page's HTML in from plugin.pages.
        plugin.pages = {**self.pages, **{uri: pages[uri] for uri in changed}}
        _write_pages([files.src_uris[uri] for uri in changed], config, files, nav, env)
        self.pages.update((uri, pages[uri]) for uri in changed)  # the second pass skips them
        return len(changed)

    def finish_update(self, plugin: TimelinePlugin) -> None:
        """After the pages show: the exports, the search index, the sitemap and 404 page."""
        from mkdocs.commands.build import _build_theme_template

        if self.pending is None:
            return
        timeline, banner_changed = self.pending
        self.pending = None
        config, files, env, nav = self.config, self.files, self.env, self.nav
        assert config is not None and files is not None and env is not None and nav is not None
        assert plugin.settings is not None
        root = Path(config.config_file_path or ".").resolve().parent
        plugin._date_the_build(root)
        try:
            with remembering():  # each unchanged event's part of the exports is reused
                exports = plugin.published(timeline, config)
        finally:
            plugin._restore_epoch()
        for src_uri, data in exports.items():
            file = files.src_uris.get(src_uri)
            if file is not None and file.content_bytes != data:
                file.content_bytes = data
                _write_atomically(file.abs_dest_path, data)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        order = [file.src_uri for file in doc_files]
        if banner_changed or order != self.order:
            # The sitemap lists every page in the files' order (ours follow the timeline's);
            # the 404 page shows the banner.
            for template in config.theme.static_templates:
                _build_theme_template(template, env, files, config, nav)
        self.order = order
        self._write_search_index(config, doc_files)
        if plugin.search != "mkdocs":
            # As a full build does (TimelinePlugin._index_for_search): the event pages
            # are Pagefind's (or unsearched), not in Lunr's index.
            from timeline.render.search import drop_from_lunr

            event_pages = {
                file.url
                for file in doc_files
                if (page := plugin.pages.get(file.src_uri)) is not None and page.searchable
            }
            drop_from_lunr(Path(config.site_dir), event_pages)

    def _write_search_index(self, config: MkDocsConfig, doc_files: Iterable[File]) -> None:
        plugin = search_plugin(config)
        entries = search_entries(config)
        if plugin is None or entries is None:
            return
        entries[:] = [entry for file in doc_files for entry in self.search.get(file.src_uri, ())]
        plugin.on_post_build(config=config)


def search_plugin(config: MkDocsConfig | None) -> Any:
    """MkDocs' or Material's search plugin, when the site has one."""
    if config is None:
        return None
    for name in ("search", "material/search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return plugin
    return None


def search_entries(config: MkDocsConfig | None) -> list[Any] | None:
    """The list the search plugin collects entries in (MkDocs: `_entries`, Material: `entries`)."""
    index = getattr(search_plugin(config), "search_index", None)
    for name in ("_entries", "entries"):
        entries = getattr(index, name, None)
        if isinstance(entries, list):
            return entries
    return None


def _check_nav(
    before: dict[str, GeneratedPage],
    after: dict[str, GeneratedPage],
    config: MkDocsConfig,
    nav: Navigation,
) -> None:
    """FullRebuild when the edit changes what the nav shows (every page renders the nav)."""
    listed = {page.file.src_uri for page in nav.pages}
    for src_uri in before.keys() | after.keys():
        old, new = before.get(src_uri), after.get(src_uri)
        in_nav = src_uri in listed or any(p is not None and p.in_nav for p in (old, new))
        if not in_nav:
            continue
        if old is None or new is None or old.title != new.title:
            raise FullRebuild(f"the nav changes ({src_uri})")


def _write_pages(
    changed: list[File],
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: jinja2.Environment,
) -> Sequence[File]:
    """MkDocs' own page pipeline for these pages: the plugins' page events, the theme,
    the search plugin's entry, the file. Returns the site's pages (as `serve` has them)."""
    from mkdocs.commands.build import _build_page, _populate_page

    for file in changed:
        page = file.page if file.page is not None else Page(None, file, config)
        _populate_page(page, config, files)
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
    for file in changed:
        assert file.page is not None
        excluded = bool(file.inclusion.is_excluded())  # type: ignore[no-untyped-call]
        _build_page(file.page, config, doc_files, nav, env, excluded=excluded)
    return doc_files


def _generated(
    config: MkDocsConfig, src_uri: str, content: str | bytes, inclusion: InclusionLevel
) -> File:
    from mkdocs.structure.files import set_exclusions

    file = File.generated(config, src_uri, content=content, inclusion=inclusion)
    file.generated_by = "timeline"
    if inclusion is InclusionLevel.UNDEFINED:
        set_exclusions([file], config)
    return file


def _write_atomically(path: str, data: bytes) -> None:
    import tempfile

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".timeline-")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _remove_output(path: str, site_dir: str) -> None:
    """Delete a removed page's file, and the folders it leaves empty (as a full build would)."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
    folder = os.path.dirname(path)
    site = os.path.abspath(site_dir)
    while os.path.abspath(folder).startswith(site + os.sep):
        try:
            os.rmdir(folder)
        except OSError:
            break
        folder = os.path.dirname(folder)


def _swap_banners(files: Iterable[File], before: str | None, after: str | None) -> None:
    """Take the problem banner out of (or put it into) pages that did not change otherwise."""
    old = problem_banner(before) if before is not None else None
    for file in files:
        path = file.abs_dest_path
        try:
            with open(path, encoding="utf-8") as stream:
                html = stream.read()
        except FileNotFoundError:
            continue
        if old is not None:
            html = html.replace(old, "", 1)
        if after is not None:
            html = with_problem_banner(html, after)
        _write_atomically(path, html.encode("utf-8"))


def serve_incrementally(
    server: Any, plugin: TimelinePlugin, builder: Callable[..., Any], folders: Iterable[Path]
) -> ChangeRecorder:
    """Make `serve` rebuild by itself after edits under ``folders`` only (else MkDocs does).

    The recorder returned is told of the data folders' own events by their watches
    (plugin.watch_events), when the platform's watcher sees them all.
    """
    recorder = ChangeRecorder(folders)
    recorder.attach(server)

    def rebuild(config: Any = None) -> None:
        changes = recorder.take()
        live = plugin.live
        if config is None and live is not None and changes.only_data:
            try:
                with live.lock, no_cycle_collection():
                    shown: list[bool] = []

                    def show() -> None:
                        show_now(server)
                        shown.append(True)

                    live.newer = lambda: bool(getattr(server, "_want_rebuild", False))
                    written = live.update(plugin, changes.data, show)
                    log.info(f"timeline: {written} page(s) rebuilt after the edit")
                    show_now(server, again=bool(shown))
                    if live.newer():
                        return  # the exports and indexes come with the next rebuild
                    live.finish_update(plugin)
            except Superseded as reason:
                log.info(f"timeline: {reason}: going on with it")
                return
            except FullRebuild as reason:
                log.info(f"timeline: a full rebuild: {reason}")
            except Exception as error:  # a full rebuild reports it the way MkDocs does
                log.warning(f"timeline: the quick rebuild failed ({error}); a full rebuild")
            else:
                return
        builder(config)

    server.builder = rebuild
    return recorder


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off for one quick rebuild.

    A served site of 10,000 events keeps millions of objects (MkDocs' pages and files,
    the events, the memo); the rebuild allocates enough to set off full collections,
    each walking all of them: at 30,000 events half of a rebuild's time (10 s -> 5.5 s
    without, the event page 2.2 s -> 1.2 s). Reference counting still frees what the
    rebuild drops; cycles wait for the next collection, after it.
    """
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def show_now(server: Any, *, again: bool = False) -> None:
    """Reload the browsers now, as MkDocs' build loop does once the builder returns.

    ``again``: they reloaded once during this rebuild (the edited events' pages): a
    new version of the site, so they reload for the rest. Requests wait while the
    wanted version is not the visible one, so both move at once.
    """
    condition = getattr(server, "_epoch_cond", None)
    if condition is None:
        return
    with condition:
        if again:
            import time

            newer = max(round(time.monotonic() * 1000), server._visible_epoch + 1)
            server._wanted_epoch = newer
        server._visible_epoch = server._wanted_epoch
        condition.notify_all()


class Changes:
    def __init__(self, paths: set[str], outside: bool, data: set[str] | None = None) -> None:
        self.paths = paths
        self.only_data = not outside
        # The data folders' paths that changed, when the watcher reported them all.
        self.data = data


class ChangeRecorder:
    """The paths that changed since the last rebuild, from the same watches MkDocs uses."""

    def __init__(self, folders: Iterable[Path]) -> None:
        self.folders = tuple(os.path.abspath(folder) for folder in folders)
        self.paths: set[str] = set()
        self.outside = False
        self.lock = threading.Lock()
        self.data: set[str] | None = None  # from record_data, once a watch calls it

    def attach(self, server: Any) -> None:
        """Record every watch's events, those made before ``on_serve`` and those after."""
        import watchdog.events

        observer = getattr(server, "observer", None)
        if observer is None:
            return
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self.record  # type: ignore[method-assign]
        for path in list(getattr(server, "_watched_paths", {})):
            observer.schedule(handler, path, recursive=True)
        watch = server.watch

        def watch_and_record(path: str, func: Any = None, *, recursive: bool = True) -> None:
            watch(path, func, recursive=recursive)
            if not any(_inside(os.path.abspath(path), folder) for folder in self.folders):
                observer.schedule(handler, os.path.abspath(path), recursive=recursive)

        server.watch = watch_and_record

    def record(self, event: Any) -> None:
        if event.event_type in READS:
            return  # read, not changed
        touched = [os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")]
        with self.lock:
            for path in filter(None, touched):
                path = os.path.abspath(path)
                self.paths.add(path)
                # A folder's "modified" comes with the event of the file in it.
                noise = event.is_directory and event.event_type == "modified"
                if not noise and not any(_inside(path, folder) for folder in self.folders):
                    self.outside = True

    def record_data(self, event: Any) -> None:
        """An event of a data folder's watch (the native watcher's: it misses none;
        watch_events leaves out reads)."""
        with self.lock:
            if self.data is None:
                self.data = set()
            if event.is_directory and event.event_type == "modified":
                return  # a folder's "modified" comes with the event of the file in it
            for path in (event.src_path, getattr(event, "dest_path", "") or ""):
                if path:
                    self.data.add(os.path.abspath(os.fsdecode(path)))

    def take(self) -> Changes:
        with self.lock:
            changes = Changes(self.paths, self.outside, self.data)
            self.paths, self.outside = set(), False
            if self.data is not None:
                self.data = set()
        return changes


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder + os.sep)


def show_problems_when_served(server: Any, plugin: TimelinePlugin) -> bool:
    """Put the problem banner into each HTML page as the server sends it (as MkDocs
    puts its reload script in), not into the files: a file broken, or fixed, at 10,000
    events then rewrites no page; the browsers reload and show it. False when the
    server has no such step (another MkDocs): the pages' files carry the banner."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        return False

    def with_banner(content: bytes, epoch: int) -> bytes:
        content = inject(content, epoch)
        problems = plugin.serve_problems
        if problems is None:
            return content
        html = with_problem_banner(content.decode("utf-8", "surrogateescape"), problems)
        return html.encode("utf-8", "surrogateescape")

    server._inject_js_into_html = with_banner
    return True


def with_problem_banner(html: str, problems: str) -> str:
    """A served page with the event files' problems shown above it (only under `serve`)."""
    banner = problem_banner(problems)
    match = re.search(r"<body[^>]*>", html)
    if match is None:
        return banner + html
    return html[: match.end()] + banner + html[match.end() :]


def problem_banner(problems: str) -> str:
    """The banner's HTML (timeline/serve.py takes it out again when the files are fixed)."""
    headline, _, listing = problems.partition("\n")
    return (
        '<div role="alert" class="timeline-serve-problems" style="background:#fdecea;'
        "color:#611a15;border-bottom:2px solid #b71c1c;padding:0.75em 1em;"
        'font:14px/1.4 sans-serif;white-space:pre-wrap;position:relative;z-index:1000">'
        f"<strong>{escape(headline)}</strong>\n{escape(listing)}</div>"
    )
