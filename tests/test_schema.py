from __future__ import annotations

import json

import pytest

from tests.conftest import WriteEvent
from timeline.check import check_paths
from timeline.config import Settings
from timeline.dates import Precision
from timeline.schema import EVENT_FIELDS, field_reference, json_schema

GOOD = """
title: Putin ratifies the treaty
date: Apr 21 2025
tags: [no, yes, '012']
actors: [Vladimir Putin]
sources:
  - title: Putin ratifies agreement
    publisher: TASS
    published: 2025-04-21
    url: https://tass.com/politics/1
related: []
draft: no
order: 2
"""


def test_values_are_typed_by_the_schema_not_by_yaml(
    write_event: WriteEvent, settings: Settings
) -> None:
    write_event("2025/2025-04-21-ratified.yaml", GOOD)
    result = check_paths(settings)
    assert result.problems == ()
    assert result.timeline is not None
    (event,) = result.timeline.events
    assert event.id == "2025-04-21-ratified"
    assert event.tags == ("no", "yes", "012")
    assert event.date.precision is Precision.DAY
    assert event.draft is False
    assert event.order == 2
    (source,) = event.sources
    assert source.published is not None and source.published.precision is Precision.DAY
    assert source.url == "https://tass.com/politics/1"


def test_unquoted_iso_date_and_bare_year_work(write_event: WriteEvent, settings: Settings) -> None:
    write_event("a.yaml", "title: A\ndate: 2025-04-21\n")
    write_event("b.yaml", "title: B\ndate: 2025\n")
    result = check_paths(settings)
    assert result.problems == ()
    assert result.timeline is not None
    assert [e.when.precision for e in result.timeline] == [Precision.YEAR, Precision.DAY]


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "field", "fragment"),
    [
        ("title: A\ndate: 2025\ntitel: B\n", "E101", 3, 1, "titel", "did you mean 'title'?"),
        ("date: 2025\n", "E102", 1, 1, "title", "required field 'title' is missing"),
        ("title: A\n", "E102", 1, 1, "date", "required field 'date' is missing"),
        ("title: [A]\ndate: 2025\n", "E103", 1, 8, "title", "expected text, got a list"),
        ("title: A\ndate: 2025\ntags: treaty\n", "E103", 3, 7, "tags", "expected a list of text"),
        ("title:\ndate: 2025\n", "E104", 1, 7, "title", "'title' is empty"),
        ("title: A\ndate: Aprl 2025\n", "E105", 2, 7, "date", "Aprl 2025"),
        (
            "title: A\ndate: 2025\nsources:\n  - url: javascript:alert(1)\n",
            "E106",
            4,
            10,
            "sources[0].url",
            "javascript: link",
        ),
        (
            "title: A\ndate: 2025\nsources:\n  - url: tass.com/x\n",
            "E106",
            4,
            10,
            "sources[0].url",
            "expected an http(s) URL",
        ),
        ("title: A\ndate: 2025\ndraft: maybe\n", "E107", 3, 8, "draft", "expected true or false"),
        ("title: A\ndate: 2025\nimportance: 9\n", "E107", 3, 13, "importance", "from 1 to 5"),
        ("title: A\ndate: 2025\ncalendar: jalaly\n", "E107", 3, 11, "calendar", "'jalali'"),
        ("title: A\ndate: 2025\nend: 2024\n", "E108", 3, 6, "end", ""),
        ("title: A\ndate: 2025\nsources:\n  - publisher: X\n", "E102", 4, 5, "sources[0]", "title"),
        (
            "title: A\ndate: 2025\nmedia:\n  - src: a.jpg\n",
            "E102",
            4,
            5,
            "media[0].alt",
            "'alt'",
        ),
        ("title: A\ndate: 2025\nrelated: [Not An Id]\n", "E107", 3, 11, "related[0]", "event id"),
        ("title: A\ndate: last month\n", "E105", 2, 7, "date", ""),
        ("title: A\ndate: last month\nas_of: 2025\n", "E105", 3, 8, "as_of", "expected a day"),
    ],
)
def test_schema_problems_point_at_the_value(
    write_event: WriteEvent,
    settings: Settings,
    text: str,
    code: str,
    line: int,
    column: int,
    field: str,
    fragment: str,
) -> None:
    write_event("x.yaml", text)
    result = check_paths(settings)
    matching = [p for p in result.problems if p.code == code and p.field == field]
    assert matching, [p.format() for p in result.problems]
    problem = matching[0]
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert fragment in problem.message + (problem.hint or "")
    assert problem.path == "events/x.yaml"
    assert result.timeline is None


@pytest.mark.parametrize(
    "src",
    [
        "<iframe/src=https://evil.test/frame>",
        "x.jpg'onerror='alert(1)",
        'x.jpg"><script>alert(1)</script>',
        "x.jpg?a=1",
        "x.jpg#top",
        "images/../../etc/passwd",
        "images//x.jpg",
        "x%zz.jpg",
        "x&amp;y.jpg",
        "x(1).jpg",
    ],
)
def test_media_src_that_is_no_path_is_refused(
    write_event: WriteEvent, settings: Settings, src: str
) -> None:
    write_event("x.yaml", f"title: A\ndate: 2025\nmedia:\n  - src: {json.dumps(src)}\n    alt: A\n")
    result = check_paths(settings)
    assert [(p.code, p.field, p.line, p.column) for p in result.problems] == [
        ("E111", "media[0].src", 4, 10)
    ]
    assert "a path relative to docs/" in result.problems[0].message
    assert result.timeline is None


@pytest.mark.parametrize(
    "src",
    ["images/x.jpg", "/images/x.jpg", "фото/снимок-1.jpg", "a_b~c+d.v2.PNG", "x%20y.jpg"],
)
def test_media_src_paths_are_accepted(
    write_event: WriteEvent, settings: Settings, src: str
) -> None:
    write_event("x.yaml", f"title: A\ndate: 2025\nmedia:\n  - src: {src}\n    alt: A\n")
    result = check_paths(settings)
    assert not result.problems, [p.format() for p in result.problems]


def test_all_problems_of_a_file_in_one_run(write_event: WriteEvent, settings: Settings) -> None:
    write_event("x.yaml", "titel: A\ndate: Aprl 2025\ndraft: maybe\n")
    codes = sorted(p.code for p in check_paths(settings).problems)
    assert codes == ["E101", "E102", "E105", "E107"]


def test_relative_date_with_as_of(write_event: WriteEvent, settings: Settings) -> None:
    write_event("x.yaml", "title: A\ndate: last month\nas_of: 2025-04-22\n")
    result = check_paths(settings)
    assert result.timeline is not None, [p.format() for p in result.problems]
    (event,) = result.timeline.events
    assert event.when.edtf == "2025-03"


def test_end_makes_a_span(write_event: WriteEvent, settings: Settings) -> None:
    write_event("x.yaml", "title: A\ndate: 29 February 2024\nend: 1 March 2024\n")
    result = check_paths(settings)
    assert result.timeline is not None
    (event,) = result.timeline.events
    assert event.when.lower.iso() == "2024-02-29"
    assert event.when.upper.iso() == "2024-03-01"


def test_json_schema_is_derived_from_the_fields() -> None:
    schema = json_schema()
    assert schema["required"] == ["title", "date"]
    assert set(schema["properties"]) == {f.name for f in EVENT_FIELDS}
    assert schema["properties"]["media"]["items"]["required"] == ["src", "alt"]
    json.dumps(schema)  # serialisable


def test_json_schema_accepts_the_example_events() -> None:
    import jsonschema
    import yaml

    from tests.conftest import EXAMPLE_ROOT

    schema = json_schema()
    files = sorted((EXAMPLE_ROOT / "events").rglob("*.yaml"))
    assert len(files) >= 10
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        jsonschema.validate(_dates_as_text(data), schema)


def _dates_as_text(value: object) -> object:
    """What a YAML 1.2 editor sees: unquoted dates are strings, not date objects."""
    import datetime

    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("name", ["fields.md", "problems.md", "cli.md"])
def test_generated_reference_pages_are_current(name: str) -> None:
    from tests.conftest import EXAMPLE_ROOT
    from timeline.guide_pages import PAGES

    page = (EXAMPLE_ROOT / "docs" / "guide" / name).read_text(encoding="utf-8")
    assert page == PAGES[name](), "run: python -m timeline.guide_pages"


def test_field_reference_lists_every_field() -> None:
    reference = field_reference()
    for spec in EVENT_FIELDS:
        assert f"| `{spec.name}` |" in reference
    assert "| `sources[].url` |" in reference


def test_marks_say_where_each_field_is_and_stay_small_and_picklable(
    write_event: WriteEvent, settings: Settings
) -> None:
    import pickle

    from timeline.model import Marks

    write_event("a.yaml", "title: A\ndate: 2024\nsources:\n  - title: S\n    url: https://e.org/\n")
    write_event(
        "b.yaml", "title: B\ndate: 2025\nsources:\n  - title: T\n    url: https://e.org/t\n"
    )
    result = check_paths(settings)
    assert result.timeline is not None
    a, b = sorted(result.timeline.events, key=lambda e: e.id)
    assert isinstance(a.marks, Marks)
    assert a.mark("title") == (1, 8) and a.mark("date") == (2, 7)
    assert a.mark("sources") == (4, 3)  # where the list starts
    assert a.mark("summary") == (0, 0)  # not written
    assert a.sources[0].mark("url") == (5, 10)
    assert dict(a.marks) == {"title": (1, 8), "date": (2, 7), "sources": (4, 3)}
    # Files with the same fields share one tuple of names; only the places are their own.
    assert a.marks._names is b.marks._names
    again = pickle.loads(pickle.dumps(a.marks))  # a second process reads half the files
    assert dict(again) == dict(a.marks) and again == a.marks
    with pytest.raises(KeyError):
        a.marks["summary"]
