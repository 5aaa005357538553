"""`timeline date TEXT`: show how a date text is understood."""

from __future__ import annotations

import json

import click


# A date may start with '-' ('-0043', '-0043/2006'): read it as the text, not an option.
@click.command(name="date", context_settings={"ignore_unknown_options": True})
@click.argument("text")
@click.option(
    "--language",
    "-l",
    "languages",
    multiple=True,
    default=("en",),
    show_default=True,
    help="A language the text may be in; repeat for several.",
)
@click.option(
    "--date-order",
    type=click.Choice(["DMY", "MDY", "YMD"], case_sensitive=False),
    help="How to read numeric dates such as 03/04/2025.",
)
@click.option("--as-of", help="The date of the source, for phrases such as 'last month'.")
@click.option(
    "--calendar",
    type=click.Choice(["gregorian", "julian", "jalali", "hijri"], case_sensitive=False),
    default="gregorian",
    show_default=True,
    help="The calendar the text is written in.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def command(
    text: str,
    languages: tuple[str, ...],
    date_order: str | None,
    as_of: str | None,
    calendar: str,
    as_json: bool,
) -> None:
    """Show how a date text is understood: meaning, precision, bounds, EDTF.

    \b
    Examples:
      timeline date "Apr 21 2025"
      timeline date "21 апреля 2025" --language ru
      timeline date "03/04/2025" --date-order DMY
      timeline date "last month" --as-of 2025-04-22
      timeline date "15 Farvardin 1404" --calendar jalali
      timeline date "circa 1990" --json
      timeline date -0043
    """
    from timeline.dates import DateError, parse_date

    try:
        date = parse_date(
            text, languages=languages, date_order=date_order, as_of=as_of, calendar=calendar
        )
    except DateError as error:
        # The engine's hints name event fields; here they are options.
        for field, option in (("as_of", "--as-of"), ("date_order", "--date-order")):
            if error.hint:
                error.hint = error.hint.replace(field, option)
        raise
    if as_json:
        click.echo(json.dumps(date.to_json(), ensure_ascii=False))
        return
    qualifiers = [name for name in ("approximate", "uncertain") if getattr(date, name)]
    lines = [
        ("text", date.text),
        ("meaning", date.display),
        ("precision", date.precision.value),
        ("bounds", f"{date.lower.iso()} – {date.upper.iso()}"),
        ("edtf", date.edtf),
        ("qualifiers", ", ".join(qualifiers) or "none"),
    ]
    if date.open_start or date.open_end:
        lines.insert(
            3, ("open", f"start {date.open_start}" if date.open_start else f"end {date.open_end}")
        )
    if date.start is not None and date.end is not None:
        lines.insert(3, ("start", f"{date.start.display} ({date.start.precision.value})"))
        lines.insert(4, ("end", f"{date.end.display} ({date.end.precision.value})"))
    for label, value in lines:
        click.echo(f"{label:<11}{value}")
