"""One document -> DocumentFacts; a folder of documents -> facts plus the list of failures.

Stages: read (reader) -> blocks (structure) -> metadata -> each extractor in EXTRACTORS appends
its facts -> per-document resolution. After the whole corpus, cross-document resolution.
A broken file is recorded and the rest of the corpus still ingests.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ingest.metadata import build_document
from ingest.model import DocumentFacts, IngestError
from ingest.reader import read_text
from ingest.structure import parse_structure

# Order matters: later extractors may read what earlier ones found (directions cite legislation
# found in the same paragraphs, events refer to people).
EXTRACTORS = ["ingest.people", "ingest.directions", "ingest.legislation", "ingest.themes", "ingest.events"]
RESOLVER = "ingest.resolve"


@dataclass
class CorpusResult:
    facts: list[DocumentFacts] = field(default_factory=list)
    failures: list[IngestError] = field(default_factory=list)


def _optional(module: str, name: str) -> Optional[Callable]:
    """A hook another module may or may not define yet (resolution lands separately)."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise
    return getattr(mod, name, None)


def extract_all(facts: DocumentFacts) -> DocumentFacts:
    for name in EXTRACTORS:
        importlib.import_module(name).extract(facts.document, facts)
    resolve_document = _optional(RESOLVER, "resolve_document")
    if resolve_document is not None:
        resolve_document(facts)
    return facts


def read_document(path: str | Path):
    """Text -> Document (blocks and metadata), without extraction."""
    p = Path(path)
    text = read_text(p)
    doc = build_document(p, parse_structure(text, p.stem))
    doc.metadata.setdefault("source_text_chars", len(text))
    return doc


def ingest_file(path: str | Path) -> DocumentFacts:
    """All facts of one document; raises IngestError naming the file when it cannot be read."""
    p = Path(path)
    doc = read_document(p)
    try:
        return extract_all(DocumentFacts(document=doc))
    except IngestError:
        raise
    except Exception as exc:  # an extractor bug must still name the document it failed on
        raise IngestError(str(p), f"extraction failed: {type(exc).__name__}: {exc}") from exc


def ingest_corpus(folder: str | Path, echo: Optional[Callable[[str], None]] = None) -> CorpusResult:
    """Every .txt file in `folder` (sorted by name); failures are collected, not raised."""
    say = echo or (lambda _m: None)
    files = sorted(Path(folder).glob("*.txt"))
    result = CorpusResult()
    for i, f in enumerate(files, 1):
        try:
            facts = ingest_file(f)
        except IngestError as exc:
            result.failures.append(exc)
            say(f"[{i}/{len(files)}] FAILED {exc}")
            continue
        result.facts.append(facts)
        say(f"[{i}/{len(files)}] {f.name}: {len(facts.document.blocks)} blocks, {_count(facts)} facts")
    resolve_corpus = _optional(RESOLVER, "resolve_corpus")
    if resolve_corpus is not None and result.facts:
        resolve_corpus(result.facts)
        say(f"resolved names across {len(result.facts)} documents")
    return result


def _count(facts: DocumentFacts) -> int:
    return sum(len(getattr(facts, k)) for k in (
        "people", "organisations", "holdings", "directions", "citations", "themes", "events",
        "inspections", "interventions"))
