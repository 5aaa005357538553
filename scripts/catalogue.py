#!/usr/bin/env python3
"""The interface's message catalogues: extract, update, check.

    .venv/bin/python scripts/catalogue.py            # write timeline.pot, update every .po
    .venv/bin/python scripts/catalogue.py --check    # fail if the .pot or a .po is stale
    .venv/bin/python scripts/catalogue.py --add xx   # start a catalogue for language xx

Babel extracts the strings from the templates (Jinja2's extractor: `_("…")`) and from
the Python page builders (`gettext`/`ngettext`/`_` calls); the .po files are merged
with the new template the way `pybabel update` does. Builds compile the .po files
themselves (timeline/render/i18n.py), so there is no .mo to keep up to date.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "timeline"
LOCALE_DIR = PACKAGE / "locale"
TEMPLATE = LOCALE_DIR / "timeline.pot"
# A fixed date: the same sources give the same bytes (a changed .pot is a real change).
CREATED = datetime(2026, 1, 1, tzinfo=UTC)
METHODS = [
    ("render/templates/**.html", "jinja2.ext:babel_extract"),
    ("render/**.py", "python"),
]
OPTIONS = {
    "render/templates/**.html": {"trim_blocks": "true", "lstrip_blocks": "true"},
    "render/**.py": {},
}
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
WIDTH = 100


def extract() -> Catalog:
    """Every interface string of the package, as a catalogue template."""
    catalog = Catalog(
        project="timeline",
        copyright_holder="the timeline authors",
        creation_date=CREATED,
        revision_date=CREATED,
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE,
        METHODS,
        OPTIONS,
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(f"timeline/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, sort_output=True, include_lineno=False)
    return buffer.getvalue()


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "timeline.po"


def languages() -> list[str]:
    return sorted(path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/timeline.po"))


def updated(language: str, template: Catalog) -> bytes:
    """The language's .po merged with the template: new strings empty, gone ones dropped."""
    with po_path(language).open("rb") as file:
        catalog = read_po(file, locale=language)
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    catalog.revision_date = CREATED
    return render(catalog)


def new_catalogue(language: str, template: Catalog) -> bytes:
    catalog = Catalog(locale=language, project="timeline", creation_date=CREATED)
    catalog.revision_date = CREATED
    catalog.update(template, no_fuzzy_matching=True)
    return render(catalog)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a file is out of date")
    parser.add_argument("--add", metavar="LANGUAGE", help="start the catalogue of a language")
    args = parser.parse_args(argv)
    template = extract()
    wanted = {TEMPLATE: render(template)}
    for language in languages():
        wanted[po_path(language)] = updated(language, template)
    if args.add:
        path = po_path(args.add)
        if path.exists():
            print(f"{path.relative_to(ROOT)} exists already", file=sys.stderr)
            return 1
        wanted[path] = new_catalogue(args.add, template)
    stale = [
        path for path, text in wanted.items() if not path.exists() or path.read_bytes() != text
    ]
    if args.check:
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} is out of date: run scripts/catalogue.py",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(wanted[path])
        temporary.replace(path)  # all or nothing: a reader never sees half a catalogue
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
