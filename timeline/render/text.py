"""Event text to safe HTML: Markdown rendered, then cleaned with an allowlist.

Event files arrive in pull requests, so their text is untrusted. python-markdown
passes raw HTML through; nh3 then keeps only the tags, attributes and URL schemes
below. Plain-text fields never come here: the templates escape them.
"""

from __future__ import annotations

import re
import threading
from typing import Any

import markdown
import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p",
        "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}
# Relative links stay (they point into the site); any other scheme is dropped.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Removed with their content, not just unwrapped: their text is code or markup.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "template"})
MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]

# A Markdown instance is reusable (reset) but not thread-safe: one per thread.
_local = threading.local()


def _markdown() -> Any:
    converter = getattr(_local, "markdown", None)
    if converter is None:
        converter = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
        _local.markdown = converter
    return converter


def sanitise(html: str) -> str:
    """Keep only allowlisted tags, attributes and link schemes."""
    cleaned: str = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned


# Text that Markdown would only wrap in paragraphs: no syntax characters (nor &, <, >, which
# would need escaping), no list or heading lines, no indented code, no hard line breaks.
_NOT_PLAIN = re.compile(
    r"[\\`*_\[\]<>&#|~!=\xa0\r\t\f\v]|^ {0,3}(?:[-+]|\d+[.)])(?:\s|$)|^ {4}| +$|^-+ *$|\S {2,}\n",
    re.MULTILINE,
)


def plain_paragraphs(text: str) -> str | None:
    """Markdown's own output for plain prose, without running Markdown; None if not plain."""
    if _NOT_PLAIN.search(text):
        return None
    paragraphs = [block.strip() for block in re.split(r"\n\s*\n", text.strip())]
    return "\n".join(f"<p>{block}</p>" for block in paragraphs if block)


def render_markdown(text: str | None) -> Markup:
    """Untrusted Markdown as sanitised HTML; empty text costs nothing, plain prose little."""
    if not text or not text.strip():
        return Markup("")
    plain = plain_paragraphs(text)
    if plain is not None:
        return Markup(plain)
    converter = _markdown()
    try:
        html = converter.reset().convert(text)
    except RecursionError:
        # Deeply nested lists or quotes exhaust python-markdown's recursion; show the
        # text as written rather than fail the build on an untrusted file.
        _local.markdown = None  # the converter may be left half-way: start afresh
        return Markup("<p>") + escape(text) + Markup("</p>")
    return Markup(sanitise(html))
