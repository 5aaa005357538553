"""Search that scales: Pagefind indexes the event pages, MkDocs' search keeps the rest.

MkDocs' and Material's search plugins ship one Lunr index that every page downloads
whole (9 MB at 10,000 events). With ``search: pagefind`` the event pages' bodies go to
Pagefind instead, run on the built site at the end of the build: a reader downloads
only the index chunks and fragments a query needs. The theme's own index keeps the
hand-written pages and the titles of the list pages, and loses the event pages.

No MkDocs imports: the plugin passes in the site folder and the event pages' URLs.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import tempfile
from collections.abc import Collection
from pathlib import Path
from typing import Final

from timeline.errors import TimelineError

BUNDLE: Final = "pagefind"  # the folder Pagefind writes into the site (its default)
LUNR_INDEX: Final = "search/search_index.json"  # where both search plugins write theirs
SCRIPT: Final = "search.js"
# Marks the content Pagefind indexes; what is outside it (nav, header, footer) is left out.
BODY_OPEN: Final = "<div data-pagefind-body>"
BODY_CLOSE: Final = "</div>"
_ROOT_MARKER: Final = "__TIMELINE_SITE_ROOT__"
_WORDS_MARKER: Final = "/*words*/{}/*words*/"


class SearchError(TimelineError):
    """Pagefind failed on the built site."""


def pagefind_binary() -> Path | None:
    """The Pagefind executable (PAGEFIND_BINARY_PATH, the pagefind[bin] wheel, or PATH)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    try:
        found = get_executable()
    except (FileNotFoundError, OSError):  # a wheel without a binary for this platform
        return None
    return found if found is not None and found.is_file() else None


def indexed_body(html: str) -> str:
    """An event page's content, marked as what Pagefind indexes."""
    return f"{BODY_OPEN}{html}{BODY_CLOSE}"


def run_pagefind(binary: Path, site: Path, pages_dir: str) -> None:
    """Index the pages under ``pages_dir`` of the built ``site``; the bundle goes in site/pagefind/.

    Only pages marked with data-pagefind-body are indexed: the lists, whose text repeats
    the event pages', and the hand-written pages have no mark and are skipped.
    """
    command = [
        str(binary),
        "--site",
        str(site),
        "--glob",
        f"{pages_dir}/**/*.html",
        "--output-subdir",
        BUNDLE,
        "--quiet",
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise SearchError(f"Pagefind could not start ({binary}): {error}") from None
    if done.returncode:
        output = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchError(
            f"Pagefind failed on the built site (exit code {done.returncode}):\n{output}",
            hint="set `search: mkdocs` under the timeline plugin to build without Pagefind",
        )


def drop_from_lunr(site: Path, locations: Collection[str]) -> int:
    """Remove the entries of these pages (and their sections) from the theme's search index.

    Returns how many entries went. The file is replaced whole (temp file, then rename).
    """
    path = site / LUNR_INDEX
    if not locations or not path.is_file():
        return 0
    document = json.loads(path.read_bytes())
    docs = document.get("docs")
    if not isinstance(docs, list):
        return 0
    kept = [
        doc
        for doc in docs
        if not (isinstance(doc, dict) and str(doc.get("location", "")).split("#")[0] in locations)
    ]
    if len(kept) == len(docs):
        return 0
    document["docs"] = kept
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    write_atomically(path, text.encode("utf-8"))
    return len(docs) - len(kept)


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def search_script(pages_dir: str) -> bytes:
    """The search box hook (assets/search.js), told where the site's root is from its folder."""
    depth = len([part for part in pages_dir.split("/") if part]) + 1  # pages_dir/assets/
    text = (Path(__file__).parent / "assets" / SCRIPT).read_text(encoding="utf-8")
    text = text.replace(_WORDS_MARKER, _search_words(), 1)
    return text.replace(_ROOT_MARKER, "../" * depth).encode("utf-8")


@functools.cache
def _search_words() -> str:
    """search.js's words in every language with a catalogue, as a JS object literal.

    The script runs on every page, hand-written ones too, which carry no tl-i18n island:
    it picks its language from the page (a few kB for all of them, once per site).
    """
    from timeline.render.i18n import interface, languages

    table = {name: interface(name).search_strings() for name in languages() if name != "en"}
    text = json.dumps(table, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("<", "\\u003c")
