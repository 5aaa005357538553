"""`timeline export bibtex`: every source as a biblatex ``@online``/``@misc`` entry.

Event text is untrusted, and a .bib file is parsed by BibTeX, biber and LaTeX:
every text value is escaped for LaTeX, and braces become ``\\textbraceleft{}``
rather than ``\\{`` because BibTeX counts braces even after a backslash, so a lone
``}`` in a title could otherwise close the field and start another. URLs keep their
characters except the three BibTeX or ``\\url`` would read (``{``, ``}``, ``\\``),
which are percent-encoded. Dates are biblatex's EDTF ``date`` field at their true
precision (``2025-04``, ``1990~``, ``1990/1999``), plus ``year``/``month`` for
classic BibTeX styles when the date is a plain year, month or day.
"""

from __future__ import annotations

import re

from timeline.citations import Item, items
from timeline.dates import EventDate, Precision
from timeline.exports import Export, ExportOptions
from timeline.model import Timeline

_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_SPECIAL = re.compile(r"[\\{}$&%#_^~]")
_SPACE = re.compile(r"\s+")
_PLAIN_EDTF = re.compile(r"^-?\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def latex(text: str) -> str:
    """Text as LaTeX that prints it as it is, on one line; safe inside ``{...}``."""
    flat = _SPACE.sub(" ", text).strip()
    escaped = _SPECIAL.sub(lambda match: _LATEX[match.group()], flat)
    # "@" cannot start an entry inside a braced field, and braces are balanced above.
    return escaped


def url(text: str) -> str:
    """A URL for biblatex's url field: braces and backslashes percent-encoded."""
    return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


# What biblatex's EDTF date field reads as written (seasons are its 21-24 only).
_BIBLATEX_EDTF = re.compile(r"-?\d{4}(?:-(?:0[1-9]|1[0-2]|2[1-4])(?:-\d{2})?)?[~?%]?")


def bib_date(date: EventDate) -> str:
    """biblatex's EDTF date: the date's EDTF, or the range it covers when biblatex has none."""
    from timeline.render.meta import MONTH_RANGES, PARTS, iso_cut

    if date.start is not None and date.end is not None:
        start, end = bib_date(date.start), bib_date(date.end)
        return f"{start.split('/')[0]}/{end.split('/')[-1]}"
    edtf = date.edtf
    if _BIBLATEX_EDTF.fullmatch(edtf):
        value = edtf
    else:
        # Quarters, decades, centuries, deep time, open dates: what they cover.
        parts = 2 if date.precision in MONTH_RANGES else PARTS.get(date.precision, 1)
        low, high = iso_cut(date.lower.iso(), parts), iso_cut(date.upper.iso(), parts)
        value = low if low == high else f"{low}/{high}"
    if date.open_end and "/" not in value:
        value += "/"  # biblatex's open-ended range
    return value


def entry(item: Item) -> str:
    """One biblatex entry."""
    source = item.source
    fields: list[tuple[str, str]] = []
    if source.title:
        fields.append(("title", latex(source.title)))
    if source.authors:
        # Each byline is one name in braces: "Jane Doe and Ali Rezaei" would be split,
        # and "Doe, Jane" reordered, by BibTeX's name parser.
        fields.append(("author", " and ".join("{" + latex(a) + "}" for a in source.authors)))
    if source.publisher:
        fields.append(("organization", latex(source.publisher)))
    if source.published is not None:
        fields.append(("date", bib_date(source.published)))
        if _PLAIN_EDTF.match(source.published.edtf):
            fields.append(("year", str(source.published.lower.year)))
            if source.published.precision in (Precision.DAY, Precision.MINUTE, Precision.MONTH):
                fields.append(("month", str(source.published.lower.month)))
    if source.url:
        fields.append(("url", url(source.url)))
    if source.accessed is not None:
        fields.append(("urldate", bib_date(source.accessed)))
    if source.language:
        fields.append(("langid", latex(source.language)))
    if source.archived:
        note = r"Archived copy: \url{" + url(source.archived) + "}"
        if source.archived_date is not None:
            note += f" ({bib_date(source.archived_date)})"
        fields.append(("addendum", note))
    fields.append(("keywords", latex(", ".join(item.events))))
    kind = "online" if source.url else "misc"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{item.key},\n{body}\n}}\n"


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline's sources as a .bib file (UTF-8), one entry per source."""
    found = items(timeline)
    text = "\n".join(entry(item) for item in found)
    return Export(text.encode("utf-8"), count=len(found))
