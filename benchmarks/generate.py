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
