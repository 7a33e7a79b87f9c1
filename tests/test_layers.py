"""The import layers of src/dyads: no module imports one of a higher layer, and no modules
import each other in a circle. Read from the source (ast), so it needs nothing installed.

Every import counts: at module level, inside a function (lazy: run on the first call) and under
``if TYPE_CHECKING:`` (types only). A failure lists each offending import with its file, line
and kind. Exceptions are in ALLOWED_UPWARD and ALLOWED_CYCLES, each with the reason and who
removes it; the tests fail too when an exception is no longer needed, so the lists only shrink.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("records", frozenset({"models", "errors", "settings", "datafiles", "spans", "urls",
                          "progress", "chunks"})),
    ("text and knowledge", frozenset({"kb", "nlp", "morphology", "normalize", "dates", "guards",
                                     "readers", "output", "identity", "journal"})),
    ("stages", frozenset({"actors", "events", "clock", "extensions", "headlines"})),
    ("coder", frozenset({"pipeline", "components", "places", "commitments", "quantities",
                        "learned"})),
    ("store", frozenset({"store"})),
    ("applications", frozenset({"web", "scale", "checks", "bench", "explain"})),
    ("entry points", frozenset({"cli", "commands", ""})),
)
"""Lowest first; a module may import its own layer and those below. Keys are the first name
under ``dyads`` (``kb`` for dyads.kb.loader); "" is ``dyads/__init__.py``, the public API."""

ALLOWED_UPWARD: dict[tuple[str, str], str] = {}
"""(importer, imported) -> why it is allowed for now."""

ALLOWED_CYCLES: dict[frozenset[str], str] = {}
"""Sets of modules that import each other in a circle -> why it is allowed for now."""


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    kind: str  # "module", "lazy" (inside a function) or "typing" (under TYPE_CHECKING)

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} (line {self.line}, {self.kind})"


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, src: Path, modules: frozenset[str]) -> list[Import]:
    """The imports of one file that name modules of ``modules`` (relative ones resolved,
    ``from package import submodule`` read as an import of the submodule)."""
    name = module_name(path, src)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[Import] = []

    def visit(node: ast.AST, kind: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, "lazy" if kind == "module" else kind)
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                for stmt in child.body:
                    visit(ast.Module(body=[stmt], type_ignores=[]), "typing")
                for stmt in child.orelse:
                    visit(ast.Module(body=[stmt], type_ignores=[]), kind)
            elif isinstance(child, ast.Import):
                found.extend(Import(name, a.name, child.lineno, kind) for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = _absolute(child, package)
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    target = sub if sub in modules else base
                    found.append(Import(name, target, child.lineno, kind))
            else:
                visit(child, kind)

    visit(tree, "module")
    return [i for i in dict.fromkeys(found) if i.imported in modules and i.imported != name]


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _absolute(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[:len(parts) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(src: Path, root: str) -> list[Import]:
    files = sorted((src / root).rglob("*.py"))
    modules = frozenset(module_name(f, src) for f in files)
    return [i for f in files for i in imports_of(f, src, modules)]


def layer_of(module: str, layers: Iterable[tuple[str, frozenset[str]]] = LAYERS) -> int:
    key = module.split(".")[1] if "." in module else ""
    for n, (_, names) in enumerate(layers):
        if key in names:
            return n
    raise AssertionError(f"{module} is in no layer: add {key!r} to LAYERS in tests/test_layers.py")


def upward(graph: Iterable[Import],
           layers: tuple[tuple[str, frozenset[str]], ...] = LAYERS) -> list[Import]:
    return [i for i in graph if layer_of(i.imported, layers) > layer_of(i.importer, layers)]


def cycles(graph: Iterable[Import]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    edges: dict[str, set[str]] = {}
    for i in graph:
        edges.setdefault(i.importer, set()).add(i.imported)
        edges.setdefault(i.imported, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


def describe_cycle(component: frozenset[str], graph: Iterable[Import]) -> str:
    inside = [str(i) for i in graph if i.importer in component and i.imported in component]
    return "; ".join(sorted(inside))


# --------------------------------------------------------------------------- the package


@pytest.fixture(scope="module")
def graph() -> list[Import]:
    return import_graph(SRC, "dyads")


def test_every_module_has_a_layer(graph: list[Import]) -> None:
    for path in (SRC / "dyads").rglob("*.py"):
        layer_of(module_name(path, SRC))


def test_no_upward_import(graph: list[Import]) -> None:
    found = [i for i in upward(graph) if (i.importer, i.imported) not in ALLOWED_UPWARD]
    assert not found, "imports of a higher layer:\n" + "\n".join(map(str, found))


def test_no_import_cycle(graph: list[Import]) -> None:
    found = [c for c in cycles(graph) if c not in ALLOWED_CYCLES]
    assert not found, "modules that import each other:\n" + "\n".join(
        describe_cycle(c, graph) for c in found)


def test_the_exceptions_are_still_needed(graph: list[Import]) -> None:
    pairs = {(i.importer, i.imported) for i in upward(graph)}
    assert not set(ALLOWED_UPWARD) - pairs, "remove these from ALLOWED_UPWARD"
    assert not set(ALLOWED_CYCLES) - set(cycles(graph)), "remove these from ALLOWED_CYCLES"


# --------------------------------------------------------------------------- the checker


def write_package(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


TOY_LAYERS = (("low", frozenset({"low", "deep"})), ("high", frozenset({"high", ""})))


def test_the_checker_finds_upward_imports_of_every_kind(tmp_path: Path) -> None:
    src = write_package(tmp_path, {
        "__init__.py": "",
        "high.py": "from pkg import low\n",
        "low.py": ("from typing import TYPE_CHECKING\n"
                   "if TYPE_CHECKING:\n    from pkg.high import X\n"
                   "def f():\n    from . import high\n    import pkg.high\n"),
        "deep/__init__.py": "",
        "deep/inner.py": "from ..high import Y\nfrom .. import low\n",
    })
    found = {str(i) for i in upward(import_graph(src, "pkg"), TOY_LAYERS)}
    assert found == {"pkg.low -> pkg.high (line 3, typing)", "pkg.low -> pkg.high (line 5, lazy)",
                     "pkg.low -> pkg.high (line 6, lazy)",
                     "pkg.deep.inner -> pkg.high (line 1, module)"}


def test_the_checker_finds_cycles(tmp_path: Path) -> None:
    src = write_package(tmp_path, {
        "__init__.py": "", "a.py": "from pkg import b\n", "b.py": "def f():\n    import pkg.c\n",
        "c.py": "from pkg.a import x\n", "d.py": "import pkg.a\n",
    })
    graph = import_graph(src, "pkg")
    assert cycles(graph) == [frozenset({"pkg.a", "pkg.b", "pkg.c"})]
    assert "pkg.b -> pkg.c (line 2, lazy)" in describe_cycle(cycles(graph)[0], graph)
