"""An Atom feed (RFC 4287) of the latest events, with absolute links to their pages."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from timeline import __version__
from timeline.exports import Export, ExportOptions
from timeline.exports.feeds import feed_title, feed_updated, feed_url, home_url, latest
from timeline.model import Timeline


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The latest ``options.limit`` events as Atom; needs the site URL."""
    options.site.require_url("the atom feed")
    entries, notes = latest(timeline, options)
    home = home_url(options)
    self_url = feed_url(options, "atom")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(feed_title(options))}</title>",
    ]
    if options.site.description:
        lines.append(f"  <subtitle>{escape(options.site.description)}</subtitle>")
    lines += [
        f"  <id>{escape(home)}</id>",
        f'  <link rel="alternate" type="text/html" href={quoteattr(home)}/>',
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        f"  <updated>{feed_updated(entries, options)}</updated>",
        f"  <author><name>{escape(options.site.author or feed_title(options))}</name></author>",
        f'  <generator version="{__version__}">timeline</generator>',
    ]
    for entry in entries:
        event = entry.event
        lines += [
            "  <entry>",
            f'    <title type="text">{escape(event.title)}</title>',
            f"    <id>{escape(entry.url)}</id>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(entry.url)}/>',
            f"    <published>{entry.time}</published>",
            f"    <updated>{entry.time}</updated>",
            *(f"    <category term={quoteattr(tag)}/>" for tag in event.tags),
            f'    <content type="html">{escape(entry.content_html)}</content>',
            "  </entry>",
        ]
    lines.append("</feed>")
    return Export(("\n".join(lines) + "\n").encode("utf-8"), tuple(notes), len(entries))
