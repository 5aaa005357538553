"""The one declarative event schema.

The validator (``read_event``), the JSON Schema for editors (``json_schema``)
and the field reference in the docs (``field_reference``) all derive from
``EVENT_FIELDS``. Every value arrives as the author's text (see loader.py);
the schema alone decides its type.
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from timeline.config import Settings
from timeline.dates import ONGOING, EventDate, Precision, ongoing, parse_date, span
from timeline.errors import DateError
from timeline.loader import EventFile, Mapping, Node, Scalar, Sequence
from timeline.model import (
    TRANSLATABLE,
    Event,
    FrozenMapping,
    Marks,
    Media,
    Source,
    Translation,
)
from timeline.problems import Problem, Severity


class Kind(enum.Enum):
    """What a field holds, in the author's terms."""

    TEXT = "text"  # one line of plain text
    MARKDOWN = "markdown"  # Markdown, may span lines
    DATE = "date"  # a date expression (see the date guide)
    URL = "url"  # absolute http(s) URL
    MEDIA_SRC = "media source"  # http(s) URL or a path relative to docs/
    BOOL = "boolean"
    INTEGER = "integer"
    CHOICE = "choice"
    LANGUAGE = "language tag"  # BCP 47, such as en or fa-IR
    SOURCE_ID = "source id"  # a file name under sources/, without .yaml
    TEXT_LIST = "list of text"
    ID_LIST = "list of event ids"
    RELATED = "list of event ids or {id, type} links"
    ERA_ID = "era id"  # a file name under eras/, without .yaml
    OBJECT_LIST = "list of objects"


@dataclass(frozen=True)
class Field:
    """One field of an event file (or of a source or media item)."""

    name: str
    kind: Kind
    description: str
    example: str
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    item_fields: tuple[Field, ...] = ()
    # Text that may be written per language: `title: {en: ..., fa: ...}`.
    translatable: bool = False


# What a source is: written in an event's `sources` list, or once in sources/<id>.yaml.
SOURCE_DESCRIPTION_FIELDS = (
    Field("title", Kind.TEXT, "Headline or title of the source.", "Men walk on Moon"),
    Field(
        "url", Kind.URL, "Where the source can be read.", "https://www.nasa.gov/history/apollo-11"
    ),
    Field("publisher", Kind.TEXT, "Who published it.", "NASA"),
    Field("authors", Kind.TEXT_LIST, "Who wrote it, as bylined.", "[John Noble Wilford]"),
    Field(
        "published",
        Kind.DATE,
        "When it was published, at the precision known.",
        "2025-04-21",
    ),
    Field("accessed", Kind.DATE, "When you last read it.", "2025-04-22"),
    Field("archived", Kind.URL, "An archived copy.", "https://web.archive.org/web/2025/..."),
    Field("archived_date", Kind.DATE, "When the archived copy was made.", "2025-04-22"),
    Field("language", Kind.LANGUAGE, "The source's language (BCP 47).", "en"),
)
# How one event uses a source: which one (a registry id), the passage, and where it is.
SOURCE_ID_FIELD = Field(
    "id",
    Kind.SOURCE_ID,
    "A source declared in sources/<id>.yaml (then only quote and locator beside it).",
    "nasa-apollo-11-press-kit",
)
CITATION_FIELDS = (
    SOURCE_ID_FIELD,
    Field("quote", Kind.MARKDOWN, "The passage that supports the event.", "Armstrong stepped..."),
    Field("locator", Kind.TEXT, "Where in the source: page, section, timestamp.", "p. 4"),
)
# `id` first: `timeline fmt` writes fields in this order, and `- id: …` opens a citation.
SOURCE_FIELDS = (SOURCE_ID_FIELD, *SOURCE_DESCRIPTION_FIELDS, *CITATION_FIELDS[1:])
CITATION_NAMES = frozenset(f.name for f in CITATION_FIELDS)

# How one event relates to another, read "this event <type> that one".
RELATION_TYPES = ("caused", "led-to", "part-of", "response-to", "follows", "contradicts")
LINK_FIELDS = (
    Field("id", Kind.TEXT, "The other event's id.", "2025-01-treaty", required=True),
    Field(
        "type",
        Kind.CHOICE,
        "How this event relates to it.",
        "led-to",
        choices=RELATION_TYPES,
    ),
)

MEDIA_FIELDS = (
    Field(
        "src",
        Kind.MEDIA_SRC,
        "Image URL, or a path relative to docs/.",
        "images/landing.jpg",
        required=True,
    ),
    Field(
        "alt",
        Kind.TEXT,
        "Text alternative for readers who cannot see the image.",
        "An astronaut stands beside a flag on the Moon",
        required=True,
        translatable=True,
    ),
    Field(
        "caption",
        Kind.MARKDOWN,
        "Caption shown under the image.",
        "On the Sea of Tranquility.",
        translatable=True,
    ),
    Field("credit", Kind.TEXT, "Who made the image, and its licence.", "NASA, public domain"),
)

EVENT_FIELDS = (
    Field(
        "title",
        Kind.TEXT,
        "What happened, as a headline.",
        "Apollo 11 lands on the Moon",
        required=True,
        max_length=300,
        translatable=True,
    ),
    Field(
        "date",
        Kind.DATE,
        "When it happened, at the precision your sources give.",
        "Apr 21 2025",
        required=True,
    ),
    Field(
        "end",
        Kind.DATE,
        "When it ended, for events that span time; `ongoing` (or `present`) while it runs on.",
        "Apr 22 2025",
    ),
    Field(
        "summary",
        Kind.MARKDOWN,
        "A short paragraph shown on the timeline.",
        "Two men land...",
        translatable=True,
    ),
    Field(
        "body",
        Kind.MARKDOWN,
        "Longer Markdown shown on the event's page.",
        "## Background",
        translatable=True,
    ),
    Field("tags", Kind.TEXT_LIST, "Topics, for filtering and index pages.", "[treaty]"),
    Field("actors", Kind.TEXT_LIST, "People and organisations involved.", "[Neil Armstrong]"),
    Field("places", Kind.TEXT_LIST, "Where it happened.", "[Sea of Tranquility]"),
    Field(
        "sources",
        Kind.OBJECT_LIST,
        "Where the facts come from.",
        "- title: ...\n  url: https://...",
        item_fields=SOURCE_FIELDS,
    ),
    Field(
        "related",
        Kind.RELATED,
        "Related events: an id, or `{id: ..., type: led-to}` to say how they relate "
        "(types: " + ", ".join(RELATION_TYPES) + ").",
        "[2025-01-treaty]",
    ),
    Field(
        "era", Kind.ERA_ID, "The era (a file name under eras/) the event belongs to.", "cold-war"
    ),
    Field(
        "media",
        Kind.OBJECT_LIST,
        "Images shown on the event's page.",
        "- src: images/x.jpg\n  alt: ...",
        item_fields=MEDIA_FIELDS,
    ),
    Field("draft", Kind.BOOL, "Leave the event out of the site.", "true"),
    Field(
        "display_date",
        Kind.TEXT,
        "Text shown instead of the computed date label.",
        "late April 2025",
        max_length=100,
    ),
    Field("order", Kind.INTEGER, "Tie-break between events with the same date.", "1"),
    Field(
        "importance",
        Kind.INTEGER,
        "1 (minor) to 5 (major); for highlighting.",
        "3",
        minimum=1,
        maximum=5,
    ),
    Field(
        "calendar",
        Kind.CHOICE,
        "The calendar `date` and `end` are written in.",
        "jalali",
        choices=("gregorian", "julian", "jalali", "hijri"),
    ),
    Field(
        "as_of",
        Kind.DATE,
        "The day a relative date ('last month') was written; the source's date.",
        "2025-04-22",
    ),
)

FIELDS_BY_NAME = {f.name: f for f in EVENT_FIELDS}
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
# Names of the site's own pages beside the event pages: no event may take them.
RESERVED_IDS = frozenset(
    {"index", "tags", "actors", "places", "years", "assets", "changes", "eras", "embed", "map"}
)
_SPACE = re.compile(r"\s")
TRUE_WORDS = ("true", "yes")
FALSE_WORDS = ("false", "no")

CODES = {
    "E101": "unknown field",
    "E102": "required field missing",
    "E103": "value of the wrong shape (text, list or mapping)",
    "E104": "empty value",
    "E105": "date not understood",
    "E106": "invalid URL",
    "E107": "invalid boolean, number or choice",
    "E108": "end before start",
    "E109": "text too long, or several lines where one is expected",
    "W110": "the same item twice in a list",
    "E111": "media source that is neither an http(s) URL nor a plain relative path",
    "E112": "a source cited by `id` also sets fields its registry file declares",
    "E113": "`archived_date` without `archived`",
    "E114": "a translation under a key that is not a known language (BCP 47, as Babel knows it)",
    "E115": "translations without the text in the default language",
    "W116": "a translation into a language the site is not built in",
}


def _type_name(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return repr(node.text)


class _Reader:
    """Reads one event file's mapping against the schema, collecting problems."""

    def __init__(self, file: EventFile, settings: Settings) -> None:
        self.file = file
        self.settings = settings
        self.problems: list[Problem] = []
        # Per field path ('title', 'media[0].alt'): its texts in other languages.
        self.translations: dict[str, dict[str, str]] = {}

    def problem(
        self, node: Node, code: str, field: str, message: str, hint: str | None = None
    ) -> None:
        self.problems.append(
            Problem(self.file.display, node.line, node.column, code, message, hint, field)
        )

    def check_fields(self, mapping: Mapping, fields: tuple[Field, ...], where: str) -> None:
        names = [f.name for f in fields]
        for name, (key, _value) in mapping.entries.items():
            if name in names:
                continue
            close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"fields are: {', '.join(names)}"
            self.problem(key, "E101", f"{where}{name}", f"unknown field {name!r}", hint)
        for f in fields:
            if f.required and f.name not in mapping.entries:
                self.problem(
                    mapping,
                    "E102",
                    f"{where}{f.name}",
                    f"required field {f.name!r} is missing",
                    f"add a line such as `{f.name}: {f.example}`",
                )

    def scalar(self, node: Node, field: str, what: str) -> Scalar | None:
        if isinstance(node, Scalar):
            return node
        name = field.rpartition(".")[2].partition("[")[0]
        self.problem(
            node,
            "E103",
            field,
            f"expected {what}, got {_type_name(node)}",
            f"write the value on the same line, such as `{name}: ...`; quote it if it "
            "starts with [ or {",
        )
        return None

    def text(self, node: Node, spec: Field, field: str) -> str | None:
        scalar = self.scalar(node, field, "text")
        if scalar is None:
            return None
        value = scalar.text.strip()
        if spec.kind is Kind.TEXT and "\n" in value:
            self.problem(
                scalar,
                "E109",
                field,
                "expected one line of text, got several",
                "join the lines, or use `summary` or `body` for longer text",
            )
            return None
        if spec.max_length is not None and len(value) > spec.max_length:
            self.problem(
                scalar,
                "E109",
                field,
                f"expected at most {spec.max_length} characters, got {len(value)}",
                "shorten it; longer text belongs in `summary` or `body`",
            )
            return None
        return value

    def translated(self, mapping: Mapping, spec: Field, field: str) -> str | None:
        """``title: {en: ..., fa: ...}``: the default language's text; the others kept aside."""
        default = self.settings.content_language
        built = {language.code for language in self.settings.translations}
        known = sorted({default, *built})
        texts: dict[str, str] = {}
        for language, (key, node) in mapping.entries.items():
            where = f"{field}.{language}"
            if language_problem(language) is not None:
                close = difflib.get_close_matches(language, known, n=1, cutoff=0.5)
                self.problem(
                    key,
                    "E114",
                    where,
                    f"{language!r} is not a language tag Babel knows",
                    f"did you mean {close[0]!r}?"
                    if close
                    else "write the text under a language tag such as 'en', 'fa' or 'ru' (BCP 47)",
                )
                continue
            if _is_empty(node):
                self.problem(
                    node,
                    "E104",
                    where,
                    f"the {language!r} text of {spec.name!r} is empty",
                    f"write it, or remove the line: without it the page shows the {default!r} text",
                )
                continue
            value = self.text(node, spec, where)
            if value is None:
                continue
            if language != default and language not in built:
                self.problems.append(
                    Problem(
                        self.file.display,
                        key.line,
                        key.column,
                        "W116",
                        f"{spec.name!r} is translated into {language!r}, "
                        "which the site is not built in",
                        f"add {language!r} to `translations` in mkdocs.yml (the site's "
                        f"languages: {', '.join(known)}), or correct the language tag",
                        where,
                        Severity.WARNING,
                    )
                )
            texts[language] = value
        if default not in mapping.entries:
            self.problem(
                mapping,
                "E115",
                field,
                f"{spec.name!r} has no {default!r} text (the default language)",
                f"add `{default}: ...`: it is the text of the default site, and of every "
                "language without a translation (setting `default_language`)",
            )
            return None
        if default not in texts:
            return None
        self.translations[field] = {k: v for k, v in sorted(texts.items()) if k != default}
        return texts[default]

    def date(self, node: Node, field: str, **options: Any) -> EventDate | None:
        scalar = self.scalar(node, field, "a date such as '2025-04-21', 'April 2025' or '2025'")
        if scalar is None:
            return None
        try:
            return parse_date(
                scalar.text.strip(),
                languages=self.settings.languages,
                date_order=self.settings.date_order,
                **options,
            )
        except DateError as error:
            self.problem(scalar, "E105", field, error.message, error.hint)
            return None

    def url(self, node: Node, field: str, *, relative_ok: bool = False) -> str | None:
        scalar = self.scalar(node, field, "a URL")
        if scalar is None:
            return None
        value = scalar.text.strip()
        problem = url_problem(value, relative_ok=relative_ok)
        if problem:
            code = "E111" if relative_ok and _meant_as_path(value) else "E106"
            self.problem(scalar, code, field, problem[0], problem[1])
            return None
        return value

    def boolean(self, node: Node, field: str) -> bool | None:
        scalar = self.scalar(node, field, "true or false")
        if scalar is None:
            return None
        word = scalar.text.strip().lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS
        self.problem(scalar, "E107", field, f"expected true or false, got {scalar.text!r}")
        return None

    def integer(self, node: Node, spec: Field, field: str) -> int | None:
        scalar = self.scalar(node, field, "a whole number")
        if scalar is None:
            return None
        text = scalar.text.strip()
        if not re.fullmatch(r"[+-]?[0-9]{1,9}", text):
            self.problem(scalar, "E107", field, f"expected a whole number, got {text!r}")
            return None
        value = int(text)
        low, high = spec.minimum, spec.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            self.problem(
                scalar, "E107", field, f"expected a number from {low} to {high}, got {value}"
            )
            return None
        return value

    def choice(self, node: Node, spec: Field, field: str) -> str | None:
        scalar = self.scalar(node, field, "one of " + ", ".join(spec.choices))
        if scalar is None:
            return None
        value = scalar.text.strip().lower()
        if value in spec.choices:
            return value
        close = difflib.get_close_matches(value, spec.choices, n=1)
        self.problem(
            scalar,
            "E107",
            field,
            f"expected one of {', '.join(spec.choices)}, got {scalar.text!r}",
            f"did you mean {close[0]!r}?" if close else None,
        )
        return None

    def language(self, node: Node, spec: Field, field: str) -> str | None:
        value = self.text(node, spec, field)
        if value is None or LANGUAGE_PATTERN.match(value):
            return value
        self.problem(
            node,
            "E107",
            field,
            f"expected a language tag such as 'en', 'ru' or 'fa-IR', got {value!r}",
            "use the two- or three-letter code of the language (BCP 47)",
        )
        return None

    def items(self, node: Node, field: str, what: str) -> Iterator[tuple[int, Node]]:
        if not isinstance(node, Sequence):
            hint = f"write a list: `{field}: [...]` or one `- item` per line"
            self.problem(
                node, "E103", field, f"expected a list of {what}, got {_type_name(node)}", hint
            )
            return
        yield from enumerate(node.items)

    def text_list(self, node: Node, spec: Field, field: str) -> tuple[str, ...]:
        values: list[str] = []
        for index, item in self.items(node, field, "text"):
            where = f"{field}[{index}]"
            if isinstance(item, Scalar) and item.is_null:
                self.problem(item, "E104", where, "empty list item", "remove the empty `-` line")
                continue
            value = self.text(item, Field(spec.name, Kind.TEXT, "", "", max_length=200), where)
            if value is None:
                continue
            if spec.kind is Kind.ID_LIST and not ID_PATTERN.match(value):
                self.problem(
                    item,
                    "E107",
                    where,
                    f"expected an event id (a file name without .yaml), got {value!r}",
                    "ids are lowercase letters, digits and hyphens",
                )
                continue
            if value in values:
                self.problems.append(
                    Problem(
                        self.file.display,
                        item.line,
                        item.column,
                        "W110",
                        f"{value!r} is listed twice",
                        "remove the repeat",
                        where,
                        Severity.WARNING,
                    )
                )
                continue
            values.append(value)
        return tuple(values)

    def identifier(self, node: Node, spec: Field, field: str, what: str) -> str | None:
        value = self.text(node, spec, field)
        if value is None or ID_PATTERN.match(value):
            return value
        self.problem(
            node,
            "E107",
            field,
            f"expected {what} without .yaml, got {value!r}",
            "ids are lowercase letters, digits and hyphens",
        )
        return None

    def links(self, node: Node, spec: Field, field: str) -> tuple[tuple[str, str | None], ...]:
        """``related``: plain ids, or ``{id, type}`` mappings naming the relation."""
        links: list[tuple[str, str | None]] = []
        for index, item in self.items(node, field, "event ids"):
            where = f"{field}[{index}]"
            if isinstance(item, Scalar) and item.is_null:
                self.problem(item, "E104", where, "empty list item", "remove the empty `-` line")
                continue
            kind: str | None = None
            target: Node = item
            if isinstance(item, Mapping):
                before = len(self.problems)
                self.check_fields(item, LINK_FIELDS, f"{where}.")
                values = self.values(item, LINK_FIELDS, f"{where}.")
                if len(self.problems) > before or "id" not in values:
                    continue
                kind = values.get("type")
                target = item.entries["id"][1]
            value = self.text(target, Field(spec.name, Kind.TEXT, "", "", max_length=200), where)
            if value is None:
                continue
            if not ID_PATTERN.match(value):
                self.problem(
                    target,
                    "E107",
                    where,
                    f"expected an event id (a file name without .yaml), got {value!r}",
                    "ids are lowercase letters, digits and hyphens; a typed link is "
                    "`{id: other-event, type: led-to}`",
                )
                continue
            if any(value == seen for seen, _type in links):
                self.problems.append(
                    Problem(
                        self.file.display,
                        target.line,
                        target.column,
                        "W110",
                        f"{value!r} is listed twice",
                        "remove the repeat",
                        where,
                        Severity.WARNING,
                    )
                )
                continue
            links.append((value, kind))
        return tuple(links)

    def objects(
        self,
        node: Node,
        spec: Field,
        field: str,
        build: Callable[[dict[str, Any], Mapping, str], Any],
    ) -> tuple[Any, ...]:
        built = []
        for index, item in self.items(node, field, "mappings"):
            where = f"{field}[{index}]"
            if not isinstance(item, Mapping):
                self.problem(
                    item,
                    "E103",
                    where,
                    f"expected a mapping of {', '.join(f.name for f in spec.item_fields)}, "
                    f"got {_type_name(item)}",
                )
                continue
            before = len(self.problems)
            self.check_fields(item, spec.item_fields, f"{where}.")
            values = self.values(item, spec.item_fields, f"{where}.")
            if len(self.problems) == before or all(not p.is_error for p in self.problems[before:]):
                built.append(build(values, item, f"{where}."))
        return tuple(built)

    def value(self, node: Node, spec: Field, field: str) -> Any:
        kind = spec.kind
        if kind in (Kind.TEXT, Kind.MARKDOWN):
            return self.text(node, spec, field)
        if kind is Kind.DATE:
            return self.date(node, field)
        if kind is Kind.URL:
            return self.url(node, field)
        if kind is Kind.MEDIA_SRC:
            return self.url(node, field, relative_ok=True)
        if kind is Kind.BOOL:
            return self.boolean(node, field)
        if kind is Kind.INTEGER:
            return self.integer(node, spec, field)
        if kind is Kind.CHOICE:
            return self.choice(node, spec, field)
        if kind in (Kind.TEXT_LIST, Kind.ID_LIST):
            return self.text_list(node, spec, field)
        if kind is Kind.LANGUAGE:
            return self.language(node, spec, field)
        if kind is Kind.SOURCE_ID:
            return self.identifier(node, spec, field, "a source id (a file name under sources/)")
        if kind is Kind.RELATED:
            return self.links(node, spec, field)
        if kind is Kind.ERA_ID:
            return self.identifier(node, spec, field, "an era id (a file name under eras/)")
        raise AssertionError(f"no reader for {kind}")  # pragma: no cover

    def values(self, mapping: Mapping, fields: tuple[Field, ...], where: str) -> dict[str, Any]:
        """Typed values of the known, non-empty fields of a mapping."""
        values: dict[str, Any] = {}
        for spec in fields:
            entry = mapping.entries.get(spec.name)
            if entry is None:
                continue
            node = entry[1]
            field = f"{where}{spec.name}"
            if isinstance(node, Scalar) and (node.is_null or not node.text.strip()):
                if spec.required:
                    self.problem(
                        node,
                        "E104",
                        field,
                        f"{spec.name!r} is empty",
                        f"write a value, such as `{spec.name}: {spec.example}`",
                    )
                continue
            if spec.kind is Kind.OBJECT_LIST or (not where and spec.name in ("date", "end")):
                continue  # read by the caller: they need context (as_of, calendar)
            if spec.translatable and isinstance(node, Mapping):
                value = self.translated(node, spec, field)
            else:
                value = self.value(node, spec, field)
            if value is not None:
                values[spec.name] = value
        return values


# A relative media path is letters, marks and digits of any script and "-_.~+" between
# slashes, with percent-escapes. Anything else (markup, quotes, '?', '#', '&') is not a
# file in docs/, and TimelineJS pastes the value into HTML attributes.
_PATH_PUNCTUATION = frozenset("-_.~+")
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _meant_as_path(value: str) -> bool:
    """Whether a media value has no scheme and no host: it can only be a path."""
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def is_relative_path(value: str) -> bool:
    """Whether ``value`` is a plain path of a file under docs/ (no '..', no markup)."""
    segments = value.removeprefix("/").split("/")
    return not _STRAY_PERCENT.search(value) and all(
        segment not in ("", "..")
        and all(
            c in _PATH_PUNCTUATION or c == "%" or unicodedata.category(c)[0] in "LMN"
            for c in segment
        )
        for segment in segments
    )


def url_problem(value: str, *, relative_ok: bool = False) -> tuple[str, str] | None:
    """Why ``value`` is not an acceptable link, as (message, hint); None when it is."""
    if _SPACE.search(value):
        return (f"expected a URL without spaces, got {value!r}", "encode spaces as %20")
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    if relative_ok and _meant_as_path(value):
        if is_relative_path(value):
            return None
        return (
            f"expected an http(s) URL or a path relative to docs/, got {value!r}",
            "a path is letters, digits, '-', '_', '.', '~' and '+' between '/' (no '..',"
            " markup, quotes or query): rename the file, or percent-encode (%27 for ')",
        )
    expected = "an http(s) URL or a path relative to docs/" if relative_ok else "an http(s) URL"
    if parts.scheme and parts.scheme not in ("http", "https"):
        return (
            f"expected {expected}, got a {parts.scheme}: link",
            "only http and https links are published",
        )
    return (f"expected {expected}, got {value!r}", "write the full address, such as https://...")


def read_when(
    reader: _Reader, root: Mapping, *, as_of: EventDate | None = None, calendar: str = "gregorian"
) -> tuple[dict[str, EventDate], EventDate | None]:
    """``date`` and ``end`` of an event or era file, and the two joined (open ends included)."""
    entries = root.entries
    dates: dict[str, EventDate] = {}
    open_end = False
    for name in ("date", "end"):
        entry = entries.get(name)
        if entry is None or _is_empty(entry[1]):
            continue  # a missing or empty `date` is reported with the other fields
        node = entry[1]
        if name == "end" and isinstance(node, Scalar) and node.text.strip().lower() in ONGOING:
            open_end = True  # `end: ongoing`: open, never resolved against the build day
            continue
        parsed = reader.date(entry[1], name, as_of=as_of, calendar=calendar)
        if parsed is not None:
            dates[name] = parsed
    when = dates.get("date")
    if when is not None and open_end:
        try:
            when = ongoing(when)
        except DateError as error:
            reader.problem(entries["end"][1], "E108", "end", error.message, error.hint)
            when = None
    if when is not None and "end" in dates:
        try:
            when = span(when, dates["end"])
        except DateError as error:
            reader.problem(entries["end"][1], "E108", "end", error.message, error.hint)
            when = None

    return dates, when


def read_event(file: EventFile, settings: Settings) -> tuple[Event | None, list[Problem]]:
    """Read one loaded event file against the schema: the Event, or None, and the problems."""
    reader = _Reader(file, settings)
    root = file.root
    reader.check_fields(root, EVENT_FIELDS, "")
    values = reader.values(root, EVENT_FIELDS, "")
    entries = root.entries

    as_of = values.get("as_of")
    if as_of is not None and as_of.precision is not Precision.DAY:
        reader.problem(
            entries["as_of"][1],
            "E105",
            "as_of",
            f"expected a day such as '2025-04-22', got {as_of.text!r} ({as_of.precision.value})",
            "as_of is the date of the source that used the relative phrase",
        )
        as_of = None
    calendar = values.get("calendar", "gregorian")
    dates, when = read_when(reader, root, as_of=as_of, calendar=calendar)

    sources = ()
    if "sources" in entries and not _is_empty(entries["sources"][1]):
        sources = reader.objects(
            entries["sources"][1], FIELDS_BY_NAME["sources"], "sources", _build_source(reader)
        )
    media = ()
    if "media" in entries and not _is_empty(entries["media"][1]):
        media = reader.objects(
            entries["media"][1],
            FIELDS_BY_NAME["media"],
            "media",
            lambda v, m, where: Media(
                src=v["src"],
                alt=v["alt"],
                caption=v.get("caption"),
                credit=v.get("credit"),
                mark=_value_mark(m, "src"),
                alt_translations=FrozenMapping(reader.translations.get(f"{where}alt", {})),
                caption_translations=FrozenMapping(reader.translations.get(f"{where}caption", {})),
            ),
        )

    if any(p.is_error for p in reader.problems) or when is None or "title" not in values:
        return None, reader.problems
    related = values.get("related", ())
    event = Event(
        id=event_id(file),
        path=file.display,
        title=values["title"],
        date=dates["date"],
        end=dates.get("end"),
        when=when,
        summary=values.get("summary", ""),
        body=values.get("body", ""),
        tags=values.get("tags", ()),
        actors=values.get("actors", ()),
        places=values.get("places", ()),
        sources=sources,
        related=tuple(link[0] for link in related),
        related_types=tuple(link[1] for link in related),
        era=values.get("era"),
        media=media,
        draft=values.get("draft", False),
        display_date=values.get("display_date"),
        order=values.get("order", 0),
        importance=values.get("importance"),
        calendar=calendar,
        as_of=as_of,
        language=settings.content_language,
        translations=_translations(reader.translations),
        marks=field_marks(root),
        related_marks=_item_marks(entries.get("related"), tuple(link[0] for link in related)),
    )
    return event, reader.problems


NO_TRANSLATIONS: Final = FrozenMapping()


def _translations(found: dict[str, dict[str, str]]) -> FrozenMapping:
    """The top-level texts' translations, by language."""
    languages = sorted({language for name in TRANSLATABLE for language in found.get(name, {})})
    if not languages:
        return NO_TRANSLATIONS  # most events: one shared empty mapping, not one each
    return FrozenMapping(
        (language, Translation(**{n: found.get(n, {}).get(language) for n in TRANSLATABLE}))
        for language in languages
    )


def language_problem(tag: str) -> str | None:
    """Why ``tag`` is not a language tag Babel knows; None when it is one."""
    from timeline.config import known_locale

    if not LANGUAGE_PATTERN.match(tag):
        return "not a BCP 47 tag"
    try:
        known_locale(tag)
    except ValueError as error:
        return str(error)
    return None


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and (node.is_null or not node.text.strip())


def _item_marks(
    entry: tuple[Scalar, Node] | None, kept: tuple[str, ...]
) -> tuple[tuple[int, int], ...]:
    """Where each kept list item was written (repeats were dropped from ``kept``)."""
    if entry is None or not isinstance(entry[1], Sequence):
        return ()
    first: dict[str, tuple[int, int]] = {}
    for item in entry[1].items:
        if isinstance(item, Mapping) and "id" in item.entries:
            item = item.entries["id"][1]  # a typed link: {id: ..., type: ...}
        if isinstance(item, Scalar):
            first.setdefault(item.text.strip(), (item.line, item.column))
    return tuple(first.get(value, (entry[1].line, entry[1].column)) for value in kept)


def field_marks(mapping: Mapping) -> Marks:
    """Where each field of ``mapping`` was written: its value's (line, column)."""
    return Marks({name: (node.line, node.column) for name, (_key, node) in mapping.entries.items()})


def _value_mark(mapping: Mapping, name: str) -> tuple[int, int]:
    entry = mapping.entries.get(name)
    node: Node = entry[1] if entry is not None else mapping
    return (node.line, node.column)


def _build_source(reader: _Reader) -> Callable[[dict[str, Any], Mapping, str], Source | None]:
    def build(values: dict[str, Any], mapping: Mapping, where: str) -> Source | None:
        marks = field_marks(mapping)
        if "id" in values:
            # A cited source is described once, in its registry file: fields beside the
            # id would drift from it, so only the per-citation quote and locator may.
            extra = [name for name in values if name not in CITATION_NAMES]
            for name in extra:
                key = mapping.entries[name][0]
                reader.problem(
                    key,
                    "E112",
                    f"{where}{name}",
                    f"{name!r} is set beside `id: {values['id']}`",
                    f"describe the source once, in sources/{values['id']}.yaml; beside an "
                    "id only `quote` and `locator` belong",
                )
            if extra:
                return None
            return Source(
                id=values["id"],
                quote=values.get("quote"),
                locator=values.get("locator"),
                path=reader.file.display,
                marks=marks,
            )
        if "title" not in values and "url" not in values:
            reader.problem(
                mapping,
                "E102",
                where.rstrip(".") or "title",
                "a source needs a `title` or a `url` (or the `id` of a source in sources/)",
                "say what the source is, and where to read it",
            )
            return None
        if "archived_date" in values and "archived" not in values:
            reader.problem(
                mapping.entries["archived_date"][1],
                "E113",
                f"{where}archived_date",
                "`archived_date` is given but there is no `archived` copy",
                "add `archived: <URL of the copy>`, or remove `archived_date`",
            )
            return None
        return Source(
            title=values.get("title"),
            url=values.get("url"),
            publisher=values.get("publisher"),
            authors=values.get("authors", ()),
            published=values.get("published"),
            accessed=values.get("accessed"),
            archived=values.get("archived"),
            archived_date=values.get("archived_date"),
            language=values.get("language"),
            quote=values.get("quote"),
            locator=values.get("locator"),
            path=reader.file.display,
            marks=marks,
        )

    return build


def read_source_file(file: EventFile, settings: Settings) -> tuple[Source | None, list[Problem]]:
    """Read one registry file (sources/<id>.yaml): the Source, or None, and the problems."""
    reader = _Reader(file, settings)
    reader.check_fields(file.root, SOURCE_DESCRIPTION_FIELDS, "")
    values = reader.values(file.root, SOURCE_DESCRIPTION_FIELDS, "")
    if any(p.is_error for p in reader.problems):
        return None, reader.problems
    source = _build_source(reader)(values, file.root, "")
    if source is None:
        return None, reader.problems
    from dataclasses import replace

    return replace(source, id=file.path.stem), reader.problems


def event_id(file: EventFile) -> str:
    """An event's id: its file name without the extension."""
    return file.path.stem


# -- derived views of the schema --------------------------------------------


def _json_type(spec: Field) -> dict[str, Any]:
    described: dict[str, Any] = {"description": spec.description}
    kind = spec.kind
    if kind in (Kind.TEXT, Kind.MARKDOWN, Kind.URL, Kind.MEDIA_SRC):
        described["type"] = "string"
        if kind is Kind.URL:
            described["pattern"] = "^https?://"
        if spec.max_length:
            described["maxLength"] = spec.max_length
    elif kind in (Kind.LANGUAGE, Kind.SOURCE_ID):
        described["type"] = "string"
        described["pattern"] = (LANGUAGE_PATTERN if kind is Kind.LANGUAGE else ID_PATTERN).pattern
    elif kind is Kind.DATE:
        # Unquoted YAML dates and years arrive as dates/numbers in editors' parsers.
        described["type"] = ["string", "integer"]
        described["examples"] = ["Apr 21 2025", "2025-04", "circa 1990", "44 BC"]
    elif kind is Kind.BOOL:
        described["type"] = "boolean"
    elif kind is Kind.INTEGER:
        described["type"] = "integer"
        if spec.minimum is not None:
            described["minimum"] = spec.minimum
        if spec.maximum is not None:
            described["maximum"] = spec.maximum
    elif kind is Kind.CHOICE:
        described["enum"] = list(spec.choices)
    elif kind in (Kind.TEXT_LIST, Kind.ID_LIST):
        item: dict[str, Any] = {"type": "string"}
        if kind is Kind.ID_LIST:
            item["pattern"] = ID_PATTERN.pattern
        described["type"] = "array"
        described["items"] = item
    elif kind is Kind.OBJECT_LIST:
        described["type"] = "array"
        described["items"] = _json_object(spec.item_fields)
    elif kind is Kind.RELATED:
        described["type"] = "array"
        plain = {"type": "string", "pattern": ID_PATTERN.pattern}
        described["items"] = {"anyOf": [plain, _json_object(LINK_FIELDS)]}
    elif kind is Kind.ERA_ID:
        described["type"] = "string"
        described["pattern"] = ID_PATTERN.pattern
    return described


def _json_field(spec: Field) -> dict[str, Any]:
    described = _json_type(spec)
    if not spec.translatable:
        return described
    text = {key: value for key, value in described.items() if key != "description"}
    per_language = {
        "type": "object",
        "propertyNames": {"pattern": LANGUAGE_PATTERN.pattern},
        "additionalProperties": text,
        "minProperties": 1,
    }
    return {"description": described["description"], "anyOf": [text, per_language]}


def _json_object(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields if f.required],
        "properties": {f.name: _json_field(f) for f in fields},
    }


def json_schema() -> dict[str, Any]:
    """The event file schema as JSON Schema (draft 2020-12), for editors."""
    schema = _json_object(EVENT_FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://timeline.invalid/event.schema.json",
        "title": "timeline event",
        "description": "One event of a timeline kept with `timeline`.",
        **schema,
    }


def field_reference() -> str:
    """The field reference of the user guide, as Markdown."""
    lines = [
        "| field | type | required | what it holds | example |",
        "| --- | --- | --- | --- | --- |",
    ]

    def row(spec: Field, prefix: str) -> None:
        example = spec.example.replace("\n", " ").replace("|", "\\|")
        lines.append(
            f"| `{prefix}{spec.name}` | {spec.kind.value}"
            f"{', or one per language' if spec.translatable else ''} "
            f"| {'yes' if spec.required else ''} "
            f"| {spec.description} | `{example}` |"
        )

    for spec in EVENT_FIELDS:
        row(spec, "")
        for item in spec.item_fields:
            row(item, f"{spec.name}[].")
    translatable = [f"`{spec.name}`" for spec in EVENT_FIELDS if spec.translatable]
    translatable += [
        f"`{spec.name}[].{item.name}`"
        for spec in EVENT_FIELDS
        for item in spec.item_fields
        if item.translatable
    ]
    lines += [
        "",
        f"{', '.join(translatable[:-1])} and {translatable[-1]} may be written once per "
        "language, as a mapping such as `title: {en: ..., fa: ...}`: see "
        "[translations](translations.md).",
    ]
    return "\n".join(lines) + "\n"
