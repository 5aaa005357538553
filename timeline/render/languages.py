"""A site in several languages: one section per extra language, and links between them.

The default language's pages stay where they are (``timeline/``); each language of
the ``translations`` setting gets the same pages again under ``<code>/timeline/``,
built by the same ``build_pages`` from the events in that language
(``Event.in_language``), as mkdocs-static-i18n lays out a site: the default version
at the root, one ``/<language>/`` section per language. The event pages of all
versions link to each other: visibly (templates/_languages.html) and with
``<link rel="alternate" hreflang>`` in their <head> (see ``with_versions``).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from timeline.config import Settings, SiteLanguage, known_locale
from timeline.model import Timeline
from timeline.render.meta import alternate_links
from timeline.render.pages import GeneratedPage, SitePages
from timeline.urls import page_url, relative_url

if TYPE_CHECKING:
    from timeline.render.pages import SiteOptions


@dataclass(frozen=True)
class LanguageVersion:
    """One language version of the timeline: its language, its pages folder, its name."""

    language: str
    pages_dir: str
    name: str  # in that language ("فارسی"), as a reader looks for it
    direction: str = "ltr"


def versions(settings: Settings) -> tuple[LanguageVersion, ...]:
    """Every language version of the site, the default first; none for a one-language site."""
    if not settings.translations:
        return ()
    default = settings.content_language
    locale = known_locale(default)
    first = LanguageVersion(
        default,
        settings.pages_dir,
        str(locale.get_display_name(locale) or default),
        "rtl" if locale.character_order == "right-to-left" else "ltr",
    )
    return (
        first,
        *(
            LanguageVersion(
                language.code, section_dir(settings, language), language.name, language.direction
            )
            for language in settings.translations
        ),
    )


def section_dir(settings: Settings, language: SiteLanguage) -> str:
    """Where a language's pages go: 'fa/timeline'."""
    return posixpath.join(language.code, settings.pages_dir)


def language_settings(settings: Settings, language: SiteLanguage) -> Settings:
    """The settings of a language's section: its folder, title, locale and calendar."""
    changes: dict[str, object] = {
        "pages_dir": section_dir(settings, language),
        "locale": language.locale,
        "title": language.title or settings.title,
    }
    if language.display_calendar is not None:
        changes["display_calendar"] = language.display_calendar
    return replace(settings, **changes)  # type: ignore[arg-type]


def translated_timeline(timeline: Timeline, language: str) -> Timeline:
    """The timeline with every event's texts in ``language`` (or marked untranslated)."""
    return Timeline.build(
        [event.in_language(language) for event in timeline.events],
        descending=timeline.descending,
        eras=timeline.eras,
        places=timeline.places,
    )


def with_versions(
    built: SitePages,
    timeline: Timeline,
    options: SiteOptions,
    language: str,
) -> SitePages:
    """The pages of one language version, each saying its language; the event pages
    with ``<link rel="alternate" hreflang>`` to each version of the event."""
    events = {posixpath.join(options.pages_dir, f"{e.id}.md"): e for e in timeline.events}
    pages: list[GeneratedPage] = []
    for page in built.pages:
        event = events.get(page.src_uri)
        head = page.head
        if event is not None:
            here = page_url(page.src_uri, options.use_directory_urls)
            links = [
                (version.language, version_url(version, event.id, here, options))
                for version in options.versions
                if version.language in event.languages
            ]
            if len(links) > 1:
                head = (head + "\n" if head else "") + alternate_links(links)
        pages.append(replace(page, head=head, language=language))
    return replace(built, pages=tuple(pages))


def version_url(version: LanguageVersion, event_id: str, here: str, options: SiteOptions) -> str:
    """An event page's address in another version: absolute with site_url, else relative."""
    target = page_url(
        posixpath.join(version.pages_dir, f"{event_id}.md"), options.use_directory_urls
    )
    if options.site_url:
        return options.site_url.rstrip("/") + "/" + target
    return relative_url(target, here)


def nav_titles(all_versions: Sequence[LanguageVersion]) -> Mapping[str, str]:
    """Each extra language's folder ('fa') and the nav title of its section ('فارسی')."""
    return {version.pages_dir.split("/")[0]: version.name for version in all_versions[1:]}
