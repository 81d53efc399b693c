"""Shared fixtures for ingest tests: the corpus read once per session."""
from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_docs():
    """slug prefix ('000'…'004') -> Document (blocks + metadata), without extraction."""
    from ingest.pipeline import read_document

    return {p.name[:3]: read_document(p) for p in sorted(CORPUS.glob("*.txt"))}
