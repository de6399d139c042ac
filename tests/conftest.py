"""Shared fixtures. Models load once per session; the demo workspace is built once and read-only."""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
SEED_DIR = ROOT.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CROSSCHECK_WORKSPACE", str(tmp_path / "default-workspace"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "False")


def pytest_report_header(config):
    import faiss
    import torch

    from checker.nli import DEFAULT_NLI

    return [
        f"crosscheck: torch {torch.__version__}, faiss {faiss.__version__}, sqlite {sqlite3.sqlite_version}, "
        f"python {sys.version.split()[0]}",
        f"crosscheck: NLI model {DEFAULT_NLI}",
    ]


@pytest.fixture(scope="session")
def embedder():
    from index.embed import load_embedder

    return load_embedder()


@pytest.fixture(scope="session")
def demo_workspace(tmp_path_factory, embedder):
    """The demo corpus, indexed once. Treat as read-only; copy it to write."""
    from index.workspace import Workspace

    path = tmp_path_factory.mktemp("demo") / "ws"
    with Workspace.open(path, embedder=embedder) as ws:
        ws.add([CORPUS])
    return path


@pytest.fixture
def demo_workspace_copy(demo_workspace, tmp_path):
    dest = tmp_path / "ws"
    shutil.copytree(demo_workspace, dest)
    return dest


@pytest.fixture
def workspace(tmp_path, embedder):
    from index.workspace import Workspace

    with Workspace.open(tmp_path / "ws", embedder=embedder) as ws:
        yield ws


@pytest.fixture(scope="session")
def seed_article() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.exists() else []
    if not files:
        pytest.skip("the seed article (../shared/seeds) is not on this machine")
    return files[0].read_text(encoding="utf-8")


def has_nli_model() -> bool:
    from index.settings import BUNDLED_NLI_MEMBERS

    return all((Path(m) / "config.json").exists() for m in BUNDLED_NLI_MEMBERS)


os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
