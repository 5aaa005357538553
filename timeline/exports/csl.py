"""`timeline export csl-json`: every source as CSL-JSON, for Zotero, Pandoc and citeproc.

One item per source (see timeline/citations.py). Dates are ``date-parts`` at their
true precision (a month has no day; a decade is a range of years), ``circa`` where
approximate; the EDTF text of each date is kept under ``custom.edtf``, since CSL's
date model cannot say "uncertain" or a decade. Names are ``literal``: a byline is not
split into family and given names we would have to guess.
"""

from __future__ import annotations

import json
from typing import Any

from timeline.citations import Item, csl_date, items
from timeline.exports import Export, ExportOptions
from timeline.model import Timeline


def item_json(item: Item) -> dict[str, Any]:
    """One CSL-JSON item (schema: csl-data.json of CSL 1.0.2)."""
    source = item.source
    data: dict[str, Any] = {"id": item.key, "type": "webpage" if source.url else "document"}
    if source.title:
        data["title"] = source.title
    if source.authors:
        data["author"] = [{"literal": name} for name in source.authors]
    if source.publisher:
        data["publisher"] = source.publisher
    if source.url:
        data["URL"] = source.url
    if source.language:
        data["language"] = source.language
    edtf: dict[str, str] = {}
    for name, date in (("issued", source.published), ("accessed", source.accessed)):
        if date is not None:
            data[name] = csl_date(date)
            edtf[name] = date.edtf
    if source.archived:
        data["archive_location"] = source.archived
    custom: dict[str, Any] = {"events": list(item.events)}
    if source.archived_date is not None:
        custom["archived"] = csl_date(source.archived_date)
        edtf["archived"] = source.archived_date.edtf
    if edtf:
        custom["edtf"] = edtf
    data["custom"] = custom
    return data


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline's sources as a CSL-JSON array, one item per line."""
    found = items(timeline)
    lines = [json.dumps(item_json(item), ensure_ascii=False, sort_keys=True) for item in found]
    text = "[\n" + ",\n".join(f"  {line}" for line in lines) + "\n]\n" if lines else "[]\n"
    return Export(text.encode("utf-8"), count=len(found))
