"""Document metadata: sidecar first, otherwise what the text states (never a guessed date)."""
from __future__ import annotations

import pytest

from ingest.metadata import build_document, inferred_date_evidence
from ingest.model import IngestError, PartialDate as D
from ingest.structure import parse_structure

OGL = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def doc_from(tmp_path, text, sidecar=None, name="x.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    if sidecar is not None:
        (tmp_path / name.replace(".txt", ".meta.yaml")).write_text(sidecar, encoding="utf-8")
    return build_document(p, parse_structure(text))


def test_corpus_sidecars(corpus_docs):
    d0, d3, d4 = corpus_docs["000"], corpus_docs["003"], corpus_docs["004"]
    assert (d0.kind, d0.date, d0.date_basis, d0.licence) == ("Letter", D(2024, 11, 12), "stated", OGL)
    assert d0.title == ("MHCLG letter to the Chief Executive of LBTH on the Best Value Inspection report "
                        "and proposed intervention package")
    assert d0.publisher == "Ministry of Housing, Communities and Local Government"
    assert d0.source_url is None
    # D003 is undated: the curator's inference is kept apart and never becomes the stated date
    assert (d3.date, d3.date_basis, d3.metadata["date_inferred"]) == (None, "unknown", "2016")
    assert (d4.kind, d4.date, d4.date_basis) == ("Report", D(2018, 6), "stated")
    assert corpus_docs["001"].kind == "Report"


def test_text_only_letter(tmp_path):
    text = ("Northshire County Council\nCounty Hall\nNorthtown NT1 1AA\n\n3 March 2021\n\nDear Minister,\n\n"
            "Best Value Improvement Plan: progress report\n\nWe write to update you.\n\nYours faithfully\n\nAnne Smith\n")
    d = doc_from(tmp_path, text)
    assert (d.kind, d.date, d.date_basis, d.title, d.slug) == (
        "Letter", D(2021, 3, 3), "stated", "Best Value Improvement Plan: progress report", "x")


def test_text_only_report_prefers_sign_off_date(tmp_path):
    text = ("Peer Challenge Feedback Report\n\n4th – 7th March 2019\n\n1. Summary\n\n1.1. The council has improved.\n\n"
            "2. Next steps\n\n2.1. We will return.\n\nMarch 2019\n")
    d = doc_from(tmp_path, text)
    assert (d.kind, d.title, d.date) == ("Report", "Peer Challenge Feedback Report", D(2019, 3))


def test_directions_and_undated(tmp_path):
    d = doc_from(tmp_path, "The Northshire County Council Best Value Directions 2021\n\n1. These Directions apply.\n")
    assert d.kind == "DirectionsDocument"
    u = doc_from(tmp_path, "Dear Colleague,\n\nThank you.\n\nYours sincerely\n", name="u.txt")
    assert (u.kind, u.date, u.date_basis, u.title) == ("Letter", None, "unknown", None)


def test_sidecar_wins_and_is_checked(tmp_path):
    text = "Dear Colleague,\n\n12 May 2020 was the day we met.\n\nYours sincerely\n"
    d = doc_from(tmp_path, text, "title: A curated title\ndate: 2020-05\nkind: minutes\nslug: curated-slug\n")
    assert (d.title, d.date, d.date_basis, d.kind, d.slug) == ("A curated title", D(2020, 5), "metadata", "Minutes", "curated-slug")
    with pytest.raises(IngestError, match="unknown sidecar keys: colour"):
        doc_from(tmp_path, text, "colour: blue\n", name="b.txt")
    with pytest.raises(IngestError, match="sidecar kind 'memo' is not one of"):
        doc_from(tmp_path, text, "kind: memo\n", name="c.txt")


GENRE = sorted((__import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "genre").glob("*.txt"))


@pytest.mark.parametrize("path", GENRE, ids=lambda p: p.name[:2])
def test_unseen_genre_documents_date_and_kind(path):
    """Documents this code was not fitted to: date at the stated precision (or none) and kind."""
    import yaml

    from ingest.pipeline import read_document

    want = yaml.safe_load(path.with_suffix(".expected.yaml").read_text(encoding="utf-8"))["document"]
    kinds = want["kind"] if isinstance(want["kind"], list) else [want["kind"]]
    d = read_document(path)
    assert (d.date.iso() if d.date else None) == want["date"]
    assert d.kind in kinds


def test_letter_without_subject_line_gets_a_dated_title(tmp_path):
    d = doc_from(tmp_path, "Jane Archer\nChief Executive\n\n12 March 2024\n\nDear Ms Archer,\n\nThank you.\n\nYours sincerely\n")
    assert d.title == "Letter of 12 March 2024"


def test_inferred_date_is_evidenced_by_the_passages_its_basis_quotes(tmp_path):
    text = ("Dear Minister,\n\nSince ‘my election in May 2011’ the Council has changed. It is more open than it was "
            "two years ago.\n\nThe review covers contracts let between April 2009 and March 2013.\n\nYours sincerely\n")
    d = doc_from(tmp_path, text, "date_inferred: '2013'\n"
                 "date_basis: \"contracts 'between April 2009 and March 2013'; 'than it was two years ago'; "
                 "'a passage the text lacks'\"\n")
    assert (d.date, d.metadata["date_inferred"]) == (None, "2013")
    got = [(e.anchor, e.exact, e.rule) for e in inferred_date_evidence(d)]
    assert got == [(d.blocks[2].anchor, "between April 2009 and March 2013", "sidecar-date-basis"),
                   (d.blocks[1].anchor, "than it was two years ago", "sidecar-date-basis")]
    assert inferred_date_evidence(doc_from(tmp_path, text, name="plain.txt")) == []
