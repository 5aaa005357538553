"""Citations out: CSL-JSON (validated, rendered by citeproc-py) and BibTeX (read back)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import bibtexparser
import jsonschema
import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from tests.conftest import EXAMPLE_ROOT, WriteEvent
from timeline.check import check_paths
from timeline.citations import csl_date
from timeline.config import Settings, load_settings
from timeline.dates import parse_date
from timeline.exports import ExportOptions, export
from timeline.exports.bibtex import latex
from timeline.model import Timeline

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "csl-data.json").read_text())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-21", {"date-parts": [[2025, 4, 21]]}),
        ("April 2025", {"date-parts": [[2025, 4]]}),
        ("2025", {"date-parts": [[2025]]}),
        ("1990s", {"date-parts": [[1990], [1999]]}),
        ("circa 1990", {"date-parts": [[1990]], "circa": True}),
        ("2025-04~", {"date-parts": [[2025, 4]], "circa": True}),
        ("spring 2025", {"date-parts": [[2025]], "season": 1}),
        ("Q2 2025", {"date-parts": [[2025, 4], [2025, 6]]}),
        ("44 BC", {"date-parts": [[-44]]}),
        ("21–22 April 2025", {"date-parts": [[2025, 4, 21], [2025, 4, 22]]}),
        ("April–June 2025", {"date-parts": [[2025, 4], [2025, 6]]}),
        ("2025-04-21T14:30", {"date-parts": [[2025, 4, 21]]}),
        ("2025-40", {"date-parts": [[2025, 1], [2025, 6]]}),  # first semester
        ("Y-170000002", {"date-parts": [[-170000003]]}),
    ],
)
def test_dates_keep_their_precision(text: str, expected: dict[str, Any]) -> None:
    assert csl_date(parse_date(text)) == expected


HOSTILE = r"Braces } { and \textbf{bold} 100% & #1 $x^2$ a_b ~ @misc{evil, title={pwned}"

SOURCES = f"""\
title: A
date: 2025
sources:
  - id: report
    locator: p. 4
  - title: 'Inline: {HOSTILE.replace("'", "''")}'
    url: https://example.org/a?b={{c}}
    authors: [Jane Doe, 'Doe, John']
    publisher: Example & Co
    published: circa 1990
    accessed: 2025-04-22
    archived: https://web.archive.org/web/2025/https://example.org/a
    archived_date: April 2025
    language: fa-IR
"""


@pytest.fixture
def timeline(write_event: WriteEvent, settings: Settings, project: Path) -> Timeline:
    (project / "sources").mkdir()
    (project / "sources" / "report.yaml").write_text(
        "title: The report\npublisher: Agency\npublished: March 2025\nurl: https://example.org/r\n",
        encoding="utf-8",
    )
    write_event("a.yaml", SOURCES)
    write_event("b.yaml", "title: B\ndate: 2024\nsources:\n  - id: report\n    quote: Q\n")
    result = check_paths(settings)
    assert result.timeline is not None, [p.format() for p in result.problems]
    return result.timeline


def _export(name: str, timeline: Timeline) -> bytes:
    return export(name, timeline, ExportOptions()).content


def test_csl_json_is_valid_and_has_one_item_per_source(timeline: Timeline) -> None:
    items = json.loads(_export("csl-json", timeline))
    jsonschema.Draft7Validator(SCHEMA).validate(items)
    assert [item["id"] for item in items] == ["report", "a-2"]
    report, inline = items
    assert report["custom"]["events"] == ["b", "a"]  # cited twice, listed once
    assert report["issued"] == {"date-parts": [[2025, 3]]}
    assert inline["issued"] == {"date-parts": [[1990]], "circa": True}
    assert inline["custom"]["edtf"] == {
        "issued": "1990~",
        "accessed": "2025-04-22",
        "archived": "2025-04",
    }
    assert inline["author"] == [{"literal": "Jane Doe"}, {"literal": "Doe, John"}]
    assert inline["archive_location"].startswith("https://web.archive.org/")
    assert inline["language"] == "fa-IR"


def test_the_example_timeline_exports_valid_csl_json() -> None:
    result = check_paths(load_settings(start=EXAMPLE_ROOT))
    assert result.timeline is not None
    items = json.loads(_export("csl-json", result.timeline))
    jsonschema.Draft7Validator(SCHEMA).validate(items)
    assert len({item["id"] for item in items}) == len(items) >= 5


def test_citeproc_renders_the_bibliography(timeline: Timeline) -> None:
    items = json.loads(_export("csl-json", timeline))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py does not know `custom`, and says so
        source = CiteProcJSON(items)
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, source, formatter.plain)
        for item in items:
            bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bibliography.bibliography()]
    text = "\n".join(rendered)
    assert len(rendered) == 2
    assert "The report" in text and "(2025)" in text and "Agency" in text
    assert "Doe, John" in text and "(1990)" in text
    assert "Available at: https://example.org/r" in text


def test_bibtex_escapes_untrusted_text_and_reads_back(timeline: Timeline) -> None:
    text = _export("bibtex", timeline).decode("utf-8")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert [entry.key for entry in library.entries] == ["report", "a-2"]
    inline = library.entries[1]
    fields = inline.fields_dict
    # The hostile title is one field: no entry or field smuggled in through it.
    assert set(fields) == {
        "title",
        "author",
        "organization",
        "date",
        "url",
        "urldate",
        "langid",
        "addendum",
        "keywords",
    }
    assert fields["title"].value == latex("Inline: " + HOSTILE)
    assert r"\textbraceright{}" in fields["title"].value
    assert fields["author"].value == "{Jane Doe} and {Doe, John}"
    assert fields["organization"].value == r"Example \& Co"
    assert fields["date"].value == "1990~"
    assert fields["url"].value == "https://example.org/a?b=%7Bc%7D"
    assert fields["keywords"].value == "a"
    assert library.entries[0].fields_dict["date"].value == "2025-03"
    assert library.entries[0].fields_dict["month"].value == "3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-04-21", "2025-04-21"),
        ("1990~", "1990~"),
        ("spring 2025", "2025-21"),
        ("2025-33", "2025-01/2025-03"),
        ("1990s", "1990/1999"),
        ("2025-04/..", "2025-04/"),
        ("Y-170000002", "-170000002"),
        ("21–22 April 2025", "2025-04-21/2025-04-22"),
    ],
)
def test_bibtex_dates(text: str, expected: str) -> None:
    from timeline.exports.bibtex import bib_date

    assert bib_date(parse_date(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a & b", r"a \& b"),
        ("50%", r"50\%"),
        ("}{", r"\textbraceright{}\textbraceleft{}"),
        ("back\\slash", r"back\textbackslash{}slash"),
        ("two\nlines", "two lines"),
        ("x^2 ~ y_1 #3 $", r"x\textasciicircum{}2 \textasciitilde{} y\_1 \#3 \$"),
    ],
)
def test_latex_escaping(text: str, expected: str) -> None:
    assert latex(text) == expected


def test_exports_through_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from timeline.cli import main

    out = tmp_path / "sources.bib"
    result = CliRunner().invoke(
        main, ["export", "bibtex", "--config", str(EXAMPLE_ROOT / "mkdocs.yml"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "sources to" in result.stderr
    assert bibtexparser.parse_string(out.read_text(encoding="utf-8")).failed_blocks == []
