"""Imports go one way: no cycle among timeline/dates/, and every module imports alone.

The graph is read with `ast` from the source (every `import`, also inside functions,
where a cycle only hides until the function runs), leaving out imports under
`if TYPE_CHECKING:`, which never run. `python tests/test_imports_cycles.py` prints
every cycle of the whole package.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "timeline"


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, here: str, is_package: bool, modules: set[str]) -> set[str]:
    """The package's modules that a module's code imports when it runs."""
    found: set[str] = set()
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = here.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # `from timeline.dates import calendars` imports the module calendars.
                whole = f"{base}.{alias.name}"
                found.add(whole if whole in modules else base)
        stack.extend(ast.iter_child_nodes(node))
    return {name for name in found if name in modules and name != here}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports."""
    paths = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    names = set(paths)
    return {
        name: _imports(ast.parse(path.read_text("utf-8")), name, path.stem == "__init__", names)
        for name, path in paths.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_cycle_finder_finds_a_cycle_through_a_function_local_import(tmp_path: Path) -> None:
    package = tmp_path / "timeline"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from .a import f\nfrom timeline.sub import d\n")
    (package / "sub" / "a.py").write_text("def f():\n    from timeline.sub import b\n")
    (package / "sub" / "b.py").write_text("from . import a\n")
    (package / "sub" / "c.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from timeline.sub import a\n"
    )
    (package / "sub" / "d.py").write_text("from timeline.sub import e\n")
    (package / "sub" / "e.py").write_text("import timeline.sub\n")
    graph = import_graph(package)
    assert graph["timeline.sub.c"] == set()  # only for the type checker
    assert cycles(graph) == [
        ["timeline.sub", "timeline.sub.d", "timeline.sub.e"],
        ["timeline.sub.a", "timeline.sub.b"],
    ]


def test_no_import_cycle_in_dates() -> None:
    dates = [group for group in cycles(import_graph()) if any(".dates" in m for m in group)]
    assert dates == []


def test_no_import_cycle_in_the_package() -> None:
    # Function-local imports count: a renderer calling back into the module that calls
    # it is still a cycle (what render/page.py, i18n.relation_words and
    # TimelinePlugin.published took apart).
    assert cycles(import_graph()) == []


def test_every_dates_module_imports_alone_in_a_fresh_interpreter() -> None:
    names = sorted(name for name in import_graph() if name.startswith("timeline.dates"))
    assert "timeline.dates.labels" in names
    failed = []
    for name in names:
        run = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False
        )
        if run.returncode:
            failed.append(f"{name}: {run.stderr.strip().splitlines()[-1]}")
    assert failed == []


@pytest.mark.parametrize("name", ["timeline.render.axis", "timeline.render.calendar_ticks"])
def test_the_tick_modules_import_alone(name: str) -> None:
    run = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, check=False)
    assert run.returncode == 0, run.stderr


if __name__ == "__main__":
    for group in cycles(import_graph()):
        print(" ↔ ".join(group))
