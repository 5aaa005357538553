"""Timeline settings: each one declared ONCE, as a field of `Settings` below.

Everything else derives from those fields: the plugin's `base.Config` (plugin.py),
the CLI's reader (`load_settings`), the settings page of the guide
(`settings_reference`, written to docs/guide/settings.md by
`python -m timeline.guide_pages`) and the tests. To add a setting, add one line to
`Settings`:

    new_option: int = setting(3, _count, "What it does, for the settings page.")

then regenerate the docs (`python -m timeline.guide_pages`). `mkdocs.yml` is read
the way MkDocs reads it (`INHERIT`, `!ENV`, `!relative`), so `timeline check`,
`timeline export` and `mkdocs build` see the same values.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any, Final

import yaml

from timeline.dates.display import DISPLAY_CALENDARS
from timeline.errors import ConfigError

DATE_ORDERS: Final = ("DMY", "MDY", "YMD")
SORT_ORDERS: Final = ("ascending", "descending")
SPLITS: Final = ("auto", "none", "decade", "year", "month")
HOME_CHOICES: Final = ("latest", "first", "none")
AXIS_DIRECTIONS: Final = ("auto", "ltr", "rtl")
# `pagefind` is timeline/render/search.py; `mkdocs` the theme's own search plugin.
SEARCH_CHOICES: Final = ("pagefind", "mkdocs", "none")

Check = Callable[[Any], Any]


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected text, got {value!r}")
    return value.strip()


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value:
        raise ValueError(f"expected a list of text, got {value!r}")
    return tuple(_text(item) for item in value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _whole(least: int) -> Check:
    def check(value: Any) -> int:
        # bool is an int to Python, not to the person who wrote `true`.
        if isinstance(value, bool) or not isinstance(value, int) or value < least:
            raise ValueError(f"expected a whole number of {least} or more, got {value!r}")
        return value

    return check


def _locale(value: Any) -> str:
    from babel import Locale, UnknownLocaleError

    text = _text(value)
    try:
        Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"expected a locale such as 'en' or 'fr', got {value!r}") from None
    return text


DIRECTIONS: Final = ("ltr", "rtl")


@dataclass(frozen=True)
class SiteLanguage:
    """One more language the site is built in: a section `<code>/<pages_dir>/` of its own."""

    code: str  # the key events use for their text in it (`title: {fa: ...}`), BCP 47
    name: str  # the language's name in itself ("فارسی"), for links and the nav
    locale: str  # date labels and, once the interface is translated, its strings
    direction: str  # "rtl" or "ltr", from Babel unless written
    title: str | None = None  # the timeline page's title in that language
    # That section's `display_calendar` (None: the site's).
    display_calendar: str | None = None


def known_locale(code: str) -> Any:
    """Babel's Locale for a BCP 47 tag ('fa', 'fa-IR', 'pt_BR'); ValueError if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(f"unknown language {code!r}") from None


_LANGUAGE_OPTIONS: Final = ("locale", "direction", "title", "display_calendar")


def _site_language(code: Any, options: Any) -> SiteLanguage:
    text = _text(code)
    locale = known_locale(text)
    if options is None:
        options = {}
    if not isinstance(options, Mapping):
        raise ValueError(f"{text}: expected options such as {{locale: {text}}}, got {options!r}")
    unknown = sorted(set(options) - set(_LANGUAGE_OPTIONS))
    if unknown:
        raise ValueError(
            f"{text}: unknown option(s) {', '.join(map(repr, unknown))}; "
            f"options are {', '.join(_LANGUAGE_OPTIONS)}"
        )
    direction = options.get("direction")
    if direction is None:
        direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    elif direction not in DIRECTIONS:
        raise ValueError(f"{text}: direction: expected ltr or rtl, got {direction!r}")
    title = options.get("title")
    calendar = options.get("display_calendar")
    if calendar is not None:
        try:
            calendar = _choice("auto", *DISPLAY_CALENDARS)(calendar)
        except ValueError as error:
            raise ValueError(f"{text}: display_calendar: {error}") from None
    return SiteLanguage(
        code=text,
        name=str(locale.get_display_name(locale) or text),
        locale=_locale(options.get("locale", text)),
        direction=direction,
        title=_text(title) if title is not None else None,
        display_calendar=calendar,
    )


def _translations(value: Any) -> tuple[SiteLanguage, ...]:
    # `translations: [fa]` or `translations: {fa: {display_calendar: jalali}}`.
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list | tuple):
        value = {code: None for code in value}
    if not isinstance(value, Mapping):
        raise ValueError(f"expected a list of languages or a mapping, got {value!r}")
    return tuple(_site_language(code, options) for code, options in value.items())


def _language(value: Any) -> str:
    text = _text(value)
    known_locale(text)
    return text


def _languages(value: Any) -> tuple[str, ...]:
    from dateparser.languages.loader import default_loader

    languages = _texts(value)
    known = set(default_loader.get_locale_map())
    unknown = [language for language in languages if language not in known]
    if unknown:
        raise ValueError(f"unknown date language(s) {', '.join(map(repr, unknown))}")
    return languages


def _choice(*choices: str) -> Check:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {value!r}")
        return str(value)

    return check


def pages_folder(value: Any) -> str:
    """The pages folder as a path inside the site without outer slashes: '/history/' → 'history'."""
    text = value.strip().strip("/") if isinstance(value, str) else ""
    if not text or ".." in text.split("/"):
        raise ValueError(f"expected a folder inside the site, got {value!r}")
    return text


def _lanes(value: Any) -> Any:
    from timeline.render.axis import lane_setting  # the axis module owns what a lane is

    return lane_setting(value)


def _map(value: Any) -> tuple[str, str]:
    """The map page's optional tile layer: {tiles: URL with {z}/{x}/{y}, attribution: text}."""
    if not isinstance(value, dict):
        raise ValueError(f"expected {{tiles: URL, attribution: text}}, got {value!r}")
    unknown = set(value) - {"tiles", "attribution"}
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(map(str, unknown)))}")
    tiles, attribution = value.get("tiles"), value.get("attribution")
    if not isinstance(tiles, str) or not tiles.startswith(("https://", "http://")):
        raise ValueError(f"tiles: expected an https:// URL, got {tiles!r}")
    if not all(part in tiles for part in ("{z}", "{x}", "{y}")):
        raise ValueError(f"tiles: expected a URL with {{z}}, {{x}} and {{y}}, got {tiles!r}")
    # Tile servers' terms require their credit on the map: no tiles without it.
    if not isinstance(attribution, str) or not attribution.strip():
        raise ValueError("attribution: the tile server's credit, shown on the map, is required")
    return tiles, attribution.strip()


def setting(default: Any, check: Check, doc: str, *, shown: str | None = None) -> Any:
    """One setting: its default, the check that validates (and normalises) a written value,
    and its line on the settings page (``shown`` is the default as the page prints it)."""
    return field(default=default, metadata={"check": check, "doc": doc, "shown": shown})


@dataclass(frozen=True)
class Settings:
    """How a project's events are read, checked, ordered and published (one field a setting)."""

    root: Path = field(default_factory=Path.cwd)
    # How events are read and checked (`timeline check` and the site alike).
    events_dir: str = setting("events", _text, "The folder of event files, beside `mkdocs.yml`.")
    languages: tuple[str, ...] = setting(
        ("en",),
        _languages,
        "Languages in which natural-language dates are read (`21 апреля 2025` needs `ru`).",
    )
    date_order: str | None = setting(
        None,
        _choice(*DATE_ORDERS),
        "`DMY`, `MDY` or `YMD`: how to read numeric dates such as `03/04/2025`. "
        "Without it they are refused as ambiguous.",
        shown="none",
    )
    sort: str = setting(
        "ascending", _choice(*SORT_ORDERS), "`descending` puts the newest events first."
    )
    locale: str = setting(
        "en",
        _locale,
        'The language of the timeline\'s pages: date labels ("21 April 2025"), digits and '
        "every word of the interface. Without it the site's own language is used "
        "(`theme.language` in Material, `theme.locale` in MkDocs' themes); written here it "
        "wins over the theme's. See [translating the interface](translating.md).",
        shown="the theme's language, else `en`",
    )
    display_calendar: str = setting(
        "auto",
        _choice("auto", *DISPLAY_CALENDARS),
        "The calendar dates are shown in on the pages: `auto` (`jalali` for a Persian "
        "site, the calendar its readers read; else `gregorian`), `gregorian`, `jalali` (Solar "
        "Hijri), `hijri` (Umm al-Qura) or `julian` (Old Style before 15 October 1582). "
        "Each date at its true precision: January 2025 is `Dey–Bahman 1403`. The axis "
        "ticks follow it; `<time datetime>`, JSON-LD and exports stay Gregorian. See "
        "[display calendars](dates.md#display-calendars).",
    )
    display_calendar_gregorian: bool = setting(
        False,
        _bool,
        "With a `display_calendar` other than `gregorian`, also show the Gregorian date "
        "in brackets: `1 Farvardin 1404 (21 March 2025)`.",
    )
    default_language: str | None = setting(
        None,
        _language,
        "The language of the events' text: plain `title: ...`, and the `en:` key of "
        "`title: {en: ..., fa: ...}`. See [translations](translations.md).",
        shown="`locale`",
    )
    translations: tuple[SiteLanguage, ...] = setting(
        (),
        _translations,
        "More languages the timeline is built in, each a section `<language>/<pages_dir>/` "
        "with the events' text in it (`[fa]`, or `{fa: {title: ..., locale: fa, direction: "
        "rtl, display_calendar: jalali}}`). See [translations](translations.md).",
        shown="none",
    )
    require_sources: bool = setting(False, _bool, "Every event must cite a source.")
    allowed_tags: tuple[str, ...] | None = setting(
        None, _texts, "Only these tags are accepted.", shown="any"
    )
    drafts: bool = setting(False, _bool, "Publish events marked `draft: true` too (a preview).")
    # The site.
    pages_dir: str = setting("timeline", pages_folder, "Where the timeline's pages go.")
    title: str = setting("Timeline", _text, "The title of the timeline page.")
    split: str = setting(
        "auto", _choice(*SPLITS), "`none` (one page), `decade`, `year`, `month`, or `auto`."
    )
    split_threshold: int = setting(
        500, _whole(1), "With `split: auto`, the most events on one page before it is split."
    )
    edit_url: str | None = setting(
        None,
        _text,
        'The address that an event\'s path (`events/…yaml`) is appended to for "Edit this event".',
        shown="from `repo_url`",
    )
    atomic: bool = setting(
        True,
        _bool,
        "Build into a staging folder and replace `site/` only when the build succeeded.",
    )
    parallel: bool = setting(
        True,
        _bool,
        "Use a second core where the machine has one (POSIX): `mkdocs build` and `timeline "
        "check` read the event files in two processes, and `mkdocs build` writes the "
        "timeline's pages and exports in two, with MkDocs' own search or none beside it. See "
        "[building large timelines](site.md#building-large-timelines).",
    )
    exports: bool = setting(
        True,
        _bool,
        "Publish the timeline as JSON, TimelineJS JSON, CSV, iCalendar and (with "
        "`site_url`) Atom and JSON Feed beside the pages, linked from the timeline page. "
        "See [exports](exports.md).",
    )
    history: bool = setting(
        True,
        _bool,
        "Show on each event page when its file was added and last changed, and how many "
        "revisions it has, from one `git log` for the whole repository; add a "
        '"Recently changed" page (`timeline/changes/`). Without git the build still works '
        "and says so once.",
    )
    home: str = setting(
        "latest",
        _choice(*HOME_CHOICES),
        "The home page's events: `latest` (newest first), `first` (oldest first) or "
        "`none`. Without a `docs/index.md` the site's home is made from it; a hand-written "
        "page shows it where it has `<!-- timeline:home -->`. See "
        "[the home page](site.md#the-home-page).",
    )
    home_events: int = setting(10, _whole(0), "How many events the home page shows.")
    search: str = setting(
        "pagefind",
        _choice(*SEARCH_CHOICES),
        "How the event pages are searched: `pagefind` (indexed by Pagefind after the build; "
        "the theme's search box also finds them, and a reader downloads only what a query "
        "needs), `mkdocs` (the theme's own search indexes their full text: every page "
        "downloads it all), or `none`. See [search](site.md#search).",
    )
    axis: bool = setting(
        True,
        _bool,
        "Draw the [time axis](site.md#the-time-axis) above the timeline, period, tag, actor "
        "and place lists, and publish its data file `timeline/axis.json`.",
    )
    axis_lanes: str | tuple[Any, ...] = setting(
        "none",
        _lanes,
        "Lanes of the axis: `none`, `tags`, `actors`, `places` (one lane each, the 12 largest, "
        'the rest under "Other"), or a list of lanes each with a title and the tags, actors '
        "or places that put an event in it (see [the time axis](site.md#the-time-axis)).",
    )
    embed: bool = setting(
        True,
        _bool,
        "Publish `timeline/embed.html`, the timeline without the site around it for an "
        '`<iframe>` on another site, and offer its code under "Embed" on the timeline '
        "page. See [embedding](embed.md).",
    )
    map: tuple[str, str] | None = setting(
        None,
        _map,
        "A tile layer under the [map page](eras-places-links.md#the-map-page): "
        "`{tiles: 'https://tile.example.org/{z}/{x}/{y}.png', attribution: '© …'}`. "
        "Off by default: the map draws the shipped basemap and needs no network; with "
        "tiles, readers' browsers fetch them from that server and the attribution shows "
        "on the map.",
        shown="none",
    )
    axis_direction: str = setting(
        "auto",
        _choice(*AXIS_DIRECTIONS),
        "Which way time runs on the axis: `auto` (right to left in a right-to-left "
        "language such as Persian, Arabic, Hebrew or Urdu, else left to right), `ltr` or "
        "`rtl`.",
    )
    allow_outside_links: bool = setting(
        False,
        _bool,
        "Publish files and folders of `docs_dir` that are symbolic links to somewhere "
        "outside the project (the folder of `mkdocs.yml`). By default the build refuses "
        "them, naming each: MkDocs follows links, and a link such as "
        "`docs/env.txt -> /proc/self/environ` in a pull request would publish the build's "
        "environment and its secrets. Links that stay inside the project are always "
        "allowed, except one to a folder above itself (MkDocs would walk it without end).",
    )

    @property
    def events_path(self) -> Path:
        return self.root / self.events_dir

    @property
    def content_language(self) -> str:
        """The language the events' plain text is written in."""
        return self.default_language or self.locale

    @property
    def descending(self) -> bool:
        return self.sort == "descending"

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any], *, root: Path) -> Settings:
        """Validate plugin options (as written in mkdocs.yml) into settings.

        Raises:
            ConfigError: naming every unknown or invalid option at once.
        """
        known = {option.name: option for option in options_table()}
        errors = [f"unknown option {name!r}" for name in options if name not in known]
        values: dict[str, Any] = {}
        for name, value in options.items():
            if name not in known or value is None:
                continue
            try:
                values[name] = check_option(known[name], value)
            except ValueError as error:
                errors.append(f"{name}: {error}")
        if errors:
            raise ConfigError(
                "invalid timeline settings in mkdocs.yml: " + "; ".join(errors),
                hint="see the settings page of the user guide",
            )
        return cls(root=root, **values)


def options_table() -> tuple[Field[Any], ...]:
    """Every setting, in the order of `Settings` (the fields that carry a check)."""
    return tuple(option for option in fields(Settings) if "check" in option.metadata)


def default(name: str) -> Any:
    """A setting's default, as `Settings` declares it."""
    return Settings.__dataclass_fields__[name].default


def check_option(option: Field[Any], value: Any) -> Any:
    """A written value validated and normalised by its setting's check (ValueError if bad)."""
    try:
        checked = option.metadata["check"](value)
    except TypeError as error:  # a check that met a type it did not expect
        raise ValueError(str(error)) from None
    return checked


def settings_reference() -> str:
    """The settings page of the guide: an example entry and a table, from `Settings`."""
    example = [f"      {option.name}: {_yaml(option.default)}" for option in options_table()]
    rows = [
        f"| `{option.name}` | {option.metadata['shown'] or _shown(option.default)} | "
        f"{option.metadata['doc']} |"
        for option in options_table()
    ]
    return "\n".join(
        [
            "Every setting is optional. `timeline check`, `timeline export` and the site",
            "read the same entry of `mkdocs.yml` (with its `INHERIT` and `!ENV`), so the",
            "command line and the site always agree.\n",
            "```yaml",
            "plugins:",
            "  - search",
            "  - timeline:",
            *example,
            "```\n",
            "| setting | default | what it does |",
            "| --- | --- | --- |",
            *rows,
            "",
            "Each setting is declared once, as one line of `Settings` in `timeline/config.py`;",
            "the plugin, the command line, this page and the tests derive from it.",
            "",
        ]
    )


def _yaml(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, tuple):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _shown(value: Any) -> str:
    return f"`{_yaml(value)}`"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for values (`!ENV`, `!relative`), running no code."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # MkDocs' own `!ENV` (pyyaml-env-tag, installed with MkDocs): `!ENV NAME` or
    # `!ENV [NAME, OTHER, default]`, the default typed as YAML types it.
    from yaml_env_tag import construct_env_tag  # type: ignore[import-untyped]

    return construct_env_tag(loader, node)


def _relative_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    # `!relative $config_dir/x` is a path beside mkdocs.yml; `$docs_dir` and a bare
    # `!relative` need MkDocs' config and pages (markdown_extensions): none of ours.
    value = str(loader.construct_scalar(node) or "")  # type: ignore[arg-type]
    prefix, _, suffix = value.partition("/")
    folder = getattr(loader, "config_dir", None)
    if prefix == "$config_dir" and folder is not None:
        return os.path.join(folder, suffix)
    return None


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None  # `!!python/name:` and plugins' own tags: nothing a setting needs


_ConfigLoader.add_constructor("!ENV", _env_tag)
_ConfigLoader.add_constructor("!relative", _relative_tag)
_ConfigLoader.add_multi_constructor("!", _ignore_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def plugin_options(config: Mapping[str, Any]) -> dict[str, Any] | None:
    """The options of the `timeline` entry in a parsed mkdocs.yml, or None if absent."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, Mapping):
        plugins = [{name: value} for name, value in plugins.items()]
    if not isinstance(plugins, list):
        raise ConfigError(
            f"plugins in mkdocs.yml: expected a list, got {plugins!r}",
            hint="plugins:\n  - search\n  - timeline",
        )
    for entry in plugins:
        if entry == "timeline":
            return {}
        if isinstance(entry, Mapping) and "timeline" in entry:
            options = entry["timeline"] or {}
            if not isinstance(options, Mapping):
                raise ConfigError(
                    f"the timeline entry in mkdocs.yml: expected options, got {options!r}",
                    hint="- timeline:\n      languages: [en]",
                )
            return dict(options)
    return None


def find_config_file(start: Path) -> Path | None:
    """The mkdocs.yml in ``start`` or the nearest folder above it."""
    for folder in (start, *start.parents):
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def load_settings(config_file: Path | None = None, *, start: Path | None = None) -> Settings:
    """Settings from mkdocs.yml (given, or found from ``start`` upwards), else defaults.

    Raises:
        ConfigError: the file cannot be read or its timeline options are invalid.
    """
    start = (start or Path.cwd()).resolve()
    config_file = config_file or find_config_file(start)
    if config_file is None:
        return Settings(root=start)
    options = plugin_options(read_mkdocs_config(config_file))
    return Settings.from_mapping(options or {}, root=config_file.resolve().parent)


def read_mkdocs_config(config_file: Path) -> Mapping[str, Any]:
    """A parsed mkdocs.yml with its `INHERIT` chain merged, as MkDocs merges it.

    Raises:
        ConfigError: a file of the chain cannot be read, is not YAML, or loops.
    """
    return _read_inheriting(config_file, ())


def _read_inheriting(config_file: Path, seen: tuple[Path, ...]) -> dict[str, Any]:
    # Measured (benchmarks/config_read.py): mkdocs.utils.yaml would import click and
    # MkDocs' exceptions on the `check` path; its two helpers alone cost far less.
    import mergedeep  # type: ignore[import-untyped]

    real = config_file.resolve()
    if real in seen:
        chain = " → ".join(str(path) for path in (*seen, real))
        raise ConfigError(f"INHERIT in mkdocs.yml loops: {chain}")
    try:
        text = config_file.read_text(encoding="utf-8")
        loader = _ConfigLoader(text)
        loader.config_dir = str(real.parent)  # type: ignore[attr-defined]
        try:
            config = loader.get_single_data()
        finally:
            loader.dispose()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read {config_file}: {error}") from None
    if not isinstance(config, dict):
        return {}
    parent = config.pop("INHERIT", None)
    if parent is None:
        return config
    if not isinstance(parent, str):
        raise ConfigError(f"INHERIT in {config_file}: expected a file name, got {parent!r}")
    # MkDocs resolves INHERIT beside the file that names it (not from the working folder).
    base_file = Path(os.path.normpath(config_file.parent / parent))
    if not base_file.is_file():
        raise ConfigError(
            f"INHERIT in {config_file}: {parent!r} does not exist at {base_file}",
        )
    merged: dict[str, Any] = mergedeep.merge(_read_inheriting(base_file, (*seen, real)), config)
    return merged
