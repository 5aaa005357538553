"""How much faster `parse_date` is than plain `dateparser.parse` on the same texts.

Run: .venv/bin/python benchmarks/dates.py [--size 10000] [--repeat 3]

Two corpora of 10,000 texts each, built from a fixed seed:

- ISO/EDTF: days (40%), months (20%), years (15%), times with an offset
  (10%), and EDTF qualifiers, intervals and level 2 forms (15%: '2025-01~',
  '1990?', '199X', '1990-01/1990-06', '2025-01-XX', '2004?-06-11', '2025/..',
  '[1990, 1992..1994]', 'Y-17E7').
- mixed: 40% ISO/EDTF as above; 35% English as sources write it ('Apr 21
  2025', 'January 17, 2025', '17 January 2025', 'Jan 2025'); 10% qualifiers,
  decades, seasons, quarters, eras, spans, open ends, deep time and phrases
  ('circa 1990', '1990s', 'spring 2025', 'Q2 2025', '44 BC', '21–22 April
  2025', 'since May 2022', '2022–present', '65 Ma', 'c. 1450 – c. 1500'); 10% forms only dateparser
  reads here ('21 апреля 2025', 'the 5th of May 2025', '17 January 2025
  2:30pm EST'); 5% texts timeline refuses ('Aprl 2025', '03/04/2025', 'Mar 5').

In each corpus 70% of the texts are unique and 30% repeat earlier ones, as
events in a timeline share dates. parse_date reads Russian as well as English
(languages=['en', 'ru']); dateparser.parse gets its defaults (it detects the
language). Each measurement starts with parse_date's cache cleared; both
libraries are warmed up first (dateparser loads its language data on first
use), and the best of --repeat runs is kept.
"""

from __future__ import annotations

import argparse
import contextlib
import random
from collections.abc import Callable
from functools import partial

import dateparser
from timing import best

from timeline.dates import DateError, clear_cache, parse_date

MONTH_NAMES = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]
RUSSIAN_MONTHS = [
    *("января", "февраля", "марта", "апреля", "мая", "июня"),
    *("июля", "августа", "сентября", "октября", "ноября", "декабря"),
]


def _iso(rng: random.Random) -> str:
    year, month, day = rng.randint(1900, 2030), rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.random()
    if kind < 0.40:
        return f"{year:04d}-{month:02d}-{day:02d}"
    if kind < 0.60:
        return f"{year:04d}-{month:02d}"
    if kind < 0.75:
        return f"{year:04d}"
    if kind < 0.85:
        offset = rng.choice(["Z", "+03:30", "-05:00", "+01:00"])
        time_of_day = f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
        return f"{year:04d}-{month:02d}-{day:02d}T{time_of_day}{offset}"
    return rng.choice(
        [
            f"{year:04d}-{month:02d}~",
            f"{year:04d}?",
            f"{year // 10}X",
            f"{year:04d}-{month:02d}/{year + 1:04d}-{month:02d}",
            # EDTF levels 1 and 2
            f"{year:04d}-{month:02d}-XX",
            f"{year:04d}?-{month:02d}-{day:02d}",
            f"{year:04d}/..",
            f"../{year:04d}-{month:02d}",
            f"[{year:04d}, {year + 2:04d}..{year + 4:04d}]",
            f"Y-{rng.randint(10, 99)}E{rng.randint(5, 8)}",
        ]
    )


def _english(rng: random.Random) -> str:
    year, month, day = rng.randint(1900, 2030), rng.randint(1, 12), rng.randint(1, 28)
    name = MONTH_NAMES[month - 1]
    return rng.choice(
        [
            f"{name[:3]} {day} {year}",
            f"{name} {day}, {year}",
            f"{day} {name} {year}",
            f"{name[:3]} {year}",
        ]
    )


def _notation(rng: random.Random) -> str:
    year, month = rng.randint(1900, 2030), rng.randint(1, 12)
    return rng.choice(
        [
            f"circa {year}",
            f"{year // 10 * 10}s",
            f"{rng.choice(['spring', 'summer', 'autumn', 'winter'])} {year}",
            f"Q{rng.randint(1, 4)} {year}",
            f"{rng.randint(1, 500)} BC",
            f"{rng.randint(1, 20)}–{rng.randint(21, 28)} {MONTH_NAMES[month - 1]} {year}",
            # open ends, deep time and phrases (issue 13)
            f"since {MONTH_NAMES[month - 1]} {year}",
            f"{year}–present",
            f"{rng.randint(1, 99)} Ma",
            f"{rng.randint(2, 9)}.{rng.randint(0, 9)} billion years ago",
            f"c. {year - 50} – c. {year}",
            f"winter of {year}–{(year + 1) % 100:02d}",
            f"{rng.randint(12, 20)}c",
            f"{MONTH_NAMES[month - 1]} {rng.randint(1, 28)}, {year} at noon",
        ]
    )


def _dateparser_only(rng: random.Random) -> str:
    year, month, day = rng.randint(1900, 2030), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(
        [
            f"{day} {RUSSIAN_MONTHS[month - 1]} {year}",
            f"the {day}th of {MONTH_NAMES[month - 1]} {year}",
            f"{day} {MONTH_NAMES[month - 1]} {year} {rng.randint(1, 12)}:30pm EST",
        ]
    )


def _refused(rng: random.Random) -> str:
    year = rng.randint(1900, 2030)
    return rng.choice(
        [f"Aprl {year}", f"0{rng.randint(1, 9)}/0{rng.randint(1, 9)}/{year}", "Mar 5"]
    )


def corpus(size: int, makers: list[tuple[float, Callable[[random.Random], str]]]) -> list[str]:
    """`size` texts, 70% unique and 30% repeats, drawn from makers by weight."""
    rng = random.Random(2025)
    weights = [weight for weight, _ in makers]
    texts: list[str] = []
    for _ in range(size):
        if texts and rng.random() < 0.30:
            texts.append(rng.choice(texts))
        else:
            maker = rng.choices([make for _, make in makers], weights)[0]
            texts.append(maker(rng))
    return texts


def run_parse_date(texts: list[str]) -> None:
    for text in texts:
        with contextlib.suppress(DateError):
            parse_date(text, languages=("en", "ru"))


def run_dateparser(texts: list[str]) -> None:
    for text in texts:
        dateparser.parse(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpora = {
        "ISO/EDTF": (corpus(args.size, [(1.0, _iso)]), 50),
        "mixed": (
            corpus(
                args.size,
                [
                    (0.40, _iso),
                    (0.35, _english),
                    (0.10, _notation),
                    (0.10, _dateparser_only),
                    (0.05, _refused),
                ],
            ),
            5,
        ),
    }
    warm = [text for texts, _ in corpora.values() for text in texts[:200]]
    run_dateparser(warm)
    run_parse_date(warm)
    print(f"{args.size:,} texts per corpus, best of {args.repeat}, cache cleared per run\n")
    print(f"{'corpus':<10} {'parse_date':>11} {'dateparser':>11} {'speed-up':>9} {'goal':>6}")
    for name, (texts, goal) in corpora.items():
        ours = best(args.repeat, partial(run_parse_date, texts), before=clear_cache)
        theirs = best(args.repeat, partial(run_dateparser, texts), before=clear_cache)
        ratio = theirs / ours
        verdict = "met" if ratio >= goal else "MISSED"
        print(f"{name:<10} {ours:>10.3f}s {theirs:>10.3f}s {ratio:>8.1f}× {goal:>4}× {verdict}")


if __name__ == "__main__":
    main()
