"""Where the timeline's pages are: the one set of URL rules for pages and exports.

A page is named by its ``src_uri`` (``timeline/<id>.md``, as MkDocs names a file
inside docs/); its URL follows MkDocs' ``use_directory_urls``; links between pages
are relative (so a site works from any base path and from file://); the published
site's absolute URLs, which feeds and calendars need, are ``site_url`` + the URL.
Slugs name the pages of tags, actors and places.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Final
from urllib.parse import quote


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives the file at ``src_uri`` (relative to the site root).

    A Markdown page is ``<name>/`` (or ``<name>.html``), an index its folder; any
    other file (a data file, an image) is served at its own path.
    """
    if not src_uri.endswith(".md"):
        return src_uri
    parent, name = posixpath.split(src_uri)
    stem = name.rsplit(".", 1)[0]
    if stem == "index":
        return f"{parent}/" if use_directory_urls else posixpath.join(parent, "index.html")
    if use_directory_urls:
        return posixpath.join(parent, stem) + "/"
    return posixpath.join(parent, stem + ".html")


def event_src(pages_dir: str, event_id: str) -> str:
    """The ``src_uri`` of an event's page: ``<pages_dir>/<id>.md``."""
    return posixpath.join(pages_dir, f"{event_id}.md")


def relative_url(to_url: str, from_url: str) -> str:
    """``to_url`` as a link from the page at ``from_url`` (both relative to the site root)."""
    return relative_to_folder(to_url, from_url.rpartition("/")[0])


@lru_cache(maxsize=65536)
def relative_to_folder(to_url: str, from_dir: str) -> str:
    """``to_url`` as a link from a page in the folder ``from_dir``; percent-encoded."""
    # posixpath.relpath touches the file system (abspath); these are pure URL paths.
    here = [part for part in from_dir.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    rel = "/".join(parts)
    if to_url.endswith("/"):
        rel = rel + "/" if rel else "./"
    elif not rel:
        rel = "./"
    return quote(rel, safe="/#?=&.-_~%")


def site_base(site_url: str | None) -> str | None:
    """The site URL ending in one slash, or None when there is none."""
    return site_url.rstrip("/") + "/" if site_url else None


def absolute_url(site_url: str | None, url: str) -> str | None:
    """The address of ``url`` (relative to the site root) on the published site, if known."""
    base = site_base(site_url)
    return base + url.lstrip("/") if base else None


# File systems limit a name to 255 bytes (143 on eCryptfs), not characters: 100
# CJK characters are 300 bytes. A slug stays under this, leaving room for "-2" and
# ".html" and for the staging folder's names.
SLUG_BYTES: Final = 100


def slugify(text: str) -> str:
    """A URL-safe name for a tag, actor or place; keeps letters of any script.

    A name longer than SLUG_BYTES in UTF-8 is cut on a character boundary and ends
    in a short hash of the whole, so two long names sharing a beginning stay apart.
    (Event ids are another thing: ASCII, and never cut silently; see timeline.ids.)
    """
    normal = unicodedata.normalize("NFKC", text).casefold()
    slug = re.sub(r"[^\w]+", "-", normal).strip("-_") or "x"
    encoded = slug.encode("utf-8")
    if len(encoded) <= SLUG_BYTES:
        return slug
    digest = hashlib.sha256(encoded).hexdigest()[:8]
    # errors="ignore" drops only the character the cut went through.
    head = encoded[: SLUG_BYTES - len(digest) - 1].decode("utf-8", errors="ignore")
    return f"{head.rstrip('-_')}-{digest}"


def unique_slugs(names: Iterable[str], reserved: Iterable[str] = ()) -> dict[str, str]:
    """A distinct slug per name; clashes ("C++" and "C") get -2, -3 in name order."""
    taken = set(reserved)
    slugs: dict[str, str] = {}
    for name in sorted(names):
        base = slug = slugify(name)
        number = 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[name] = slug
    return slugs
