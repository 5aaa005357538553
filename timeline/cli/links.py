"""`timeline links`: is every source, archive and media URL still there?"""

from __future__ import annotations

import json
from pathlib import Path

import click

from timeline.cli.options import config_option, problem_format_option


@click.command("links")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@problem_format_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) when a link is dead or unreachable.")
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The cache folder (default: .cache/timeline beside mkdocs.yml).",
)
@click.option("--no-cache", is_flag=True, help="Check every link, and keep no results.")
@click.option(
    "--max-age",
    type=click.FloatRange(min=0),
    default=7.0,
    show_default=True,
    help="Days a working link is trusted before it is checked again.",
)
@click.option("--jobs", type=click.IntRange(min=1, max=256), default=16, show_default=True)
@click.option(
    "--per-host",
    type=click.IntRange(min=1, max=64),
    default=2,
    show_default=True,
    help="Requests at once to one host.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=0.5,
    show_default=True,
    help="Seconds between two requests to one host.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds to wait for a server.",
)
@config_option
def command(
    paths: tuple[Path, ...],
    output_format: str,
    strict: bool,
    cache_dir: Path | None,
    no_cache: bool,
    max_age: float,
    jobs: int,
    per_host: int,
    delay: float,
    timeout: float,
    config_file: Path | None,
) -> None:
    """Check every source, archived copy and media URL over HTTP.

    Reports dead links (with a Wayback Machine lookup for those without an
    `archived:` copy), permanent redirects (with the new address) and servers
    that cannot be reached, at the file and line of each link. Results are
    cached, so a daily run asks again only about links not seen for --max-age
    days; broken links are always asked again. Exits 0 whatever it finds,
    unless --strict: then dead or unreachable links exit 1.

    \b
    Examples:
      timeline links
      timeline links --format github          # annotations in a GitHub Actions run
      timeline links --strict --max-age 1     # fail on dead links, trust a day
      timeline links events/2025 --no-cache
    """
    from timeline.cli.check import annotation
    from timeline.config import load_settings
    from timeline.links import Options, run

    settings = load_settings(config_file)
    cache = None
    if not no_cache:
        cache = (cache_dir or settings.root / ".cache" / "timeline") / "links.json"
    options = Options(jobs=jobs, per_host=per_host, delay=delay, timeout=timeout)
    report = run(settings, options, paths=list(paths) or None, cache=cache, max_age=max_age * 86400)
    problems = report.problems(strict=strict)
    broken = sum(1 for link in report.links if report.results[link.url].broken)
    if output_format == "json":
        data = {
            "links": len(report.links),
            "checked": len(report.links) - report.cached,
            "cached": report.cached,
            "broken": broken,
            "results": [
                {**report.results[link.url].to_json(), "places": [vars(p) for p in link.places]}
                for link in report.links
            ],
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "code": p.code,
                    "severity": p.severity.value,
                    "field": p.field,
                    "message": p.message,
                    "hint": p.hint,
                }
                for p in problems
            ],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            click.echo(annotation(problem) if output_format == "github" else problem.format())
        summary = (
            f"checked {len(report.links)} link{'s' if len(report.links) != 1 else ''} "
            f"({report.cached} from the cache): "
            + (f"{broken} broken, " if broken else "")
            + (f"{len(problems)} to look at" if problems else "all fine")
        )
        if report.unread:
            summary += f"; {report.unread} file(s) skipped: run `timeline check`"
        click.echo(summary, err=output_format == "github")
    if strict and broken:
        raise SystemExit(1)
