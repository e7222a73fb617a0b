"""The layout ARCHITECTURE.md describes holds: no import cycle among archive's modules (imports inside
functions count), no module past 400 lines, and the glue never reads a request. The layers
themselves are import-linter's contracts (pyproject.toml, `make lint`)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "archive"
MAX_LINES = 400
# Glue: between the web edge and the engines. It takes values, never a request (the admin modules of
# jobs/, stories/ and following/ are web edge that lives beside its subsystem).
GLUE = (
    "importing",
    "stories",
    "jobs",
    "searching.py",
    "outlets.py",
    "figures.py",
    "browsing.py",
    "signals.py",
    "following",
    "search_forms.py",
)
GLUE_EDGE = {"jobs/admin.py", "stories/admin.py", "following/admin.py"}
REQUEST_MODULES = ("django.http", "django.shortcuts", "django.template.response")


def _modules() -> list[Path]:
    return [p for p in ARCHIVE.rglob("*.py") if "migrations" not in p.parts]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_among_archives_modules_counting_imports_inside_functions():
    sys.path.insert(0, str(ROOT))
    graph = grimp.build_graph("archive", cache_dir=None)
    modules = {m for m in graph.modules if ".migrations" not in m}
    edges = {m: set(graph.find_modules_directly_imported_by(m)) & modules - {m} for m in modules}
    assert _cycles(edges) == []


def test_the_cycle_finder_finds_a_cycle_through_three_modules():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]


def test_no_module_is_longer_than_400_lines():
    long = {
        str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_glue_never_imports_what_reads_a_request():
    readers = []
    for path in _modules():
        relative = path.relative_to(ARCHIVE).as_posix()
        if not relative.startswith(GLUE) or relative in GLUE_EDGE:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            readers += [f"{relative}: {name}" for name in names if name.startswith(REQUEST_MODULES)]
    assert readers == []
