"""Markdown ↔ HTML for interchange: sanitised HTML out, Markdown back in.

Exports render Markdown with python-markdown and clean it with nh3 (an allowlist:
no scripts, no event handlers, only http(s), mailto and relative links). Imports
turn the small HTML vocabulary of TimelineJS slides (p, a, b/strong, i/em, br,
ul/ol/li, blockquote, cite, span, headings) back into Markdown that python-markdown
renders to the same HTML, so import → export → import is a fixed point.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from timeline.render.text import URL_SCHEMES, render_markdown


def markdown_to_html(text: str) -> str:
    """Markdown rendered and sanitised exactly as the site does; empty text gives ''."""
    return str(render_markdown(text))


def markdown_to_inline_html(text: str) -> str:
    """Markdown as sanitised HTML, without the ``<p>`` around it if it is one paragraph.

    Text of several paragraphs (or other blocks) keeps its markup whole.
    """
    rendered = markdown_to_html(text)
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.DOTALL)
    if match and not re.search(r"</?p[\s>]", match.group(1)):
        return match.group(1)
    return rendered


def text_to_html(text: str) -> str:
    """Plain text, escaped for HTML (quotes stay readable)."""
    return html.escape(text, quote=False)


# -- HTML → a small tree ------------------------------------------------------

VOID = {"br", "img", "hr", "wbr", "input", "meta", "link", "source", "col", "area"}
BLOCK = {
    "p",
    "div",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "hr",
    "figure",
    "figcaption",
    "section",
    "article",
    "header",
    "footer",
    "table",
}
DROPPED = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg"}
# Tags whose content is kept but whose markup has no Markdown form (not worth a note).
QUIET = {"span", "font", "u", "small", "big", "sup", "sub", "abbr", "mark", "time", "html", "body"}


EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
# Inline tags with a Markdown form; any other inline tag is replaced by its content.
MARKED = {*EMPHASIS, "cite", "code", "a", "img", "br"}


@dataclass
class Element:
    """An HTML element of the parsed tree; children are Elements or text."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)


# Elements nested deeper than this are replaced by their content: the writers recurse
# once or more per level, and thousands of nested tags would exhaust Python's stack.
MAX_DEPTH = 60


class _HtmlTreeBuilder(HTMLParser):
    """Forgiving tree builder: implied ends for ``<p>`` and ``<li>``, stray ends ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root")
        self.stack = [self.root]
        self.dropped: dict[str, int] = {}  # start tags left out for depth, by name
        self.too_deep = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self._close_open("p")
        if tag == "li":
            self._close_open("li", stop={"ul", "ol"})
        if tag == "a":
            self._close_open("a")  # links do not nest: a new one ends the open one
        if len(self.stack) > MAX_DEPTH and tag not in VOID:
            self.too_deep = True
            self.dropped[tag] = self.dropped.get(tag, 0) + 1
            return
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.dropped.get(tag):
            self.dropped[tag] -= 1  # the end of a start tag left out
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data  # the parser may split text ('<' then 'a'): escape it whole
        else:
            children.append(data)

    def _close_open(self, tag: str, stop: set[str] | None = None) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            current = self.stack[index].tag
            if current == tag:
                del self.stack[index:]
                return
            if stop and current in stop:
                return


def _build(text: str) -> _HtmlTreeBuilder:
    builder = _HtmlTreeBuilder()
    builder.feed(text)
    builder.close()
    return builder


def parse_html(text: str) -> Element:
    """A forgiving parse of an HTML fragment (markup nested too deep flattened)."""
    return _build(text).root


# -- tree → Markdown ----------------------------------------------------------

_SPACES = re.compile(r"\s+")
# HTML5 reads '&copy' and '&#1' without a semicolon as references: escape them all.
_ENTITY = re.compile(r"&(?=[#A-Za-z])")
_LINE_START = re.compile(r"^(?:(#)|(>)|([-+*])(?=\s|$)|(\d+)\.(?=\s|$))")


def _escape(text: str) -> str:
    """Literal text escaped so python-markdown shows it unchanged."""
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([`*\[\]])", r"\\\1", text)
    # '[x]: url' at a line start is a link definition, even with the bracket escaped.
    text = text.replace("\\]:", "\\]&#58;")
    # Only an underscore after a non-word character can open emphasis in python-markdown.
    # (An escaped underscore counts as a non-word character for the next one.)
    text = re.sub(r"(?<![^\W_])_", r"\\_", text)
    text = _ENTITY.sub("&amp;", text)
    # Always: the next text node may start with a letter and make a tag of it.
    return text.replace("<", "&lt;")


def _escape_line_start(line: str) -> str:
    if re.fullmatch(r"-[-\s]*", line):
        return "\\" + line  # would be a rule, or one after a list marker
    match = _LINE_START.match(line)
    if match is None:
        if re.fullmatch(r"=+\s*", line):
            return "&#61;" + line[1:]
        return line
    if match.group(4) is not None:
        return f"{match.group(4)}\\.{line[match.end() :]}"
    return "\\" + line


@dataclass
class Conversion:
    """Markdown from HTML, with notes on what had no Markdown form."""

    markdown: str
    notes: list[str] = field(default_factory=list)


class _MarkdownWriter:
    def __init__(self) -> None:
        self.notes: list[str] = []
        self.active: set[str] = set()  # emphasis marks open around the current node

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def blocks(self, children: list[Element | str]) -> list[str]:
        """Markdown blocks of a list of nodes: runs of inline nodes become paragraphs."""
        out: list[str] = []
        run: list[Element | str] = []

        def flush() -> None:
            paragraph = self.paragraph(run)
            if paragraph:
                out.append(paragraph)
            run.clear()

        for child in children:
            if isinstance(child, Element) and child.tag in BLOCK | DROPPED:
                flush()
                made = self.block(child)
                if made and out and _is_list(out[-1]) and _is_list(made[0]):
                    out.append("<!-- -->")  # keeps two adjacent lists apart
                out.extend(made)
            else:
                run.append(child)
        flush()
        return out

    def block(self, element: Element) -> list[str]:
        tag = element.tag
        self.attributes(element)
        if tag in DROPPED:
            self.note(f"<{tag}> removed")
            return []
        if tag == "p":
            paragraph = self.paragraph(element.children)
            return [paragraph] if paragraph else []
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(element.children))
            if not inner:
                return []
            return ["\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))]
        if tag in ("ul", "ol"):
            items = [c for c in element.children if isinstance(c, Element) and c.tag == "li"]
            stray = [c for c in element.children if not (isinstance(c, Element) and c.tag == "li")]
            if any(isinstance(c, Element) or c.strip() for c in stray):
                items.append(Element("li", children=stray))
            rendered = []
            for item in items:
                self.attributes(item)
                rendered.append("\n\n".join(self.blocks(item.children)) or "&nbsp;")
            # python-markdown reads an item after a multi-block item as part of it
            # unless a blank line separates them: such lists are written loose.
            loose = any("\n\n" in inner for inner in rendered)
            lines: list[str] = []
            for number, inner in enumerate(rendered, start=1):
                marker = f"{number}. " if tag == "ol" else "- "
                first, *rest = inner.split("\n")
                if loose and lines:
                    lines.append("")
                lines.append(marker + first)
                lines.extend(f"    {line}" if line else "" for line in rest)
            return ["\n".join(lines)] if lines else []
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = self.inline(element.children).replace("\n", " ")
            # Trailing hashes would close the heading: escape them.
            text = re.sub(r"#+$", lambda m: "\\#" * len(m.group()), text)
            return [f"{'#' * int(tag[1])} {text}"] if text else []
        if tag == "hr":
            return ["* * *"]
        if tag == "pre":
            code = _text_of(element).strip("\n")
            return ["\n".join(f"    {line}" for line in code.split("\n"))] if code else []
        if tag != "div":
            self.note(f"<{tag}> kept as its content")
        return self.blocks(element.children)

    def paragraph(self, nodes: list[Element | str]) -> str:
        text = self.inline(nodes)
        lines = [_escape_line_start(line) for line in text.split("\n")]
        return "\n".join(lines).strip()

    def inline(self, nodes: list[Element | str]) -> str:
        """Inline Markdown of nodes, whitespace collapsed as a browser would."""
        # Text is escaped node by node; an underscore after a word cannot open emphasis.
        joined = re.sub(r"(?<=[^\W_])\\_", "_", self.join(nodes))
        # \x01 marks the line breaks made for <br>; other whitespace collapses.
        return "\n".join(" ".join(line.split()) for line in joined.split("\x01")).strip()

    def join(self, nodes: list[Element | str]) -> str:
        """The inline Markdown of nodes, side by side."""
        parts: list[str] = []
        for node in self.flatten(nodes):
            part = self.inline_node(node)
            previous = parts[-1] if parts else ""
            if previous.endswith("*") and not previous.endswith("\\*") and part.startswith("*"):
                # Two emphasis runs touching ('**a***b*') do not read back: use HTML.
                part = self.html_emphasis(node)
            if parts and parts[-1].endswith("!") and part.startswith("["):
                parts[-1] = parts[-1][:-1] + "\\!"  # '![' would make the link an image
            parts.append(part)
        return "".join(parts)

    def flatten(self, nodes: list[Element | str]) -> list[Element | str]:
        """Nodes with markup-less elements (span, bold inside bold) replaced by their content.

        Text is escaped a whole run at a time, so '&' and 'amp;' split by a <span>
        must meet again before escaping.
        """
        flat: list[Element | str] = []
        for node in nodes:
            if isinstance(node, Element) and node.tag in DROPPED:
                self.note(f"<{node.tag}> removed")
                continue
            if isinstance(node, Element) and self.transparent(node):
                self.attributes(node)
                if node.tag not in QUIET and node.tag not in MARKED:
                    self.note(f"<{node.tag}> kept as its content")
                children = self.flatten(node.children)
            else:
                children = [node]
            for child in children:
                last = flat[-1] if flat else None
                if isinstance(child, str) and isinstance(last, str):
                    flat[-1] = last + child
                elif (
                    isinstance(child, Element)
                    and isinstance(last, Element)
                    and (
                        (child.tag in EMPHASIS and EMPHASIS[child.tag] == EMPHASIS.get(last.tag))
                        or child.tag == last.tag in ("code", "cite")
                    )
                ):
                    # <i>a</i><i>b</i> is one emphasis: '*a**b*' would not read back.
                    flat[-1] = Element(last.tag, last.attrs, [*last.children, *child.children])
                else:
                    flat.append(child)
        return flat

    def transparent(self, element: Element) -> bool:
        tag = element.tag
        if tag == "a":
            href = element.attrs.get("href", "").strip()
            if href and not _safe_url(href):
                self.note(f"link to {href[:40]!r} removed (only http(s), mailto and relative)")
            return not href or not _safe_url(href)
        if tag in (*EMPHASIS, "cite", "code") and _is_blank(element):
            return True  # empty markup makes nothing, and must not split the text around it
        if tag in EMPHASIS:
            return EMPHASIS[tag] in self.active  # bold inside bold says nothing more
        return tag not in MARKED and tag not in BLOCK and tag not in DROPPED

    def inline_node(self, node: Element | str) -> str:
        if isinstance(node, str):
            return _escape(_SPACES.sub(" ", node))
        tag = node.tag
        self.attributes(node)
        if tag == "br":
            return "<br>\x01"
        if tag in DROPPED:
            self.note(f"<{tag}> removed")
            return ""
        if tag in BLOCK:
            # A block inside inline content (e.g. <p> inside <a>): keep its words.
            return " " + self.join(node.children) + " "
        if tag == "code":
            return self.code(_text_of(node))
        if tag == "img":
            src = node.attrs.get("src", "").strip()
            if not _safe_url(src):
                self.note("image with an unsafe or empty src removed")
                return ""
            return f"![{_escape(node.attrs.get('alt', ''))}]({src})"
        kind = EMPHASIS.get(tag)
        if kind is not None:
            self.active.add(kind)
        try:
            inner = self.join(node.children)
        finally:
            if kind is not None:
                self.active.discard(kind)
        if tag == "a":
            return self.link(node, inner)
        return self.wrap(tag, inner)

    def html_emphasis(self, node: Element | str) -> str:
        assert isinstance(node, Element)  # only emphasis starts with '*'
        name = "strong" if EMPHASIS.get(node.tag) == "**" else "em"
        inner = self.join(node.children)
        return f"<{name}>{inner.replace(chr(1), '')}</{name}>"

    def wrap(self, tag: str, inner: str) -> str:
        inner = inner.replace("\x01", "")  # a break inside stays on the line
        stripped = inner.strip()
        if not stripped:
            return inner
        lead = " " if inner[:1].isspace() else ""
        trail = " " if inner[-1:].isspace() else ""
        if tag == "cite":
            return f"{lead}<cite>{stripped}</cite>{trail}"
        mark = "**" if tag in ("b", "strong") else "*"
        if stripped.startswith("*") or (stripped.endswith("*") and not stripped.endswith("\\*")):
            # '*a**b***' is ambiguous; python-markdown reads Markdown inside <em> the same.
            name = "strong" if mark == "**" else "em"
            return f"{lead}<{name}>{stripped}</{name}>{trail}"
        return f"{lead}{mark}{stripped}{mark}{trail}"

    def code(self, text: str) -> str:
        body = " ".join(text.split())
        if not body:
            return text
        # The fence is longer than any run of backticks inside; python-markdown strips
        # the spaces that keep a backtick at the edge apart from the fence.
        longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
        fence = "`" * (longest + 1)
        if body.startswith("`") or body.endswith("`"):
            body = f" {body} "
        span = f"{fence}{body}{fence}"
        return f" {span} " if text[:1].isspace() else span

    def link(self, node: Element, inner: str) -> str:
        href = node.attrs.get("href", "").strip()
        inner = inner.replace("\x01", "")  # a break inside stays on the line
        text = inner.strip() or _escape(href)
        lead = " " if inner[:1].isspace() else ""
        trail = " " if inner[-1:].isspace() else ""
        destination = f"<{href}>" if re.search(r"[\s<>]", href) else href
        return f"{lead}[{text}]({destination}){trail}"

    def attributes(self, element: Element) -> None:
        kept = {"a": {"href"}, "img": {"src", "alt"}}.get(element.tag, set())
        for name, value in element.attrs.items():
            if name in kept or (name == "title" and not value) or name in ("target", "rel"):
                continue
            self.note(f"attribute {name}={value[:30]!r} on <{element.tag}> dropped")


def _is_list(block: str) -> bool:
    return re.match(r"(?:- |\d+\. )", block) is not None


def _safe_url(url: str) -> bool:
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
    return bool(url) and (scheme is None or scheme.group(1).lower() in URL_SCHEMES)


def _is_blank(element: Element) -> bool:
    """Whether an element shows nothing: only whitespace, no image or line break."""
    return all(
        not child.strip()
        if isinstance(child, str)
        else child.tag in DROPPED or (child.tag not in ("img", "br") and _is_blank(child))
        for child in element.children
    )


def _text_of(element: Element) -> str:
    return "".join(c if isinstance(c, str) else _text_of(c) for c in element.children)


def html_to_markdown(text: str) -> Conversion:
    """Markdown for an HTML fragment (plain text passes through, escaped)."""
    writer = _MarkdownWriter()
    builder = _build(text)
    if builder.too_deep:
        writer.note(f"markup nested deeper than {MAX_DEPTH} levels kept as its content")
    blocks = writer.blocks(builder.root.children)
    return Conversion("\n\n".join(blocks), writer.notes)


def html_to_text(text: str) -> str:
    """The words of an HTML fragment on one line, entities decoded, tags removed."""
    root = parse_html(text.replace("\n", " "))

    def words(node: Element | str) -> str:
        if isinstance(node, str):
            return node
        if node.tag in DROPPED:
            return ""
        if node.tag == "br" or node.tag in BLOCK:
            return " " + "".join(words(c) for c in node.children) + " "
        return "".join(words(c) for c in node.children)

    return " ".join(words(root).split())


def html_to_text_with_links(text: str) -> str:
    """Like ``html_to_text``, with each link's address after its words in parentheses."""
    root = parse_html(text.replace("\n", " "))

    def words(node: Element | str) -> str:
        if isinstance(node, str):
            return node
        if node.tag in DROPPED:
            return ""
        inner = "".join(words(c) for c in node.children)
        if node.tag == "br":
            return " / "  # credits list several people on several lines
        if node.tag in BLOCK:
            return " " + inner + " "
        href = node.attrs.get("href", "").strip() if node.tag == "a" else ""
        if href and _safe_url(href) and " ".join(inner.split()) != href:
            return f"{inner} ({href})"
        return inner

    return " ".join(words(root).split())
