"""What changed in the events between two revisions: events, not lines.

Each side is read with the loader and the schema (``read_event``) straight from
git objects, so the working tree is never touched. Events are matched by id;
an id that changed is a rename when git's rename detection (or, against the
working tree, the same 50% similarity rule) pairs the two files and the title
or the date stayed the same (two-line files are 50% alike by chance). Dates are
compared by meaning: "January 2025 → 17 January 2025 (precision month → day)".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final

from timeline.config import Settings
from timeline.dates import EventDate, parse_date
from timeline.errors import DateError
from timeline.git import Revision, files_at, renames
from timeline.loader import EventFile, Mapping, Node, Scalar, Sequence, parse_event_text
from timeline.problems import printable
from timeline.schema import EVENT_FIELDS, FIELDS_BY_NAME, Kind, read_event

SIMILARITY: Final = 0.5
"""How alike two files must be to count as one renamed file (git's -M default)."""

MAX_TEXT_LINES: Final = 12
"""Most lines of a text field's own diff shown per field."""

_LIST_KINDS: Final = (Kind.TEXT_LIST, Kind.ID_LIST)
_DATE_FIELDS: Final = ("date", "end", "as_of")


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its old and new text, and what that means."""

    name: str
    before: str | None
    after: str | None
    meaning: str | None = None
    lines: tuple[str, ...] = ()
    show_values: bool = True  # False when the meaning says it all (list items added)


@dataclass(frozen=True)
class EventChange:
    """One event added, removed, renamed or changed."""

    kind: str  # "added", "removed", "renamed", "changed"
    event_id: str
    path: str
    title: str | None = None
    when: str | None = None
    old_id: str | None = None
    old_path: str | None = None
    fields: tuple[FieldChange, ...] = ()
    unreadable: tuple[str, ...] = ()  # "at <side>: <problem>" for what could not be read


@dataclass(frozen=True)
class TimelineDiff:
    """Every event change between two sides, added first, then removed, renamed, changed."""

    base: str
    head: str
    changes: tuple[EventChange, ...] = field(default_factory=tuple)

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)

    @property
    def summary(self) -> str:
        parts = [
            f"{self.count(kind)} {kind}"
            for kind in ("added", "removed", "renamed", "changed")
            if self.count(kind)
        ]
        return ", ".join(parts) or "no changes to events"


@dataclass(frozen=True)
class _Side:
    """One event file at one side: its tree (if it loads) and what it means."""

    path: str
    data: bytes
    tree: Mapping | None
    title: str | None
    when: str | None
    problems: tuple[str, ...]

    @property
    def event_id(self) -> str:
        return PurePosixPath(self.path).stem


def diff_revisions(
    repo: Path, base: Revision, head: Revision, settings: Settings, *, folder: str
) -> TimelineDiff:
    """Compare the event files under ``folder`` (relative to ``repo``) at two revisions."""
    old_files, new_files = files_at(repo, base, folder), files_at(repo, head, folder)
    # Only files that differ are parsed: a pull request touching 3 of 10,000 events
    # reads 6 files with the schema, not 20,000.
    same = {path for path, data in old_files.items() if new_files.get(path) == data}
    before = {p: _read(p, data, settings) for p, data in old_files.items() if p not in same}
    after = {p: _read(p, data, settings) for p, data in new_files.items() if p not in same}
    pairs = renames(repo, base, head, folder)
    return compare(before, after, settings, pairs, base.label, head.label)


def compare(
    before: dict[str, _Side],
    after: dict[str, _Side],
    settings: Settings,
    git_renames: dict[str, str],
    base_label: str,
    head_label: str,
) -> TimelineDiff:
    """Match the two sides' events by id, then by rename, and compare their fields."""
    old_by_id = {side.event_id: side for side in before.values()}
    new_by_id = {side.event_id: side for side in after.values()}
    removed = {i: s for i, s in old_by_id.items() if i not in new_by_id}
    added = {i: s for i, s in new_by_id.items() if i not in old_by_id}
    renamed: list[tuple[_Side, _Side]] = []
    for old_path, new_path in git_renames.items():
        old, new = before.get(old_path), after.get(new_path)
        if (
            old
            and new
            and old.event_id in removed
            and new.event_id in added
            and _same_event(old, new)
        ):
            renamed.append((removed.pop(old.event_id), added.pop(new.event_id)))
    renamed += _similar_pairs(removed, added)

    changes: list[EventChange] = []
    for side in sorted(added.values(), key=lambda s: s.path):
        changes.append(_whole("added", side, head_label))
    for side in sorted(removed.values(), key=lambda s: s.path):
        changes.append(_whole("removed", side, base_label))
    for old, new in sorted(renamed, key=lambda pair: pair[1].path):
        changes.append(
            EventChange(
                "renamed",
                new.event_id,
                new.path,
                new.title or old.title,
                new.when or old.when,
                old.event_id,
                old.path,
                _field_changes(old, new, settings),
                _unreadable(old, base_label) + _unreadable(new, head_label),
            )
        )
    for event_id in sorted(set(old_by_id) & set(new_by_id)):
        old, new = old_by_id[event_id], new_by_id[event_id]
        if old.data == new.data and old.path == new.path:
            continue
        fields = _field_changes(old, new, settings)
        unreadable = _unreadable(old, base_label) + _unreadable(new, head_label)
        if not fields and not unreadable and old.path == new.path:
            continue  # layout only (comments, quoting, order): not a change to the event
        changes.append(
            EventChange(
                "changed",
                event_id,
                new.path,
                new.title or old.title,
                new.when or old.when,
                old_path=old.path if old.path != new.path else None,
                fields=fields,
                unreadable=unreadable,
            )
        )
    return TimelineDiff(base_label, head_label, tuple(changes))


def _similar_pairs(removed: dict[str, _Side], added: dict[str, _Side]) -> list[tuple[_Side, _Side]]:
    """Pairs of a removed and an added file at least SIMILARITY alike, best first."""
    scored = []
    for old in removed.values():
        for new in added.values():
            matcher = difflib.SequenceMatcher(None, old.data, new.data, autojunk=False)
            if not _same_event(old, new):
                continue
            if matcher.real_quick_ratio() >= SIMILARITY and matcher.quick_ratio() >= SIMILARITY:
                ratio = matcher.ratio()
                if ratio >= SIMILARITY:
                    scored.append((-ratio, old.path, new.path, old, new))
    pairs = []
    for _score, _old_path, _new_path, old, new in sorted(scored, key=lambda s: s[:3]):
        if old.event_id in removed and new.event_id in added:
            pairs.append((removed.pop(old.event_id), added.pop(new.event_id)))
    return pairs


def _same_event(old: _Side, new: _Side) -> bool:
    """Whether two alike files keep the title or the date: small files are alike by chance."""
    if old.tree is None or new.tree is None:
        return True
    return any(
        _text(old.tree.entries.get(name)) == _text(new.tree.entries.get(name)) is not None
        for name in ("title", "date")
    )


def _read(path: str, data: bytes, settings: Settings) -> _Side:
    tree, problems = parse_event_text(data, path)
    if tree is None:
        return _Side(path, data, None, None, None, tuple(p.format() for p in problems[:3]))
    event, found = read_event(EventFile(Path(path), path, tree), settings)
    errors = tuple(p.format() for p in found if p.is_error)
    title = event.title if event else _text(tree.entries.get("title"))
    when = event.when.display if event else _text(tree.entries.get("date"))
    return _Side(path, data, tree, title, when, errors[:3])


def _text(entry: tuple[Scalar, Node] | None) -> str | None:
    if entry is None or not isinstance(entry[1], Scalar) or entry[1].is_null:
        return None
    return entry[1].text.strip()


def _whole(kind: str, side: _Side, label: str) -> EventChange:
    return EventChange(
        kind, side.event_id, side.path, side.title, side.when, unreadable=_unreadable(side, label)
    )


def _unreadable(side: _Side, label: str) -> tuple[str, ...]:
    return tuple(f"at {label}: {problem}" for problem in side.problems)


# -- field by field --------------------------------------------------------------------


def _plain(node: Node | None) -> Any:
    """A node as plain data: text (None when null), lists, dicts."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return None if node.is_null else node.text.strip()
    if isinstance(node, Sequence):
        return [_plain(item) for item in node.items]
    return {key: _plain(value) for key, (_key, value) in node.entries.items()}


def _field_changes(old: _Side, new: _Side, settings: Settings) -> tuple[FieldChange, ...]:
    if old.tree is None or new.tree is None:
        return ()
    before, after = _plain(old.tree), _plain(new.tree)
    names = [f.name for f in EVENT_FIELDS]
    names += [n for n in [*before, *after] if n not in names]
    changes: list[FieldChange] = []
    seen: set[str] = set()
    for name in names:
        if name in seen:
            continue
        seen.add(name)
        was, now = before.get(name), after.get(name)
        if was == now:
            continue
        spec = FIELDS_BY_NAME.get(name)
        if name in _DATE_FIELDS:
            changes.append(_date_change(name, was, now, before, after, settings))
        elif spec is not None and spec.kind in _LIST_KINDS and _is_list(was) and _is_list(now):
            changes.append(_list_change(name, was or [], now or []))
        elif spec is not None and spec.kind is Kind.OBJECT_LIST:
            changes.extend(_object_list_changes(name, was, now, settings))
        elif spec is not None and spec.translatable:
            changes.extend(_translation_changes(name, was, now, settings))
        else:
            changes.append(_value_change(name, was, now))
    return tuple(changes)


def _translation_changes(name: str, was: Any, now: Any, settings: Settings) -> list[FieldChange]:
    """A text written per language, compared language by language: `title.fa` added."""
    before, after = _per_language(was, settings), _per_language(now, settings)
    if (
        before is None
        or after is None
        or (isinstance(was, str | None) and isinstance(now, str | None))
    ):
        return [_value_change(name, was, now)]  # one text, or not text at all
    changes: list[FieldChange] = []
    default = settings.content_language
    for language in sorted({*before, *after}, key=lambda tag: (tag != default, tag)):
        old, new = before.get(language), after.get(language)
        if old == new:
            continue
        change = _value_change(f"{name}.{language}", old, new)
        if language != default and (old is None or new is None):
            meaning = "translation added" if old is None else "translation removed"
            change = FieldChange(change.name, old, new, meaning, change.lines)
        changes.append(change)
    return changes


def _per_language(value: Any, settings: Settings) -> dict[str, str] | None:
    """Plain text as the default language's; a mapping as it is; None for anything else."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {settings.content_language: value}
    if isinstance(value, dict) and all(isinstance(v, str | None) for v in value.values()):
        return {k: v for k, v in value.items() if v is not None}
    return None


def _is_list(value: Any) -> bool:
    return value is None or (isinstance(value, list) and all(isinstance(v, str) for v in value))


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    import json

    return json.dumps(value, ensure_ascii=False)


def _value_change(name: str, was: Any, now: Any) -> FieldChange:
    before, after = _shown(was), _shown(now)
    if before and after and ("\n" in before or "\n" in after):
        lines = list(
            difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
        )[2:]
        if len(lines) > MAX_TEXT_LINES:
            lines = [*lines[:MAX_TEXT_LINES], f"... {len(lines) - MAX_TEXT_LINES} more lines"]
        return FieldChange(name, before, after, "text changed", tuple(lines))
    return FieldChange(name, before, after)


def _list_change(name: str, was: list[str], now: list[str]) -> FieldChange:
    gone = [item for item in was if item not in now]
    new = [item for item in now if item not in was]
    parts = [f"+ {item}" for item in new] + [f"- {item}" for item in gone]
    meaning = ", ".join(parts) if parts else "reordered"
    return FieldChange(name, _shown(was), _shown(now), meaning, show_values=False)


def _object_list_changes(name: str, was: Any, now: Any, settings: Settings) -> list[FieldChange]:
    """Sources or media, matched item to item: equal, then same url, title or src."""
    if not isinstance(was, list) or not isinstance(now, list):
        return [_value_change(name, was, now)]
    old_left = dict(enumerate(was))
    new_left = dict(enumerate(now))
    pairs: list[tuple[Any, Any]] = []
    for key in (None, "url", "title", "src"):
        for new_index, item in list(new_left.items()):
            for old_index, old in old_left.items():
                if _same_item(old, item, key):
                    pairs.append((old_left.pop(old_index), new_left.pop(new_index)))
                    break
    changes: list[FieldChange] = []
    for item in new_left.values():
        changes.append(FieldChange(f"{name}[+]", None, _item_label(item), "added"))
    for item in old_left.values():
        changes.append(FieldChange(f"{name}[-]", _item_label(item), None, "removed"))
    for old, item in pairs:
        if old == item or not isinstance(old, dict) or not isinstance(item, dict):
            continue
        for sub in dict.fromkeys([*old, *item]):
            if old.get(sub) == item.get(sub):
                continue
            label = f"{name}[{_item_label(item)}].{sub}"
            if sub in ("published", "accessed"):
                changes.append(_date_change(label, old.get(sub), item.get(sub), {}, {}, settings))
            elif any(f.name == sub and f.translatable for f in FIELDS_BY_NAME[name].item_fields):
                changes.extend(_translation_changes(label, old.get(sub), item.get(sub), settings))
            else:
                changes.append(_value_change(label, old.get(sub), item.get(sub)))
    if not changes:
        changes.append(FieldChange(name, None, None, "reordered", show_values=False))
    return changes


def _same_item(old: Any, new: Any, key: str | None) -> bool:
    if key is None:
        return bool(old == new)
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    return old.get(key) is not None and old.get(key) == new.get(key)


def _item_label(item: Any) -> str:
    if isinstance(item, dict):
        for key in ("title", "url", "src", "alt"):
            if isinstance(item.get(key), str):
                return str(item[key])
    return _shown(item) or "(empty)"


def _date_change(
    name: str, was: Any, now: Any, before: dict[str, Any], after: dict[str, Any], settings: Settings
) -> FieldChange:
    old = _meaning(was, before, settings)
    new = _meaning(now, after, settings)
    before_text, after_text = _shown(was), _shown(now)
    if isinstance(old, EventDate) and isinstance(new, EventDate):
        if (old.lower, old.upper, old.precision) == (new.lower, new.upper, new.precision) and (
            old.approximate,
            old.uncertain,
        ) == (new.approximate, new.uncertain):
            return FieldChange(name, before_text, after_text, f"same meaning: {new.display}")
        meaning = f"{old.display} → {new.display}"
        if old.precision is not new.precision:
            meaning += f" (precision {old.precision.value} → {new.precision.value})"
        return FieldChange(name, before_text, after_text, meaning)
    return FieldChange(name, before_text, after_text, f"{_label(old)} → {_label(new)}")


def _label(meaning: EventDate | str | None) -> str:
    if meaning is None:
        return "none"
    return meaning.display if isinstance(meaning, EventDate) else meaning


def _meaning(value: Any, fields: dict[str, Any], settings: Settings) -> EventDate | str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return "not a date"
    as_of = fields.get("as_of") if isinstance(fields.get("as_of"), str) else None
    calendar = fields.get("calendar") if isinstance(fields.get("calendar"), str) else None
    try:
        return parse_date(
            value,
            languages=settings.languages,
            date_order=settings.date_order,
            as_of=as_of,
            calendar=(calendar or "gregorian").lower(),
        )
    except (DateError, ValueError):
        return f"{value!r} (not understood)"


# -- reports ---------------------------------------------------------------------------


def text_report(diff: TimelineDiff) -> str:
    """The diff for a terminal."""
    lines = [f"events {diff.base} → {diff.head}: {diff.summary}"]
    for change in diff.changes:
        lines.append("")
        name = change.event_id
        if change.kind == "renamed":
            name = f"{change.old_id} → {change.event_id}"
        about = " ".join(
            part
            for part in (
                repr(change.title) if change.title else None,
                f"({change.when})" if change.when else None,
            )
            if part
        )
        lines.append(f"{change.kind:<8} {name}  {about}".rstrip())
        if change.old_path and change.kind == "changed":
            lines.append(f"    moved: {change.old_path} → {change.path}")
        for field_change in change.fields:
            lines.extend("    " + line for line in _field_lines(field_change))
        lines.extend(f"    could not read {problem}" for problem in change.unreadable)
    return "\n".join(lines) + "\n"


def _field_lines(change: FieldChange) -> list[str]:
    if change.lines:
        return [f"{change.name}: {change.meaning}", *("  " + line for line in change.lines)]
    if change.meaning in ("added", "removed"):
        return [f"{change.name}: {change.meaning} {change.after or change.before!r}"]
    values = f"{_quote(change.before)} → {_quote(change.after)}"
    if change.meaning and not change.show_values:
        return [f"{change.name}: {change.meaning}"]
    if change.meaning:
        return [f"{change.name}: {change.meaning}  [{values}]"]
    return [f"{change.name}: {values}"]


def _quote(text: str | None) -> str:
    return "(none)" if text is None else repr(text)


def markdown_report(diff: TimelineDiff) -> str:
    """The diff as Markdown, to paste as a pull-request comment or a job summary.

    Everything from the files (ids, titles, values) is untrusted: it may neither
    change the comment's structure nor notify people or link issues from a bot.
    """
    lines = [
        f"### Timeline changes: {diff.summary}",
        "",
        f"{_code(diff.base)} → {_code(diff.head)}",
    ]
    titles = {"added": "Added", "removed": "Removed", "renamed": "Renamed", "changed": "Changed"}
    for kind, heading in titles.items():
        changes = [c for c in diff.changes if c.kind == kind]
        if not changes:
            continue
        lines += ["", f"#### {heading}", ""]
        for change in changes:
            name = _code(change.event_id)
            if change.kind == "renamed":
                name = f"{_code(change.old_id or '')} → {_code(change.event_id)}"
            about = f" — {_md(change.title)}" if change.title else ""
            when = f" ({_md(change.when)})" if change.when else ""
            lines.append(f"- {name}{about}{when}")
            for field_change in change.fields:
                lines.extend(_md_field(field_change))
            lines.extend(f"  - :warning: could not read {_md(p)}" for p in change.unreadable)
    return "\n".join(lines) + "\n"


def _code(text: str) -> str:
    """A Markdown code span that shows ``text`` whole: no backtick run inside can close it.

    CommonMark ends a code span at the first backtick run as long as the one that
    opened it, so the fence is one longer than the longest run in the text; a space
    keeps a backtick at either edge apart from the fence (and is stripped when shown).
    Line breaks and other control characters are escaped: blocks are parsed before
    code spans, so a newline inside one could start a heading or a list of its own.
    """
    body = printable(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", body)), default=0) + 1)
    if body[:1] in ("`", " ") or body[-1:] in ("`", " "):
        body = f" {body} "
    return f"{fence}{body}{fence}"


# GitHub turns @name and @org/team into mentions (notifying them) and #12, GH-12 and
# owner/repo#12 into references (cross-linking the issue) in text, not in code. A word
# joiner after the '@', '#' or 'GH-' keeps the text readable and ends the match.
_MENTION = re.compile(r"@(?=[A-Za-z0-9])|#(?=[0-9])|GH-(?=[0-9])", re.IGNORECASE)
WORD_JOINER = "\u2060"


def neutralise_mentions(text: str) -> str:
    """Text in which GitHub finds no @mention and no #123 (or GH-123) reference."""
    return _MENTION.sub(lambda m: m.group() + WORD_JOINER, text)


def _md(text: str) -> str:
    """Text safe inside a Markdown list item: no HTML, no line breaks, no table pipes."""
    # Whitespace (newlines too) collapses to one space; other controls become escapes.
    escaped = printable(" ".join(text.split()))
    escaped = escaped.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    # Brackets too: a title must not turn into a link or a tracking image.
    escaped = re.sub(r"([|`*_\[\]])", r"\\\1", escaped)
    return neutralise_mentions(escaped)


def _md_field(change: FieldChange) -> list[str]:
    head = f"  - **{_md(change.name)}**"
    if change.lines:
        body = [*change.lines]
        return [
            f"{head}: {change.meaning}",
            "",
            "    ```diff",
            # A control character (a lone \r ends a line too) must not end the block.
            *("    " + printable(line).replace("```", "ʼʼʼ") for line in body),
            "    ```",
        ]
    if change.meaning in ("added", "removed"):
        return [f"{head}: {change.meaning} {_md(change.after or change.before or '')}"]
    values = f"{_md_value(change.before)} → {_md_value(change.after)}"
    if change.meaning and not change.show_values:
        return [f"{head}: {_md(change.meaning)}"]
    if change.meaning:
        return [f"{head}: {_md(change.meaning)} ({values})"]
    return [f"{head}: {values}"]


def _md_value(text: str | None) -> str:
    return "*none*" if text is None else f"“{_md(text)}”"


Reporter = Callable[[TimelineDiff], str]
REPORTS: Final[dict[str, Reporter]] = {"text": text_report, "markdown": markdown_report}
