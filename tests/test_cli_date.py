from __future__ import annotations

import json

from click.testing import CliRunner

from timeline.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["date", *args])
    return result.exit_code, result.stdout, result.stderr


def test_plain_output_lines_up() -> None:
    code, out, _ = run("Apr 21 2025")
    assert code == 0
    assert out.splitlines() == [
        "text       Apr 21 2025",
        "meaning    21 April 2025",
        "precision  day",
        "bounds     2025-04-21 – 2025-04-21",
        "edtf       2025-04-21",
        "qualifiers none",
    ]


def test_span_shows_both_ends() -> None:
    code, out, _ = run("21 April – 3 May 2025")
    assert code == 0
    assert "start      21 April 2025 (day)" in out
    assert "end        3 May 2025 (day)" in out


def test_json_has_the_keys_of_to_json() -> None:
    code, out, _ = run("circa 1990", "--json")
    assert code == 0
    assert json.loads(out) == {
        "text": "circa 1990",
        "edtf": "1990~",
        "lower": "1990-01-01",
        "upper": "1990-12-31",
        "precision": "year",
        "approximate": True,
        "uncertain": False,
        "display": "c. 1990",
    }


def test_options_reach_the_engine() -> None:
    assert "2025-04-21" in run("21 апреля 2025", "--language", "en", "-l", "ru")[1]
    assert "2025-04-03" in run("03/04/2025", "--date-order", "DMY")[1]
    assert "2025-04-03" in run("03/04/2025", "--date-order", "dmy")[1]
    assert "March 2025" in run("last month", "--as-of", "2025-04-22")[1]
    assert "4 April 2025" in run("15 Farvardin 1404", "--calendar", "jalali")[1]


def test_refusal_exits_1_with_message_and_hint_on_stderr() -> None:
    code, out, err = run("Aprl 2025")
    assert code == 1
    assert out == ""
    assert "got 'Aprl 2025'" in err
    assert "hint: did you mean 'Apr'" in err


def test_usage_error_exits_2() -> None:
    assert run("2025", "--date-order", "XYZ")[0] == 2
    assert run()[0] == 2


def test_help_has_examples() -> None:
    code, out, _ = run("--help")
    assert code == 0
    assert 'timeline date "circa 1990" --json' in out


def test_refusal_hints_name_the_options() -> None:
    result = CliRunner().invoke(main, ["date", "yesterday"])
    assert result.exit_code == 1
    assert "--as-of" in result.stderr
    assert "Traceback" not in result.output


def test_text_starting_with_a_dash_is_the_date() -> None:
    code, out, _ = run("-0043")
    assert code == 0
    assert "meaning    44 BC" in out
    code, out, _ = run("-0043/2006", "--json")
    assert code == 0 and json.loads(out)["upper"] == "2006-12-31"
    code, _, err = run("-x")
    assert code == 1 and "got '-x'" in err


def test_open_end_is_shown() -> None:
    code, out, _ = run("2022–present")
    assert code == 0
    assert "meaning    since 2022" in out
    assert "open       end open" in out
    assert "edtf       2022/.." in out
