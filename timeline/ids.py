"""Event ids: ASCII slugs from titles in any script, and ids already taken."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from timeline.loader import find_event_files

MAX_SLUG_LENGTH: Final = 60
_CJK_START: Final = 0x2E80


def id_slug(text: str, *, max_length: int = MAX_SLUG_LENGTH, empty: str = "event") -> str:
    """A lowercase ASCII slug of ``text``, transliterated; ``empty`` when nothing is left."""
    from anyascii import anyascii

    # anyascii romanises every script (Cyrillic, Arabic, CJK, and Latin letters such
    # as ø or ß that NFKD decomposition would drop) instead of deleting them. CJK
    # syllables come out glued ("DongJing" for 東京), so they are kept apart as words.
    parts = []
    for char in text:
        romanised = anyascii(char)
        if ord(char) >= _CJK_START and len(romanised) > 1:
            romanised = f" {romanised} "
        parts.append(romanised)
    ascii_text = "".join(parts).lower().replace("'", "").replace("`", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
        slug = slug.strip("-")
    return slug or empty


def existing_ids(events_dir: Path) -> set[str]:
    """The ids (file stems) of every event file under ``events_dir``."""
    if not events_dir.is_dir():
        return set()
    files, _problems = find_event_files([events_dir], root=events_dir)
    return {path.stem for path in files}


def unique_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``… : the first not in ``taken``."""
    taken = set(taken)
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate
