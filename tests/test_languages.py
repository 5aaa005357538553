"""Event text in several languages: the schema, Event.in_language, fmt and diff."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import WriteEvent
from timeline.check import check_paths
from timeline.config import Settings, SiteLanguage
from timeline.diff import _field_changes, _read
from timeline.errors import ConfigError
from timeline.fmt import format_text
from timeline.model import Event, Translation
from timeline.schema import CODES, json_schema

FA = SiteLanguage(code="fa", name="فارسی", locale="fa", direction="rtl")

TRANSLATED = """
title:
  en: Russia and Iran sign a partnership treaty
  fa: روسیه و ایران پیمان مشارکت امضا کردند
date: 2025-01-17
summary:
  en: The presidents sign it in Moscow.
  fa: رئیسان‌جمهور آن را در مسکو امضا کردند.
body: Only in English.
media:
  - src: https://example.org/signing.png
    alt:
      en: Two presidents at a table
      fa: دو رئیس‌جمهور پشت یک میز
    caption: Moscow, January 2025.
"""


@pytest.fixture
def two_languages(settings: Settings) -> Settings:
    return replace(settings, translations=(FA,))


def _event(write_event: WriteEvent, settings: Settings, text: str = TRANSLATED) -> Event:
    write_event("treaty.yaml", text)
    result = check_paths(settings)
    assert result.problems == (), [p.format() for p in result.problems]
    assert result.timeline is not None
    (event,) = result.timeline.events
    return event


def test_the_default_language_text_is_the_event_text(
    write_event: WriteEvent, two_languages: Settings
) -> None:
    event = _event(write_event, two_languages)
    assert event.title == "Russia and Iran sign a partnership treaty"
    assert event.summary == "The presidents sign it in Moscow."
    assert event.language == "en"
    assert event.translations == {
        "fa": Translation(
            title="روسیه و ایران پیمان مشارکت امضا کردند",
            summary="رئیسان‌جمهور آن را در مسکو امضا کردند.",
            body=None,
        )
    }
    assert event.media[0].alt == "Two presidents at a table"
    assert event.media[0].alt_translations == {"fa": "دو رئیس‌جمهور پشت یک میز"}
    assert event.languages == ("en", "fa")


def test_in_language_uses_translations_and_marks_fallbacks(
    write_event: WriteEvent, two_languages: Settings
) -> None:
    event = _event(write_event, two_languages)
    persian = event.in_language("fa")
    assert persian.title == "روسیه و ایران پیمان مشارکت امضا کردند"
    assert persian.summary == "رئیسان‌جمهور آن را در مسکو امضا کردند."
    assert persian.body == "Only in English."  # no Persian body: the English one, marked
    assert persian.untranslated == ("body",)
    assert persian.original_language == "en"
    assert persian.language == "fa"
    assert persian.media[0].alt == "دو رئیس‌جمهور پشت یک میز"
    assert persian.media[0].caption == "Moscow, January 2025."
    # Shared facts are untouched.
    assert (persian.id, persian.when, persian.tags) == (event.id, event.when, event.tags)
    # And back again: the same texts as the event read from the file.
    back = persian.in_language("en")
    assert (back.title, back.summary, back.body) == (event.title, event.summary, event.body)
    assert back.untranslated == () and back.original_language is None
    assert back.media[0].alt == event.media[0].alt
    assert back == event  # translations included: nothing shown in fallback was filed as Persian
    assert event.in_language("en") is event


def test_an_untranslated_event_falls_back_whole(
    write_event: WriteEvent, two_languages: Settings
) -> None:
    event = _event(write_event, two_languages, "title: Only English\ndate: 2025\nsummary: S\n")
    persian = event.in_language("fa")
    assert persian.title == "Only English"
    assert persian.untranslated == ("title", "summary")
    # No page in Persian to link to: only the English version is a version.
    assert persian.languages == ("en",)
    assert event.languages == ("en",)


def test_plain_text_and_default_language_setting(
    write_event: WriteEvent, settings: Settings
) -> None:
    # Persian as the default language: plain text is Persian, `en:` is the translation.
    persian_first = replace(
        settings,
        default_language="fa",
        translations=(SiteLanguage("en", "English", "en", "ltr"),),
    )
    event = _event(write_event, persian_first, TRANSLATED.replace("body: Only in English.\n", ""))
    assert event.language == "fa"
    assert event.title == "روسیه و ایران پیمان مشارکت امضا کردند"
    assert event.in_language("en").title == "Russia and Iran sign a partnership treaty"


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "field", "fragment", "hint"),
    [
        (
            "title:\n  en: A\n  farsi: B\ndate: 2025\n",
            "E114",
            3,
            3,
            "title.farsi",
            "'farsi' is not a language tag Babel knows",
            "did you mean 'fa'?",
        ),
        (
            "title:\n  en: A\n  zz: B\ndate: 2025\n",
            "E114",
            3,
            3,
            "title.zz",
            "'zz' is not a language tag",
            "such as 'en', 'fa' or 'ru'",
        ),
        (
            "title:\n  fa: B\ndate: 2025\n",
            "E115",
            2,
            3,
            "title",
            "'title' has no 'en' text (the default language)",
            "add `en: ...`",
        ),
        (
            "title: A\ndate: 2025\nsummary:\n  fa: S\n",
            "E115",
            4,
            3,
            "summary",
            "'summary' has no 'en' text",
            "default_language",
        ),
        (
            "title:\n  en: A\n  fa:\ndate: 2025\n",
            "E104",
            3,
            6,
            "title.fa",
            "the 'fa' text of 'title' is empty",
            "without it the page shows the 'en' text",
        ),
        (
            "title:\n  en: A\n  fa: ''\ndate: 2025\n",
            "E104",
            3,
            7,
            "title.fa",
            "the 'fa' text of 'title' is empty",
            "remove the line",
        ),
        (
            "title:\n  en: A\n  fa: [x]\ndate: 2025\n",
            "E103",
            3,
            7,
            "title.fa",
            "expected text, got a list",
            None,
        ),
        (
            "title:\n  en: A\n  fa: |\n    two\n    lines\ndate: 2025\n",
            "E109",
            3,
            7,
            "title.fa",
            "expected one line of text",
            None,
        ),
        (
            "title: A\ndate: 2025\nmedia:\n  - src: https://x.org/a.png\n    alt: {fa: B}\n",
            "E115",
            5,
            10,
            "media[0].alt",
            "'alt' has no 'en' text",
            None,
        ),
    ],
)
def test_bad_translations(
    write_event: WriteEvent,
    two_languages: Settings,
    text: str,
    code: str,
    line: int,
    column: int,
    field: str,
    fragment: str,
    hint: str | None,
) -> None:
    write_event("bad.yaml", text)
    result = check_paths(two_languages)
    assert result.timeline is None
    found = [p for p in result.problems if p.code == code]
    assert found, [p.format() for p in result.problems]
    problem = found[0]
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert fragment in problem.message
    if hint is not None:
        assert problem.hint is not None and hint in problem.hint
    assert problem.format().startswith(f"events/bad.yaml:{line}:{column}:")


def test_every_problem_of_a_file_in_one_run(
    write_event: WriteEvent, two_languages: Settings
) -> None:
    write_event("bad.yaml", "title:\n  fa: B\n  xx-yy-zz: C\ndate: 2025\nsummary:\n  fa: ''\n")
    codes = sorted(p.code for p in check_paths(two_languages).problems)
    assert codes == ["E104", "E114", "E115", "E115"]


def test_a_language_the_site_is_not_built_in_is_a_warning(
    write_event: WriteEvent, two_languages: Settings
) -> None:
    write_event("a.yaml", "title:\n  en: A\n  ru: Б\ndate: 2025\n")
    result = check_paths(two_languages)
    assert result.timeline is not None  # a warning: the event is in the site
    (problem,) = result.problems
    assert (problem.code, problem.line, problem.column, problem.field) == ("W116", 3, 3, "title.ru")
    assert "not built in" in problem.message
    assert problem.hint is not None and "translations" in problem.hint
    # Without any translations configured, every non-default key is such a warning.
    assert [p.code for p in check_paths(replace(two_languages, translations=())).problems] == [
        "W116"
    ]


def test_new_codes_are_documented() -> None:
    assert {"E114", "E115", "W116"} <= set(CODES)


def test_json_schema_accepts_a_mapping_of_languages() -> None:
    import jsonschema
    import yaml

    schema = json_schema()
    data = yaml.safe_load(TRANSLATED)
    data["date"] = str(data["date"])
    jsonschema.validate(data, schema)
    data["title"] = {"not a language": "x"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_json_export_keeps_translations(write_event: WriteEvent, two_languages: Settings) -> None:
    event = _event(write_event, two_languages)
    data = json.loads(json.dumps(event.to_json()))
    assert data["title"] == "Russia and Iran sign a partnership treaty"
    assert data["translations"]["fa"]["title"] == "روسیه و ایران پیمان مشارکت امضا کردند"
    assert data["media"][0]["translations"]["fa"]["alt"] == "دو رئیس‌جمهور پشت یک میز"
    plain = _event(write_event, two_languages, "title: A\ndate: 2025\n")
    assert "translations" not in plain.to_json()  # untranslated exports keep their bytes


# -- settings ---------------------------------------------------------------------------


def test_translations_setting_forms(tmp_path: Path) -> None:
    root = tmp_path
    short = Settings.from_mapping({"translations": ["fa", "ru"]}, root=root)
    assert [(t.code, t.direction, t.locale) for t in short.translations] == [
        ("fa", "rtl", "fa"),
        ("ru", "ltr", "ru"),
    ]
    assert short.translations[0].name == "فارسی"
    full = Settings.from_mapping(
        {
            "default_language": "en",
            "translations": {"fa": {"title": "گاه‌شمار", "display_calendar": "jalali"}},
        },
        root=root,
    )
    (fa,) = full.translations
    assert (fa.title, fa.display_calendar) == ("گاه‌شمار", "jalali")
    assert full.content_language == "en"
    assert Settings(root=root, locale="fr").content_language == "fr"


@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"translations": ["farsi"]}, "unknown language 'farsi'"),
        ({"translations": {"fa": {"colour": "red"}}}, "unknown option(s) 'colour'"),
        ({"translations": {"fa": {"direction": "up"}}}, "expected ltr or rtl"),
        ({"translations": {"fa": "rtl"}}, "expected options"),
        ({"default_language": "klingon"}, "unknown language 'klingon'"),
    ],
)
def test_bad_translations_setting(
    tmp_path: object, options: dict[str, object], fragment: str
) -> None:
    from pathlib import Path

    with pytest.raises(ConfigError) as caught:
        Settings.from_mapping(options, root=Path(str(tmp_path)))
    assert fragment in caught.value.format_message()


# -- fmt and diff -----------------------------------------------------------------------


def test_fmt_keeps_the_mapping_form() -> None:
    text = (
        "date: 2025\n"
        "title: {en: 'Russia and Iran', fa: \"روسیه و ایران: پیمان\"}\n"
        "media:\n  - alt: {en: Two, fa: دو}\n    src: https://x.org/a.png\n"
    )
    formatted = format_text(text, "a.yaml")
    assert formatted.text == (
        "title:\n"
        "  en: Russia and Iran\n"
        '  fa: "روسیه و ایران: پیمان"\n'
        "date: 2025\n"
        "media:\n"
        "  - src: https://x.org/a.png\n"
        "    alt:\n"
        "      en: Two\n"
        "      fa: دو\n"
    )
    assert format_text(formatted.text, "a.yaml").text == formatted.text  # stable


def _changes(before: str, after: str, settings: Settings) -> list[tuple[str, str | None]]:
    old = _read("events/a.yaml", before.encode(), settings)
    new = _read("events/a.yaml", after.encode(), settings)
    return [(c.name, c.meaning) for c in _field_changes(old, new, settings)]


def test_diff_reports_translations_language_by_language(two_languages: Settings) -> None:
    plain = "title: A treaty\ndate: 2025\n"
    translated = "title:\n  en: A treaty\n  fa: یک پیمان\ndate: 2025\n"
    assert _changes(plain, translated, two_languages) == [("title.fa", "translation added")]
    assert _changes(translated, plain, two_languages) == [("title.fa", "translation removed")]
    changed = translated.replace("یک پیمان", "پیمان")
    assert _changes(translated, changed, two_languages) == [("title.fa", None)]
    english = translated.replace("en: A treaty", "en: The treaty")
    assert _changes(translated, english, two_languages) == [("title.en", None)]
    # One text on both sides: reported as today.
    assert _changes(plain, plain.replace("A treaty", "B"), two_languages) == [("title", None)]


def test_diff_reports_an_image_text_translated(two_languages: Settings) -> None:
    before = "title: A\ndate: 2025\nmedia:\n  - src: https://x.org/a.png\n    alt: Two men\n"
    after = before.replace("alt: Two men", "alt:\n      en: Two men\n      fa: دو مرد")
    assert _changes(before, after, two_languages) == [
        ("media[https://x.org/a.png].alt.fa", "translation added")
    ]


def test_translated_events_stay_hashable(write_event: WriteEvent, two_languages: Settings) -> None:
    event = _event(write_event, two_languages)
    persian = event.in_language("fa")
    assert len({event, persian, persian.in_language("en")}) == 2


def test_an_untranslated_event_switched_back_is_the_same(
    write_event: WriteEvent, two_languages: Settings
) -> None:
    event = _event(write_event, two_languages, "title: Only English\ndate: 2025\nbody: B\n")
    assert event.in_language("fa").in_language("en") == event


def test_a_language_sections_display_calendar_is_checked() -> None:
    from timeline.config import _translations

    (fa,) = _translations({"fa": {"display_calendar": "jalali"}})
    assert fa.display_calendar == "jalali"
    with pytest.raises(ValueError, match="fa: display_calendar: expected one of auto, gregorian"):
        _translations({"fa": {"display_calendar": "persian"}})
