"""Importing TimelineJS slides: dates, text, media, ids, YAML, the report."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.check import check_paths
from timeline.cli import main
from timeline.config import Settings
from timeline.exports import ExportOptions, export
from timeline.imports.document import Document, Skip
from timeline.imports.timelinejs import date_text, plan_import, slug
from timeline.loader import FORBIDDEN_CHARACTERS, parse_event_text
from timeline.markdown_html import html_to_markdown, markdown_to_html
from timeline.yaml_writer import dump_event

FIXTURES = Path(__file__).parent / "fixtures" / "timelinejs"


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({"year": "1815", "month": "12", "day": "10"}, "1815-12-10"),
        ({"year": 1815, "month": 12, "day": 10}, "1815-12-10"),
        ({"year": "1943", "month": "07", "day": ""}, "1943-07"),
        ({"year": "602"}, "0602"),
        (
            {"year": "2025", "month": "1", "day": "5", "hour": "9", "minute": "5"},
            "2025-01-05T09:05",
        ),
        ({"year": "-500"}, "500 BC"),
        ({"year": -1}, "1 BC"),
        ({"year": "-44", "month": "3", "day": "15"}, "-0043-03-15"),
    ],
)
def test_date_fields_become_our_date_text(fields: dict[str, Any], text: str) -> None:
    assert date_text(fields, "start_date").text == text


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"month": "3"}, "has no year"),
        ({"year": "0"}, "year is 0"),
        ({"year": "20x5"}, "not a whole number"),
    ],
)
def test_dates_that_cannot_be_imported(fields: dict[str, Any], reason: str) -> None:
    with pytest.raises(Skip, match=reason):
        date_text(fields, "start_date")


def test_slug_is_ascii_and_short() -> None:
    assert slug("Rózsa Péter writes recursion") == "rozsa-peter-writes-recursion"
    assert slug('"The Mother of the Internet"') == "the-mother-of-the-internet"
    assert len(slug("word " * 40)) <= 60


def plan(tmp_path: Path, events: list[dict[str, Any]], **document: Any) -> Any:
    doc = Document(tmp_path / "source.json", events, **document)
    settings = Settings(root=tmp_path)
    return plan_import(doc, settings.events_path, settings)


def test_a_slide_with_everything(tmp_path: Path) -> None:
    result = plan(
        tmp_path,
        [
            {
                "start_date": {"year": "1990"},
                "display_date": "The early nineties",
                "text": {"headline": "A <i>big</i> year", "text": "<p>One <b>two</b></p>"},
                "media": {"url": "//example.org/a.jpg", "caption": "Cap", "credit": "Me"},
                "group": "Music",
                "unique_id": "my-id",
                "background": {"color": "#fff"},
                "surprise": 1,
            }
        ],
    )
    (item,) = result.imported
    assert item.id == "my-id"
    assert item.yaml == (
        "title: A big year\n"
        "date: 1990\n"
        "summary: One **two**\n"
        "tags: [Music]\n"
        "media:\n"
        "  - src: https://example.org/a.jpg\n"
        "    alt: Cap\n"
        "    caption: Cap\n"
        "    credit: Me\n"
        "display_date: The early nineties\n"
    )  # fmt's canonical form: the schema's order
    assert result.not_kept == {"background": [1]}
    assert result.unknown == {"surprise": [1]}
    assert any("markup in the headline" in note for note in item.notes)


def test_ids_are_unique_and_skips_are_reported(tmp_path: Path) -> None:
    slide = {"start_date": {"year": "1990"}, "text": {"headline": "Same"}}
    bad = {"start_date": {"year": "1990", "month": "2", "day": "30"}, "text": {"headline": "Bad"}}
    result = plan(tmp_path, [slide, slide, bad])
    assert [item.id for item in result.imported] == ["1990-same", "1990-same-2"]
    assert [(s.number, s.headline) for s in result.skipped] == [(3, "Bad")]


def test_a_decade_survives_export_and_import(tmp_path: Path, project: Path) -> None:
    texts = {"decade": "1990s", "circa": "circa 1990", "season": "spring 2024", "q": "Q2 2025"}
    for name, date in texts.items():
        (project / "events" / f"{name}.yaml").write_text(f"title: {name}\ndate: {date}\n")
    settings = Settings(root=project)
    timeline = check_paths(settings).timeline
    assert timeline is not None
    data = json.loads(export("timelinejs", timeline, ExportOptions(settings=settings)).content)
    result = plan(tmp_path, data["events"])
    dates = {item.id: item.yaml.split("\n")[1] for item in result.imported}
    assert dates == {
        "decade": "date: 1990s",
        "circa": "date: c. 1990",
        "season": "date: spring 2024",
        "q": "date: Q2 2025",
    }


@pytest.mark.parametrize(
    "html",
    [
        "<p>a <b>b</b> <i>c</i> <a href='https://x.org/a_(b)'>d</a></p><p>e<br>f</p>",
        "<ul><li>one</li><li>two <em>2</em></li></ul><ol><li>x</li></ol>",
        "<blockquote>Quote <cite>Someone</cite></blockquote>",
        "1. not a list; # not a heading; *not emphasis*; [not a link]; _x_ a_b <not a tag>",
        "<h2>Head</h2>text",
        "AT&amp;T &amp;amp; &lt;b&gt;",
    ],
)
def test_html_to_markdown_is_a_fixed_point(html: str) -> None:
    first = html_to_markdown(html).markdown
    assert html_to_markdown(markdown_to_html(first)).markdown == first


def test_html_to_markdown_keeps_only_safe_links() -> None:
    converted = html_to_markdown('<a href="javascript:alert(1)">x</a><script>bad()</script>')
    assert converted.markdown == "x"
    assert len(converted.notes) == 2


# Text an event file may hold: the loader refuses controls and bidi overrides (the
# importer removes them first).
TEXTS = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=40,
).filter(lambda t: t.strip() == t and t.strip() and not FORBIDDEN_CHARACTERS.search(t))


@given(title=TEXTS, summary=st.lists(TEXTS, min_size=1, max_size=3), tag=TEXTS)
def test_written_yaml_reads_back_as_the_same_text(title: str, summary: list[str], tag: str) -> None:
    text = "\n".join(summary)
    written = dump_event(
        [
            ("title", title),
            ("date", "2025"),
            ("summary", text),
            ("tags", [tag]),
            ("media", [{"src": "a.jpg", "alt": title}]),
        ]
    )
    root, problems = parse_event_text(written.encode("utf-8"), "x.yaml")
    assert root is not None, (written, problems)
    assert root.entries["title"][1].text == title
    assert root.entries["summary"][1].text == text
    assert root.entries["tags"][1].items[0].text == tag
    media = root.entries["media"][1].items[0]
    assert media.entries["alt"][1].text == title


# -- the command ---------------------------------------------------------------


@pytest.fixture
def run(project: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.chdir(project)
    return CliRunner()


def test_import_command_dry_run_writes_nothing(run: CliRunner, project: Path) -> None:
    source = FIXTURES / "women_in_computing.json"
    result = run.invoke(main, ["import", "timelinejs", str(source), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "10 of 10 slides imported" in result.output
    assert "dry run, nothing written" in result.output
    assert "1815-12-10-ada-lovelace.yaml" in result.output
    assert "title slide 'Women in Computing'" in result.output
    assert list((project / "events").iterdir()) == []


def test_import_command_writes_and_refuses_to_overwrite(run: CliRunner, project: Path) -> None:
    source = FIXTURES / "women_in_computing.csv"
    result = run.invoke(main, ["import", "csv", str(source)])
    assert result.exit_code == 0, result.output
    written = sorted(
        p.relative_to(project / "events").as_posix() for p in (project / "events").rglob("*.*")
    )
    assert len(written) == 11 and "_timelinejs-women-in-computing.md" in written
    assert "1815/1815-12-10-ada-lovelace.yaml" in written  # in year folders, as `new` files them
    assert run.invoke(main, ["check"]).exit_code == 0
    again = run.invoke(main, ["import", "csv", str(source), "--into", "events/again"])
    assert again.exit_code == 1
    assert "already exists" in again.output
    assert "Traceback" not in again.output
    assert not (project / "events" / "again").exists()


def test_import_command_reports_a_bad_file(run: CliRunner, project: Path) -> None:
    (project / "bad.json").write_text('{"events": [1, 2}')
    result = run.invoke(main, ["import", "timelinejs", "bad.json"])
    assert result.exit_code == 1
    assert "not valid JSON" in result.output
    (project / "other.json").write_text('{"slides": []}')
    result = run.invoke(main, ["import", "timelinejs", "other.json"])
    assert "not a TimelineJS file" in result.output


def test_export_command_formats(run: CliRunner, project: Path) -> None:
    (project / "events" / "a.yaml").write_text("title: A\ndate: 2025-04-21\n")
    (project / "mkdocs.yml").write_text(
        "site_name: Site\nsite_url: https://example.org/\nplugins:\n  - timeline\n"
    )
    for fmt in ("timelinejs", "csv", "ics", "atom", "jsonfeed"):
        result = run.invoke(main, ["export", fmt])
        assert result.exit_code == 0, (fmt, result.output)
    ics = run.invoke(main, ["export", "ics", "-o", "out/t.ics"])
    assert ics.exit_code == 0
    assert (project / "out" / "t.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_export_feed_without_site_url(run: CliRunner, project: Path) -> None:
    (project / "events" / "a.yaml").write_text("title: A\ndate: 2025-04-21\n")
    result = run.invoke(main, ["export", "atom"])
    assert result.exit_code == 1
    assert "no site_url" in result.output and "Traceback" not in result.output
    ok = run.invoke(main, ["export", "atom", "--site-url", "https://example.org/x/"])
    assert ok.exit_code == 0
    assert "https://example.org/x/timeline/a/" in ok.output


def test_the_guides_name_every_column_and_format() -> None:
    from timeline.cli.export import FORMATS
    from timeline.exports.sheet import COLUMNS
    from timeline.imports.timelinejs import NOT_KEPT

    guide = Path(__file__).parent.parent / "docs" / "guide"
    exports = (guide / "exports.md").read_text(encoding="utf-8")
    mapping = (guide / "timelinejs.md").read_text(encoding="utf-8")
    assert all(f"## {fmt}" in exports or f"`{fmt}`" in exports for fmt in FORMATS)
    assert ", ".join(COLUMNS) in " ".join(exports.split())
    assert all(column in mapping for column in COLUMNS)
    assert all(f"`{key.split('.')[0]}" in mapping for key in NOT_KEPT)


# Fragments of the HTML TimelineJS text holds, and of Markdown's special characters.
HTML_PIECES = st.sampled_from(
    (
        *("a", "b ", " ", "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "&amp;", "#", "-"),
        *("+", "1.", "=", "\\", "!", ":", "é", "'", '"', "\n", "<b>", "</b>", "<i>", "</i>"),
        *("<br>", "<p>", "</p>", "<a href='http://x.org/'>", "</a>", "<span class='x'>", "</span>"),
        *("<div>", "</div>", "<h2>", "</h2>", "<cite>", "</cite>", "<code>", "</code>", "<u>"),
        *(
            "<img src='http://x.org/i.png' alt='i'>",
            "<script>x</script>",
            "<a href='javascript:x'>",
        ),
        *("<strong>", "</strong>", "<em>", "</em>"),
    )
)


# Derandomised so the suite stays deterministic; run it with more examples to search.
@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(HTML_PIECES, max_size=25).map("".join))
def test_html_to_markdown_is_a_fixed_point_for_any_mix(html: str) -> None:
    first = html_to_markdown(html).markdown
    assert html_to_markdown(markdown_to_html(first)).markdown == first


def test_a_slide_our_schema_refuses_is_skipped_with_the_reason(tmp_path: Path) -> None:
    long_group = "x" * 250  # tags hold at most 200 characters
    result = plan(tmp_path, [{"start_date": {"year": "1990"}, "group": long_group}])
    assert result.imported == []
    assert "E109" in result.skipped[0].reason


def test_credit_lines_stay_apart(tmp_path: Path) -> None:
    credit = "Photo: <a href='https://a.org/'>A</a><br/>Video: B"
    slide = {"start_date": {"year": "1990"}, "media": {"url": "a.jpg", "credit": credit}}
    (item,) = plan(tmp_path, [slide]).imported
    assert 'credit: "Photo: A (https://a.org/) / Video: B"' in item.yaml


def test_relative_media_paths_are_kept_with_a_note(tmp_path: Path) -> None:
    slide = {"start_date": {"year": "1990"}, "media": {"url": "/static/a.jpg", "caption": "A"}}
    (item,) = plan(tmp_path, [slide]).imported
    assert "src: /static/a.jpg" in item.yaml
    assert any("'/static/a.jpg' kept" in note for note in item.notes)


def test_deeply_nested_markup_is_flattened_not_a_traceback(tmp_path: Path) -> None:
    deep = "<b>" * 3000 + "bold" + "</b>" * 3000 + " <i>" + "<span>" * 3000 + "it"
    slide = {
        "start_date": {"year": "1990"},
        "text": {"headline": "<i>" * 3000 + "Deep", "text": deep},
        "media": {"url": "a.jpg", "caption": "<blockquote>" * 3000 + "c", "credit": deep},
    }
    (item,) = plan(tmp_path, [slide]).imported
    assert 'summary: "**bold** *it*"' in item.yaml
    assert "title: Deep" in item.yaml
    assert any("nested deeper" in note for note in item.notes)


def test_ids_of_non_latin_headlines_are_transliterated() -> None:
    # The same slugs as `timeline new`: a Cyrillic headline is not reduced to its date.
    assert slug("Путин ратифицировал договор") == "putin-ratifitsiroval-dogovor"
    assert slug("!!!") == ""


# -- naming, canonical form, nothing dropped silently -----------------------------


def test_import_names_and_files_events_as_new_does(tmp_path: Path) -> None:
    from timeline.new import plan_event

    slides = [
        {"start_date": {"year": "-400"}, "text": {"headline": "Socrates is tried"}},
        {"start_date": {"year": "-44", "month": "3"}, "text": {"headline": "Ides"}},
        {"start_date": {"year": "1969", "month": "7", "day": "20"}, "text": {"headline": "Moon"}},
    ]
    result = plan(tmp_path, slides)
    assert [item.name for item in result.imported] == [
        "400bc/400bc-socrates-is-tried.yaml",
        "44bc/44bc-03-ides.yaml",
        "1969/1969-07-20-moon.yaml",
    ]
    settings = Settings(root=tmp_path)
    new = plan_event(settings, "400 BC Socrates is tried")
    assert new.path == settings.events_path / result.imported[0].name


@pytest.mark.parametrize("name", ["houston.json", "women_in_computing.csv", "edge_cases.json"])
def test_imported_files_are_already_in_fmts_form(run: CliRunner, project: Path, name: str) -> None:
    source_format = "csv" if name.endswith(".csv") else "timelinejs"
    result = run.invoke(main, ["import", source_format, str(FIXTURES / name)])
    assert "Traceback" not in result.output
    assert list((project / "events").rglob("*.yaml"))
    formatted = run.invoke(main, ["fmt", "--check"])
    assert formatted.exit_code == 0, formatted.output


def test_skipped_slides_give_exit_1_and_a_summary_line(run: CliRunner, project: Path) -> None:
    result = run.invoke(main, ["import", "timelinejs", str(FIXTURES / "edge_cases.json")])
    assert result.exit_code == 1
    last = result.output.rstrip().splitlines()[-1]
    assert last == "3 slide(s) not imported (slides 11, 12, 13): see SKIPPED above"
    assert list((project / "events").rglob("*.yaml"))  # what could be imported was


@pytest.mark.parametrize(
    "url",
    [
        "<iframe src='https://www.youtube.com/embed/x'></iframe>",
        "<blockquote>A quotation</blockquote>",
        "javascript:alert(1)",
    ],
)
def test_captions_and_credits_of_media_not_kept_go_to_the_summary(tmp_path: Path, url: str) -> None:
    media = {
        "url": url,
        "caption": "The launch, filmed",
        "credit": "<a href='https://nasa.gov'>NASA</a>",
    }
    slide = {"start_date": {"year": "1969"}, "text": {"headline": "Launch"}, "media": media}
    (item,) = plan(tmp_path, [slide]).imported
    assert "The launch, filmed" in item.yaml
    assert "Credit: NASA (https://nasa.gov)" in item.yaml
    assert "media caption and credit kept in the summary" in item.notes
    assert "media:" not in item.yaml


# -- all or nothing -------------------------------------------------------------------


def _many_slides(count: int, word: str = "event") -> str:
    events = [
        {
            "start_date": {"year": str(1800 + number % 200), "month": "5", "day": "1"},
            "text": {"headline": f"The {word} number {number}", "text": f"<p>{word} {number}</p>"},
        }
        for number in range(count)
    ]
    return json.dumps({"events": events})


def _files(folder: Path) -> list[str]:
    """Every file under ``folder`` (staging folders included), relative."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_write_error_leaves_nothing_and_says_why(
    run: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    from timeline.imports import timelinejs as importer

    (project / "many.json").write_text(_many_slides(30))
    written: list[Path] = []
    real = importer._write_file

    def full_disk(path: Path, data: bytes) -> None:
        if len(written) == 17:
            with open(path, "xb") as stream:  # a file half-written, as on a full disk
                stream.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        real(path, data)

    monkeypatch.setattr(importer, "_write_file", full_disk)
    result = run.invoke(main, ["import", "timelinejs", "many.json"])
    assert result.exit_code == 1
    assert "No space left on device; nothing was written" in result.output
    assert "Traceback" not in result.output
    assert _files(project / "events") == []
    written.clear()
    into = run.invoke(main, ["import", "timelinejs", "many.json", "--into", "events/new/folder"])
    assert "No space left on device" in into.output
    assert not (project / "events" / "new").exists()  # not even the folders
    monkeypatch.setattr(importer, "_write_file", real)
    again = run.invoke(main, ["import", "timelinejs", "many.json"])
    assert again.exit_code == 0, again.output
    assert len(_files(project / "events")) == 30


def test_a_file_that_appears_while_moving_in_undoes_the_import(
    run: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    (project / "many.json").write_text(_many_slides(10))
    real_link = os.link
    linked: list[str] = []

    def racing_link(source: Any, target: Any) -> None:
        if len(linked) == 5:  # another program writes the sixth file first
            Path(target).write_text("title: Theirs\ndate: 1805\n")
        linked.append(str(target))
        real_link(source, target)

    monkeypatch.setattr(os, "link", racing_link)
    result = run.invoke(main, ["import", "timelinejs", "many.json"])
    assert result.exit_code == 1
    assert "already exist" in result.output
    theirs = [name for name in _files(project / "events")]
    assert len(theirs) == 1  # only the other program's file: the five moved in are undone
    assert (project / "events" / theirs[0]).read_text() == "title: Theirs\ndate: 1805\n"


def test_a_leftover_staging_folder_never_blocks(run: CliRunner, project: Path) -> None:

    (project / "few.json").write_text(_many_slides(3))
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], stdout=subprocess.PIPE
    )
    stale = project / "events" / f".timeline-import-{int(dead.stdout)}-abc123"
    (stale / "1800").mkdir(parents=True)
    (stale / "1800" / "1800-05-01-the-event-number-0.yaml").write_text("title: half")
    alive = project / "events" / f".timeline-import-{os.getppid()}-def456"
    alive.mkdir()
    result = run.invoke(main, ["import", "timelinejs", "few.json"])
    assert result.exit_code == 0, result.output
    assert not stale.exists()  # its process is gone: removed
    assert alive.exists()  # a live process's: left alone
    assert len(list((project / "events").rglob("*.yaml"))) == 3
    assert run.invoke(main, ["check"]).exit_code == 0


def _yaml_files(folder: Path) -> list[str]:
    """Every .yaml file under ``folder``, relative (staging folders included); never
    fails on a folder removed while it is walked."""
    found = []
    for top, _folders, names in os.walk(folder):
        found += [
            os.path.relpath(os.path.join(top, n), folder) for n in names if n.endswith(".yaml")
        ]
    return sorted(found)


def _placed(folder: Path) -> list[str]:
    return [name for name in _yaml_files(folder) if not name.startswith(".")]


@pytest.mark.slow
def test_kill_9_while_staging_leaves_nothing_and_the_rerun_works(project: Path) -> None:
    (project / "many.json").write_text(_many_slides(250))
    command = [sys.executable, "-m", "timeline", "import", "timelinejs", "many.json"]
    events = project / "events"
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and not _yaml_files(events):
        time.sleep(0.002)
    os.kill(process.pid, signal.SIGKILL)  # as soon as the first file is on disk
    assert process.wait() == -signal.SIGKILL  # killed mid-import, not finished
    staged = [name for name in _yaml_files(events) if name.startswith(".")]
    placed = _placed(events)
    assert staged or placed  # it had started writing
    if len(staged) < 250:  # killed while staging (almost always): nothing is in place
        assert placed == []
    for name in placed:  # else killed while moving in: only whole files are
        assert (events / name).read_text().startswith("title: The event number ")
    rerun = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert len(_yaml_files(events)) == len(_placed(events)) == 250  # staging removed
    check = subprocess.run(
        [sys.executable, "-m", "timeline", "check"], cwd=project, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


KILLED_WHILE_MOVING_IN = """
import os, sys
from timeline.cli import main
real, count = os.link, [0]
def link(source, target):
    count[0] += 1
    if count[0] == 150:
        os.kill(os.getpid(), 9)
    real(source, target)
os.link = link
sys.argv = ["timeline", "import", "timelinejs", "many.json"]
main()
"""


@pytest.mark.slow
def test_kill_9_while_moving_in_then_the_rerun_completes_it(project: Path) -> None:
    (project / "many.json").write_text(_many_slides(300))
    events = project / "events"
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_MOVING_IN], cwd=project, capture_output=True
    )
    assert killed.returncode == -signal.SIGKILL
    assert len(_placed(events)) == 149  # moved in whole, one by one, before the kill
    for name in _placed(events):
        assert (events / name).read_text().startswith("title: The event number ")
    command = [sys.executable, "-m", "timeline", "import", "timelinejs", "many.json"]
    rerun = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "(wrote 151 files in events, 149 already there)" in rerun.stdout
    assert len(_yaml_files(events)) == len(_placed(events)) == 300


@pytest.mark.slow
def test_two_imports_at_once_one_wins_whole_the_other_fails_clearly(project: Path) -> None:

    (project / "a.json").write_text(_many_slides(200, "event"))
    (project / "b.json").write_text(_many_slides(200, "event").replace("<p>event", "<p>other"))
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "timeline", "import", "timelinejs", name],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a.json", "b.json")
    ]
    outputs = [process.communicate(timeout=600) for process in runs]
    codes = [process.returncode for process in runs]
    assert sorted(codes) == [0, 1], outputs
    loser = outputs[codes.index(1)]
    assert "already exist" in loser[0] + loser[1]
    assert "Traceback" not in loser[0] + loser[1]
    winner = "event" if codes[0] == 0 else "other"
    placed = _files(project / "events")
    assert len(placed) == 200  # one import whole, nothing of the other, no staging left
    bodies = {
        (project / "events" / name).read_text().split("summary: ")[1].split()[0] for name in placed
    }
    assert bodies == {winner}


# -- bad files to import ------------------------------------------------------------


def _limited_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_pipe_or_a_device_is_refused_never_a_hang(project: Path, kind: str) -> None:
    if kind == "fifo":
        source = project / "timeline.json"
        os.mkfifo(source)
    else:
        source = Path(kind)
    command = [sys.executable, "-m", "timeline", "import", "timelinejs", str(source)]
    # A subprocess with a timeout and a memory cap: before the fix this hung (a pipe
    # nobody writes) or read /dev/zero until memory ran out.
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=60, preexec_fn=_limited_memory
    )
    assert result.returncode == 1
    assert "not a regular file (a pipe, a device or a socket)" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "[" * 4000,  # what the probe used: RecursionError in the JSON decoder
        '{"events": [' + "[" * 200 + "]" * 200 + "]}",  # valid JSON, nested too deep
        '{"events": [{"background": ' + '{"a": ' * 100 + "1" + "}" * 100 + "}]}",
    ],
)
def test_deeply_nested_json_is_a_clear_error(run: CliRunner, project: Path, text: str) -> None:
    (project / "deep.json").write_text(text)
    result = run.invoke(main, ["import", "timelinejs", "deep.json"])
    assert result.exit_code == 1
    assert "deep.json: not imported: nesting deeper than 32 levels" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_file_over_the_size_limit_is_refused_before_reading(
    run: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline.imports import timelinejs as importer

    monkeypatch.setattr(importer, "MAX_IMPORT_SIZE", 1000)
    (project / "big.json").write_text(_many_slides(50))
    result = run.invoke(main, ["import", "timelinejs", "big.json"])
    assert result.exit_code == 1
    assert "the limit is 1,000" in result.output


def test_csv_cells_up_to_an_event_files_limit_and_no_further(run: CliRunner, project: Path) -> None:
    header = "Year,Month,Day,Headline,Text\n"
    (project / "long.csv").write_text(header + '1969,7,20,Moon,"' + "x" * 150_000 + '"\n')
    result = run.invoke(main, ["import", "csv", "long.csv", "--dry-run"])
    assert "Traceback" not in result.output
    assert "1 of 1 rows imported" in result.output  # over csv's default 131,072
    (project / "longer.csv").write_text(
        header + "1969,7,20,A,B\n" + '1969,7,21,Moon,"' + "x" * 300_000 + '"\n'
    )
    result = run.invoke(main, ["import", "csv", "longer.csv"])
    assert result.exit_code == 1
    assert "longer.csv:3: not imported: a cell is longer than 262,144 characters" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert _files(project / "events") == []
    import csv

    assert csv.field_size_limit() == 131_072  # the process-wide limit is put back


def test_two_imports_writing_at_the_same_moment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins
    import threading

    from timeline.imports import timelinejs as importer
    from timeline.imports.timelinejs import ImportFileError, read_json, write_plan

    settings = Settings(root=tmp_path)
    plans = []
    for word in ("event", "other"):
        source = tmp_path / f"{word}.json"
        source.write_text(_many_slides(40).replace("<p>event", f"<p>{word}"))
        plans.append(
            plan_import(read_json(source, source.read_text()), tmp_path / "events", settings)
        )
    both_writing = threading.Barrier(2)

    def slow_open(*args: Any, **kwargs: Any) -> Any:
        # Every file write waits a little, so the two imports really write at once.
        time.sleep(0.002)
        return builtins.open(*args, **kwargs)

    monkeypatch.setattr(importer, "open", slow_open, raising=False)
    outcomes: list[str] = []

    def write(plan: Any) -> None:
        both_writing.wait()
        try:
            write_plan(plan)
            outcomes.append("ok")
        except ImportFileError as error:
            outcomes.append(error.message)
        except Exception as error:  # what the test is for: none of these
            outcomes.append(f"crash: {error!r}")

    threads = [threading.Thread(target=write, args=(plan,)) for plan in plans]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert sorted(outcomes)[1] == "ok" and "already exist" in sorted(outcomes)[0], outcomes
    placed = _files(tmp_path / "events")
    assert len(placed) == 40
    bodies = {
        (tmp_path / "events" / n).read_text().split("summary: ")[1].split()[0] for n in placed
    }
    assert len(bodies) == 1  # every file from the one import that won
