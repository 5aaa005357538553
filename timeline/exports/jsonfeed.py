"""A JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of the latest events."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from timeline.exports import Export, ExportOptions
from timeline.exports.feeds import feed_title, feed_url, home_url, latest
from timeline.model import Timeline


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The latest ``options.limit`` events as JSON Feed 1.1; needs the site URL."""
    options.site.require_url("the JSON feed")
    entries, notes = latest(timeline, options)
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed_title(options),
        "home_page_url": home_url(options),
        "feed_url": feed_url(options, "jsonfeed"),
    }
    if options.site.description:
        feed["description"] = options.site.description
    if options.site.author:
        feed["authors"] = [{"name": options.site.author}]
    feed["language"] = options.settings.locale.replace("_", "-")
    items = []
    for entry in entries:
        event = entry.event
        item: dict[str, Any] = {
            "id": entry.url,
            "url": entry.url,
            "title": event.title,
            "content_html": entry.content_html,
            "date_published": entry.time,
        }
        if event.tags:
            item["tags"] = list(event.tags)
        images = [m.src for m in event.media if urlsplit(m.src).scheme in ("http", "https")]
        if images:
            item["image"] = images[0]
        items.append(item)
    feed["items"] = items
    text = json.dumps(feed, indent=2, ensure_ascii=False) + "\n"
    return Export(text.encode("utf-8"), tuple(notes), len(entries))
