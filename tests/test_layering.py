"""Data flows one way: ui → checker → index. Heavy libraries are imported inside functions."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = {"torch", "transformers", "sentence_transformers", "faiss", "gradio"}


def imports(path: Path, top_level_only: bool = False):
    """Top-level packages a file imports."""
    return {name.split(".")[0] for name in module_imports(path, top_level_only)}


def modules(package):
    return sorted((ROOT / package).rglob("*.py"))


def test_index_never_imports_checker_or_ui():
    for path in modules("index"):
        assert not {"checker", "ui"} & set(imports(path)), path


def test_checker_never_imports_ui():
    for path in modules("checker"):
        assert "ui" not in set(imports(path)), path


def test_only_ui_imports_gradio_and_only_the_cli_imports_click():
    for package in ("checker", "index"):
        for path in modules(package):
            found = set(imports(path))
            assert "gradio" not in found, path
            if path.name != "cli.py":
                assert "click" not in found, path


def test_heavy_libraries_are_not_imported_at_module_level():
    """So that `crosscheck --help` stays fast; the UI may import gradio, it is what it is built on."""
    for package in ("checker", "index", "ui"):
        for path in modules(package):
            heavy = HEAVY - {"gradio"} if package == "ui" else HEAVY
            assert not heavy & set(imports(path, top_level_only=True)), path


def module_imports(path: Path, top_level_only: bool = False):
    """Full dotted names imported by a file; ``from pkg import name`` gives ``pkg.name`` (it may be a module)."""
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{a.name}" for a in node.names)


def in_package(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def test_the_runtime_never_imports_the_lab():
    """Training and evaluation sit beside the runtime; only the CLI's eval commands reach in, lazily."""
    lab = ROOT / "checker" / "lab"
    for path in modules("checker") + modules("index") + modules("ui"):
        if lab in path.parents:
            continue
        if path == ROOT / "checker" / "cli.py":
            assert not any(in_package(n, "checker.lab") for n in module_imports(path, top_level_only=True)), path
            continue
        assert not any(in_package(n, "checker.lab") for n in module_imports(path)), path


def test_the_ui_uses_only_the_public_api():
    """ui → checker's exported names; never index internals, checker's modules or the lab."""
    import checker

    public = {f"checker.{name}" for name in checker.__all__} | {"checker"}
    for path in modules("ui"):
        for name in module_imports(path):
            assert not in_package(name, "index"), (path, name)
            if in_package(name, "checker"):
                assert name in public, (path, name)


def test_the_public_api_exports_what_the_readme_shows():
    import checker

    assert {"Checker", "Workspace", "CrosscheckError", "settings", "output", "load_nli"} <= set(checker.__all__)
    assert all(hasattr(checker, name) for name in checker.__all__)
