"""`timeline export`: the validated timeline in other formats (one module each)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from timeline.cli.options import config_option, write_output

if TYPE_CHECKING:
    from timeline.exports import Export
    from timeline.exports.published_site import Site
    from timeline.model import Timeline

# Kept here (not imported from timeline.exports) so `timeline --help` stays cheap.
FORMATS = (
    "json",
    "timelinejs",
    "csv",
    "ics",
    "atom",
    "jsonfeed",
    "svg",
    "csl-json",
    "bibtex",
    "geojson",
)


@click.command("export")
@click.argument("output_format", metavar="FORMAT", type=click.Choice(FORMATS))
@click.option(
    "--events",
    "events_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The events folder (default: from mkdocs.yml, else ./events).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of to standard output.",
)
@config_option
@click.option(
    "--site-url",
    help="The published site's address, for absolute links (default: site_url in mkdocs.yml).",
)
@click.option(
    "--include-coarse",
    is_flag=True,
    help="ics: also events known only to the month, season, year or coarser (all-day spans).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="atom, jsonfeed: how many of the latest events.",
)
@click.option("--from", "start", metavar="DATE", help="svg: from this date (e.g. '1900', '44 BC').")
@click.option("--to", "end", metavar="DATE", help="svg: to the end of this date (e.g. '2025-06').")
@click.option(
    "--lanes",
    type=click.Choice(("none", "tags", "actors", "places")),
    default="none",
    show_default=True,
    help="svg: one lane per tag, actor or place.",
)
@click.option("--tag", "tags", multiple=True, help="svg: only events with this tag (repeatable).")
@click.option("--actor", "actors", multiple=True, help="svg: only events with this actor.")
def command(
    output_format: str,
    events_dir: Path | None,
    output: Path | None,
    config_file: Path | None,
    site_url: str | None,
    include_coarse: bool,
    limit: int,
    start: str | None,
    end: str | None,
    lanes: str,
    tags: tuple[str, ...],
    actors: tuple[str, ...],
) -> None:
    """Export the whole validated timeline, in timeline order.

    FORMAT is json (every field), timelinejs (TimelineJS3 JSON), csv (the
    TimelineJS spreadsheet columns), ics (iCalendar), atom or jsonfeed (the
    latest events; they need site_url in mkdocs.yml for absolute links), svg
    (the time axis as a poster for A3 paper, of any range and filter),
    csl-json or bibtex (every source, once, for reference managers),
    geojson (RFC 7946: the places of places/ and the events that name them).
    Exits 1 and lists the problems when the timeline is invalid.

    \b
    Examples:
      timeline export json > timeline.json
      timeline export json --events events/ -o public/timeline.json
      timeline export timelinejs -o timelinejs.json
      timeline export ics --include-coarse -o timeline.ics
      timeline export atom --site-url https://example.org/ --limit 20
      timeline export svg --from 1900 --to 2025 --lanes tags -o poster.svg
      timeline export csl-json -o sources.json    # Zotero, Pandoc --citeproc
      timeline export bibtex -o sources.bib
    """
    from dataclasses import replace

    from timeline.check import check_paths
    from timeline.config import load_settings
    from timeline.exports import ExportOptions, build_stamp, export
    from timeline.exports.published_site import check_site_url, load_site

    settings = load_settings(config_file)
    site = load_site(settings, config_file)
    if site_url:
        site = replace(site, url=check_site_url(site_url))
    if output_format in ("atom", "jsonfeed"):
        site.require_url(f"the {output_format} feed")
    result = check_paths(settings, [events_dir] if events_dir else None)
    if result.timeline is None:
        for problem in result.errors:
            click.echo(problem.format(), err=True)
        raise click.ClickException(
            f"not exported: {len(result.errors)} error(s) in the event files (see above)"
        )
    options = ExportOptions(
        settings=settings,
        site=site,
        include_coarse=include_coarse,
        limit=limit,
        stamp=build_stamp(),
    )
    if output_format == "svg":
        exported = _poster(result.timeline, site, start, end, lanes, tags, actors)
    else:
        exported = export(output_format, result.timeline, options)
    for note in exported.notes:
        click.echo(f"note: {note}", err=True)
    if output is None:
        sys.stdout.buffer.write(exported.content)
        sys.stdout.flush()
    else:
        write_output(output, exported.content)
        what = "sources" if output_format in ("csl-json", "bibtex") else "events"
        click.echo(f"wrote {exported.count} {what} to {output}", err=True)


def _poster(
    timeline: Timeline,
    site: Site,
    start: str | None,
    end: str | None,
    lanes: str,
    tags: tuple[str, ...],
    actors: tuple[str, ...],
) -> Export:
    """The axis poster (timeline.exports.svg); a bad --from/--to is a usage error."""
    from timeline.dates import DateError, parse_date
    from timeline.exports.svg import PosterOptions, poster

    bounds = []
    for name, text in (("--from", start), ("--to", end)):
        try:
            bounds.append(parse_date(text) if text else None)
        except DateError as error:
            raise click.BadParameter(str(error), param_hint=name) from None
    options = PosterOptions(bounds[0], bounds[1], lanes, tags, actors, site.name or "Timeline")
    try:
        svg, count = poster(timeline.events, options, site, timeline.eras)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--to") from None
    from timeline.exports import Export

    return Export(svg.encode("utf-8"), count=count)
