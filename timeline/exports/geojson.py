"""`timeline export geojson`: events and places as an RFC 7946 FeatureCollection.

One feature per place of the gazetteer, and one per event that names places: its
geometry is its places' (a GeometryCollection when there are several; null when
none is in the gazetteer, which RFC 7946 allows for unlocated features). Each event
feature carries its EDTF date and inclusive bounds in ``properties``, and a ``when``
member in the shape of the Linked Places Format (a timespan of earliest/latest
bounds for its start and end), which LPF readers such as World Historical Gazetteer
take as it is. Coordinates are WGS 84, longitude first, as the gazetteer holds them.
"""

from __future__ import annotations

from typing import Any

from timeline.dates import EventDate
from timeline.exports import Export, ExportOptions, json_text
from timeline.model import Event, Place, Timeline


def _bounds(date: EventDate) -> dict[str, str]:
    return {"earliest": date.lower.iso(), "latest": date.upper.iso()}


def when(event: Event) -> dict[str, Any]:
    """The Linked Places ``when`` of an event: one timespan, and its label."""
    date = event.when
    start = date.start if date.start is not None else date
    end = date.end if date.end is not None else date
    timespan: dict[str, Any] = {"start": _bounds(start)}
    if not date.open_end:
        timespan["end"] = _bounds(end)
    return {"timespans": [timespan], "label": event.label}


def _place_feature(place: Place, timeline: Timeline) -> dict[str, Any]:
    return {
        "type": "Feature",
        "id": f"place:{place.id}",
        "geometry": dict(place.geometry) if place.geometry else None,
        "properties": {
            "kind": "place",
            "id": place.id,
            "name": place.name,
            "aliases": list(place.aliases),
            "wikidata": place.wikidata,
            "parent": place.parent,
            "events": [event.id for event in timeline.events_at(place)],
        },
    }


def _event_feature(event: Event, timeline: Timeline, options: ExportOptions) -> dict[str, Any]:
    geometries: list[dict[str, Any]] = []
    for name in event.places:
        place = timeline.place_by_name.get(name.casefold())
        if place is not None and place.geometry and dict(place.geometry) not in geometries:
            geometries.append(dict(place.geometry))
    geometry: dict[str, Any] | None = None
    if len(geometries) == 1:
        geometry = geometries[0]
    elif geometries:
        geometry = {"type": "GeometryCollection", "geometries": geometries}
    date = event.when
    return {
        "type": "Feature",
        "id": f"event:{event.id}",
        "geometry": geometry,
        "properties": {
            "kind": "event",
            "id": event.id,
            "title": event.title,
            "summary": event.summary,
            "date": date.edtf,
            "lower": date.lower.iso(),
            "upper": date.upper.iso(),
            "precision": date.precision.value,
            "label": event.label,
            "places": list(event.places),
            "tags": list(event.tags),
            "url": options.site.event_url(event.id),
        },
        "when": when(event),
    }


def feature_collection(timeline: Timeline, options: ExportOptions) -> dict[str, Any]:
    """The FeatureCollection: places first (by id), then events in timeline order."""
    features = [_place_feature(place, timeline) for place in timeline.places]
    features += [
        _event_feature(event, timeline, options) for event in timeline.events if event.places
    ]
    return {"type": "FeatureCollection", "features": features}


def export(timeline: Timeline, options: ExportOptions) -> Export:
    """The timeline's places and located events as GeoJSON (RFC 7946)."""
    data = feature_collection(timeline, options)
    unlocated = [
        f["properties"]["id"]
        for f in data["features"]
        if f["geometry"] is None and f["properties"]["kind"] == "event"
    ]
    notes = (
        (f"{len(unlocated)} event(s) name no place of the gazetteer: geometry null",)
        if unlocated
        else ()
    )
    text = json_text(data)
    return Export(text.encode("utf-8"), notes, len(data["features"]))
