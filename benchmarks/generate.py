"""Realistic synthetic event files for the benchmarks (deterministic: seeded)."""

from __future__ import annotations

import random
from pathlib import Path

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
TAGS = ["treaty", "war", "election", "economy", "diplomacy", "protest", "court", "science"]
ACTORS = ["Russia", "Iran", "Israel", "China", "United Nations", "Hamas", "Ukraine", "Turkey"]
WORDS = (
    "the minister said talks would continue after the summit while officials denied reports "
    "that sanctions were discussed and analysts expected a new agreement within months"
).split()


def date_text(rng: random.Random) -> str:
    """A date as authors write them: mostly ISO days, many natural-language, some coarse."""
    year = rng.randint(1950, 2025)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    form = rng.random()
    if form < 0.40:
        return f"{year}-{month:02d}-{day:02d}"
    if form < 0.55:
        return f"{MONTHS[month - 1]} {year}"
    if form < 0.70:
        return f"{LONG_MONTHS[month - 1]} {day}, {year}"
    if form < 0.80:
        return f"{day} {LONG_MONTHS[month - 1]} {year}"
    if form < 0.88:
        return f"{year}-{month:02d}"
    if form < 0.94:
        return str(year)
    if form < 0.97:
        return f"circa {year}"
    decade = year // 10 * 10
    # '2000s' could be the decade or the century, and is refused: EDTF says which.
    return f"{decade}s" if decade % 100 else f"{decade // 10}X"


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def event_text(rng: random.Random, index: int) -> str:
    tags = ", ".join(sorted(set(rng.sample(TAGS, rng.randint(1, 3)))))
    actors = ", ".join(sorted(set(rng.sample(ACTORS, rng.randint(1, 3)))))
    summary = sentence(rng, 40)
    return (
        f"title: {sentence(rng, 8)} {index}\n"
        f"date: {date_text(rng)}\n"
        "summary: |\n"
        f"  {summary[:80]}\n"
        f"  {summary[80:]}\n"
        f"tags: [{tags}]\n"
        f"actors: [{actors}]\n"
        "sources:\n"
        f"  - title: {sentence(rng, 6)}\n"
        "    publisher: Example News\n"
        f"    published: {rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-10\n"
        f"    url: https://news.example.org/story/{index}\n"
    )


def write_events(folder: Path, count: int, seed: int = 2025) -> list[Path]:
    """Write ``count`` event files under ``folder/events/<decade>/``; returns their paths."""
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        decade = folder / "events" / f"d{index % 20:02d}"
        decade.mkdir(parents=True, exist_ok=True)
        path = decade / f"event-{index:05d}.yaml"
        path.write_text(event_text(rng, index), encoding="utf-8")
        paths.append(path)
    return paths


PLACES = ["Moscow", "Tehran", "Jerusalem", "Beijing", "New York", "Gaza", "Kyiv", "Ankara"]
SEASONS = ["Spring", "Summer", "Autumn", "Winter"]
PUBLISHERS = ["Example News", "Daily Record", "Wire Service", "Public Radio", "The Observer"]


def varied_date(rng: random.Random) -> tuple[str, str | None]:
    """A start date at any precision, and sometimes an end (a span) after it."""
    text = date_text(rng)
    form = rng.random()
    if form < 0.03:
        text = f"{rng.choice(SEASONS)} {rng.randint(1950, 2025)}"
    elif form < 0.05:
        text = f"Q{rng.randint(1, 4)} {rng.randint(1950, 2025)}"
    if rng.random() < 0.12 and text[:4].isdigit() and len(text) == 10:
        year, month, day = (int(part) for part in text.split("-"))
        # A span of a few days to a few months, inside the same or the next year.
        month_end = min(12, month + rng.randint(0, 4))
        day_end = rng.randint(day if month_end == month else 1, 28)
        return text, f"{year}-{month_end:02d}-{day_end:02d}"
    return text, None


def body_markdown(rng: random.Random) -> str:
    """A few paragraphs of Markdown as editors write them: headings, lists, links, emphasis."""
    lines = ["## Background", "", sentence(rng, 30) + ".", ""]
    if rng.random() < 0.5:
        lines += [f"- {sentence(rng, 6)}" for _ in range(rng.randint(2, 4))] + [""]
    lines += [
        f"{sentence(rng, 12)} *{rng.choice(WORDS)}* and "
        f"[a report](https://news.example.org/{rng.randint(1, 9999)}).",
    ]
    return "\n".join(lines)


def varied_event_text(rng: random.Random, index: int) -> str:
    """An event with the variety of a real timeline: spans, bodies, places, several sources."""
    start, end = varied_date(rng)
    tags = ", ".join(sorted(set(rng.sample(TAGS, rng.randint(1, 3)))))
    actors = ", ".join(sorted(set(rng.sample(ACTORS, rng.randint(1, 4)))))
    summary = sentence(rng, rng.randint(15, 50))
    lines = [f"title: {sentence(rng, rng.randint(4, 10))} {index}", f"date: {start}"]
    if end:
        lines.append(f"end: {end}")
    lines += ["summary: |", f"  {summary}.", f"tags: [{tags}]", f"actors: [{actors}]"]
    if rng.random() < 0.6:
        places = ", ".join(sorted(set(rng.sample(PLACES, rng.randint(1, 2)))))
        lines.append(f"places: [{places}]")
    if rng.random() < 0.4:
        lines += ["body: |"] + [
            f"  {line}" if line else "" for line in body_markdown(rng).split("\n")
        ]
    lines.append("sources:")
    for number in range(rng.randint(1, 3)):
        lines += [
            f"  - title: {sentence(rng, 6)}",
            f"    publisher: {rng.choice(PUBLISHERS)}",
            f"    published: {rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-10",
            f"    url: https://news.example.org/story/{index}-{number}",
        ]
    return "\n".join(lines) + "\n"


def write_varied_events(folder: Path, count: int, seed: int = 2025) -> list[Path]:
    """Like ``write_events``, with ``varied_event_text``: files under ``folder/events/dNN/``."""
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        decade = folder / "events" / f"d{index % 20:02d}"
        decade.mkdir(parents=True, exist_ok=True)
        path = decade / f"event-{index:05d}.yaml"
        path.write_text(varied_event_text(rng, index), encoding="utf-8")
        paths.append(path)
    return paths


def write_eras_and_places(project: Path) -> None:
    """One era (the Cold War) and a gazetteer entry for each of PLACES, beside events/."""
    (project / "eras").mkdir()
    (project / "eras/cold-war.yaml").write_text(
        "title: The Cold War\ndate: 1947\nend: 1991\nsummary: East and West.\n"
    )
    (project / "places").mkdir()
    for number, name in enumerate(PLACES):
        slug = name.lower().replace(" ", "-")
        (project / f"places/{slug}.yaml").write_text(
            f"name: {name}\nlat: {30 + number}.5\nlon: {20 + number}.25\n"
        )
