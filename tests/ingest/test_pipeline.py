"""ingest_file / ingest_corpus: progress, and a broken file does not stop the corpus."""
from __future__ import annotations

import shutil

import pytest

from ingest import pipeline
from ingest.model import IngestError


def test_extractor_order():
    assert pipeline.EXTRACTORS == ["ingest.people", "ingest.directions", "ingest.legislation",
                                   "ingest.themes", "ingest.events"]


@pytest.fixture
def no_extractors(monkeypatch):
    """Isolate the pipeline's own behaviour from the extractors (tested in their own files)."""
    monkeypatch.setattr(pipeline, "EXTRACTORS", [])
    monkeypatch.setattr(pipeline, "_optional", lambda module, name: None)


def test_ingest_corpus_continues_past_broken_files(tmp_path, corpus_dir, no_extractors):
    for name in ("000_f3f47a748ab81076.txt", "003_2490d4f4d7846196.txt"):
        shutil.copy(corpus_dir / name, tmp_path / name)
    (tmp_path / "001_empty.txt").write_bytes(b"  \n")
    (tmp_path / "002_latin1.txt").write_bytes("Dear Sir,\nCaf\xe9\n".encode("latin-1"))
    lines = []
    result = pipeline.ingest_corpus(tmp_path, echo=lines.append)
    assert [f.document.slug for f in result.facts] == ["000_f3f47a748ab81076", "003_2490d4f4d7846196"]
    assert [str(e) for e in result.failures] == [
        f"{tmp_path / '001_empty.txt'}: empty document (no text, or only whitespace)",
        f"{tmp_path / '002_latin1.txt'}:2: not UTF-8: byte 0xe9 at offset 13 (invalid continuation byte); save the file as UTF-8",
    ]
    assert lines[0].startswith("[1/4] 000_f3f47a748ab81076.txt: 72 blocks, ")
    assert lines[1].startswith("[2/4] FAILED ") and "001_empty.txt" in lines[1]
    assert lines[3] == "[4/4] 003_2490d4f4d7846196.txt: 20 blocks, 0 facts"


def test_ingest_file_names_file_when_an_extractor_breaks(tmp_path, monkeypatch):
    p = tmp_path / "a.txt"
    p.write_text("Dear Sir,\n\nHello.\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "EXTRACTORS", ["tests.ingest.broken_extractor"])
    monkeypatch.setitem(__import__("sys").modules, "tests.ingest.broken_extractor",
                        type("M", (), {"extract": staticmethod(lambda doc, facts: 1 / 0)}))
    with pytest.raises(IngestError) as e:
        pipeline.ingest_file(p)
    assert str(e.value) == f"{p}: extraction failed: ZeroDivisionError: division by zero"


def test_resolve_corpus_hook_called_once_with_all_facts(tmp_path, corpus_dir, monkeypatch, no_extractors):
    shutil.copy(corpus_dir / "003_2490d4f4d7846196.txt", tmp_path / "a.txt")
    shutil.copy(corpus_dir / "003_2490d4f4d7846196.txt", tmp_path / "b.txt")
    seen = []
    monkeypatch.setattr(pipeline, "_optional", lambda module, name: (lambda facts: seen.append((name, len(facts)))
                                                                     if name == "resolve_corpus" else None))
    pipeline.ingest_corpus(tmp_path)
    assert seen == [("resolve_corpus", 2)]


def test_evidence_that_misquotes_its_paragraph_fails_the_document(tmp_path, monkeypatch):
    from ingest.model import Evidence, ThemeFact

    p = tmp_path / "a.txt"
    p.write_text("Dear Sir,\n\nCulture has improved.\n", encoding="utf-8")

    def bad(doc, facts):
        facts.themes.append(ThemeFact("culture", Evidence("b2", 0, 7, "Kulture", "theme-word")))

    monkeypatch.setattr(pipeline, "EXTRACTORS", ["tests.ingest.misquoting_extractor"])
    monkeypatch.setattr(pipeline, "_optional", lambda module, name: None)
    monkeypatch.setitem(__import__("sys").modules, "tests.ingest.misquoting_extractor",
                        type("M", (), {"extract": staticmethod(bad)}))
    with pytest.raises(IngestError) as e:
        pipeline.ingest_file(p)
    assert str(e.value) == f"{p}:3: themes fact (theme-word) quotes 'Kulture' but #b2[0:7] is 'Culture'"


def test_corpus_evidence_is_exact(corpus_dir):
    """With the real extractors: every quote is its paragraph's words (ingest_file checks it)."""
    result = pipeline.ingest_corpus(corpus_dir)
    assert result.failures == []
    n = sum(1 for f in result.facts for _ in pipeline.iter_evidence(f))
    assert n > 100
