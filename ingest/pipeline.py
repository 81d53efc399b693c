"""One document -> DocumentFacts; a folder of documents -> facts plus the list of failures.

Stages: read (reader) -> blocks (structure) -> metadata -> each extractor in EXTRACTORS appends
its facts -> per-document resolution. After the whole corpus, cross-document resolution.
A broken file is recorded and the rest of the corpus still ingests.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional

from ingest.metadata import build_document
from ingest.model import DocumentFacts, Evidence, IngestError
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


def iter_evidence(facts: DocumentFacts) -> Iterator[tuple[str, Evidence]]:
    """(fact kind, evidence) for every piece of evidence any fact carries."""
    for kind in ("people", "organisations", "citations", "themes", "events", "inspections", "interventions"):
        for fact in getattr(facts, kind):
            yield kind, fact.evidence
    for h in facts.holdings:
        yield "holdings", h.evidence
        for e in h.extra_evidence:
            yield "holdings", e
    for d in facts.directions:
        yield "directions", d.evidence
        if d.power is not None:
            yield "directions", d.power.evidence
        for it in d.items:
            yield "directions", it.evidence


def check_evidence(facts: DocumentFacts) -> None:
    """Every quote must be the exact words of its block at its offsets, or a page cannot highlight it."""
    doc = facts.document
    texts = {b.anchor: (b.text, b.line) for b in doc.blocks}
    for kind, ev in iter_evidence(facts):
        text, line = texts.get(ev.anchor, (None, None))
        if text is None:
            raise IngestError(doc.path, f"{kind} fact ({ev.rule}) cites unknown paragraph #{ev.anchor}")
        if text[ev.start:ev.end] != ev.exact or not ev.exact:
            raise IngestError(doc.path, f"{kind} fact ({ev.rule}) quotes {ev.exact!r} but #{ev.anchor}"
                                        f"[{ev.start}:{ev.end}] is {text[ev.start:ev.end]!r}", line=line)


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
        facts = extract_all(DocumentFacts(document=doc))
    except IngestError:
        raise
    except Exception as exc:  # an extractor bug must still name the document it failed on
        raise IngestError(str(p), f"extraction failed: {type(exc).__name__}: {exc}") from exc
    check_evidence(facts)
    return facts


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
