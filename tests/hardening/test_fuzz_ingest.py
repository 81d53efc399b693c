"""Fuzzing the ingest stages: any input gives text or an IngestError naming the file, blocks with
consistent anchors and lines, and facts whose evidence is exactly the words at its offsets."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
from pathlib import Path

from hypothesis import given, strategies as st

from ingest.dates import add_duration, find_dates, is_date_line, parse_duration, parse_partial_date
from ingest.model import Evidence, IngestError, PartialDate
from ingest.pipeline import ingest_file
from ingest.reader import decode, read_text
from ingest.structure import parse_structure
from tests.hardening.fuzzing import FUZZ, TEXT, WORDS, document_text

TMP = Path(tempfile.mkdtemp(prefix="bvkg-fuzz-"))


# ---------------------------------------------------------------- reader

@FUZZ
@given(st.one_of(st.binary(max_size=400), document_text().map(lambda t: t.encode("utf-8")),
                 document_text().map(lambda t: t.encode("utf-16"))))
def test_reader_gives_text_or_names_the_file(data):
    path = TMP / "reader-input.txt"
    path.write_bytes(data)
    try:
        text = read_text(path)
    except IngestError as exc:
        assert exc.path == str(path) and str(exc).startswith(f"{path}")
        assert exc.reason and "Traceback" not in exc.reason
        return
    assert text.strip() and "\r" not in text and not text.startswith("\ufeff")
    assert text == decode(data, "same")   # reading the file and decoding the bytes agree


@FUZZ
@given(st.binary(min_size=1, max_size=200))
def test_reader_size_limit_names_the_setting(data):
    path = TMP / "reader-big.txt"
    path.write_bytes(data)
    limit = len(data) - 1
    try:
        read_text(path, max_bytes=limit)
    except IngestError as exc:
        assert exc.reason == f"file too large: {len(data)} bytes, more than MAX_DOCUMENT_BYTES={limit}"
    else:
        raise AssertionError("a file over the limit was read")


# ---------------------------------------------------------------- structure

@FUZZ
@given(document_text())
def test_structure_blocks_are_consistent(text):
    blocks = parse_structure(text, "fuzz")
    n_lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    anchors = [b.anchor for b in blocks]
    assert len(set(anchors)) == len(anchors), anchors
    assert [b.position for b in blocks] == list(range(1, len(blocks) + 1))
    seen: set[str] = set()
    for b in blocks:
        assert re.fullmatch(r"[A-Za-z][\w.\-]*", b.anchor), b.anchor   # usable as a URL fragment
        assert 1 <= b.line <= b.end_line <= n_lines, (b.line, b.end_line, n_lines)
        assert b.text and b.text == b.text.strip() and "\n" not in b.text and "  " not in b.text
        assert b.parent is None or b.parent in seen, (b.anchor, b.parent)
        seen.add(b.anchor)


# ---------------------------------------------------------------- the whole pipeline

def _evidence(obj, path="facts"):
    """Every Evidence inside the facts, with where it was found."""
    if isinstance(obj, Evidence):
        yield path, obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name != "document":
                yield from _evidence(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, (list, tuple)):
        for i, x in enumerate(obj):
            yield from _evidence(x, f"{path}[{i}]")


@FUZZ
@given(document_text(), st.sampled_from(["", "Dear Minister,\n\n", "1. Introduction\n\n"]))
def test_ingest_file_never_crashes_and_evidence_is_exact(text, head):
    path = TMP / "fuzz-document.txt"
    path.write_text(head + text, encoding="utf-8", newline="")
    try:
        facts = ingest_file(path)
    except IngestError as exc:
        assert exc.path == str(path)
        # an extractor bug is reported by name too, but it is still a bug: only reading may fail
        assert not exc.reason.startswith("extraction failed"), exc.reason
        return
    blocks = {b.anchor: b for b in facts.document.blocks}
    for where, ev in _evidence(facts):
        assert ev.anchor in blocks, (where, ev)
        assert 0 <= ev.start <= ev.end <= len(blocks[ev.anchor].text), (where, ev)
        assert blocks[ev.anchor].text[ev.start:ev.end] == ev.exact, (where, ev)


# ---------------------------------------------------------------- dates

def _valid(d: PartialDate) -> bool:
    dt.date(d.year, d.month or 1, d.day or 1)
    return (d.day is None or d.month is not None) and 1800 <= d.year <= 2099


@FUZZ
@given(st.lists(st.one_of(WORDS, st.text(TEXT, max_size=10)), max_size=20).map(" ".join),
       st.one_of(st.none(), st.integers(1990, 2030)))
def test_find_dates_spans_are_exact_and_valid(text, year):
    spans = find_dates(text, year)
    for a, b in zip(spans, spans[1:]):
        assert a.end <= b.start
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert _valid(s.date)
        if s.year_from_context:   # never a guessed year: only the one the caller vouched for
            assert year is not None and s.date.year == year
        if s.end_date:
            assert _valid(s.end_date) and s.end_date >= s.date
    first = parse_partial_date(text, year)
    assert first == (spans[0].date if spans else None)
    if is_date_line(text):
        assert len(find_dates(text.strip().strip("*_ ").rstrip(".,"))) == 1


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(["within", "three", "a", "one", "twenty-four", "12", "months",
                                           "month", "weeks", "fortnight", "years", "monthly", "days", "-"]),
                          st.text(TEXT, max_size=6)), max_size=8).map(" ".join),
       st.builds(PartialDate, st.integers(1990, 2030), st.one_of(st.none(), st.integers(1, 12)), st.none()),
       st.integers(1, 28))
def test_durations_parse_and_add_at_the_stated_precision(text, start, day):
    duration = parse_duration(text)
    if duration is None:
        return
    assert re.fullmatch(r"P\d+[DMY]", duration), duration
    starts = [start] + ([PartialDate(start.year, start.month, day)] if start.month else [])
    for s in starts:
        try:
            end = add_duration(s, duration)
        except ValueError as exc:
            assert "without inventing" in str(exc)   # a day added to a month, a month to a year
            continue
        assert end.precision == s.precision and end >= s and _valid(end)
