"""Document metadata: a curator's sidecar wins; otherwise read what the text itself states.

Sidecar: ``<stem>.meta.yaml`` (or ``<file>.meta.yaml``) beside the text, with any of
title, date, kind, publisher, source_url, licence, slug, authority, date_inferred, date_basis.
A date the curator only infers goes in ``date_inferred`` and never becomes the document's stated
date: the graph must not claim a date the text does not give.
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Optional

import yaml

from ingest.dates import find_dates
from ingest.model import Block, Document, Evidence, IngestError, PartialDate

KINDS = ("Letter", "Report", "DirectionsDocument", "Minutes", "Statement", "Document")
_KIND_ALIASES = {"letter": "Letter", "report": "Report", "directions": "DirectionsDocument",
                 "directionsdocument": "DirectionsDocument", "minutes": "Minutes",
                 "statement": "Statement", "document": "Document"}
SIDECAR_KEYS = {"title", "date", "kind", "publisher", "source_url", "licence", "slug", "authority",
                "date_inferred", "date_basis", "recipient", "notes"}


def sidecar_path(path: str | Path) -> Optional[Path]:
    p = Path(path)
    for cand in (p.with_suffix(".meta.yaml"), p.with_name(p.name + ".meta.yaml")):
        if cand.is_file():
            return cand
    return None


def read_sidecar(path: str | Path) -> dict:
    """The sidecar's mapping ({} when there is none); a malformed sidecar is an IngestError."""
    sc = sidecar_path(path)
    if sc is None:
        return {}
    try:
        data = yaml.safe_load(sc.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise IngestError(str(sc), f"unreadable metadata sidecar: {exc}") from None
    if not isinstance(data, dict):
        raise IngestError(str(sc), "metadata sidecar must be a mapping of keys to values")
    unknown = sorted(set(data) - SIDECAR_KEYS)
    if unknown:
        raise IngestError(str(sc), f"unknown sidecar keys: {', '.join(unknown)}")
    return data


def _as_partial(value, where: str) -> Optional[PartialDate]:
    if value in (None, ""):
        return None
    if isinstance(value, _dt.date):
        return PartialDate(value.year, value.month, value.day)
    s = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", s):
        pd = PartialDate.from_iso(s)
        _dt.date(pd.year, pd.month or 1, pd.day or 1)   # ValueError on '2024-13'
        return pd
    spans = find_dates(s)
    if not spans:
        raise IngestError(where, f"sidecar date {s!r} is not a date")
    return spans[0].date


# ---------------------------------------------------------------- reading the text

def has_salutation(blocks: list[Block]) -> bool:
    return any(b.kind == "salutation" for b in blocks)


def stated_date(blocks: list[Block], letter: bool) -> Optional[PartialDate]:
    """The document's own date line. Letters: the date in the front matter. Other documents:
    a sign-off date near the end when there is one (a report dated 'June 2018' after its visit
    '19th – 22nd June 2018'), else the first date line near the top (a period gives its start)."""
    dated = [b for b in blocks if b.kind == "date"]
    if not dated:
        # 'Minutes of the meeting held on Friday 17 January 2025', 'FULL COUNCIL – 2 JULY 2026'
        for b in blocks[:6]:
            if b.kind in ("heading", "letterhead"):
                spans = [sp for sp in find_dates(b.text) if sp.date.precision != "year"]
                if spans:
                    return spans[0].date
        return None
    if letter:
        front = [b for b in dated if not any(s.kind == "salutation" and s.position < b.position for s in blocks)]
        chosen = front[0] if front else dated[0]
    else:
        tail = [b for b in dated if b.position > len(blocks) - 5]
        top = [b for b in dated if b.position <= 12]
        chosen = tail[-1] if tail else (top[0] if top else None)
    if chosen is None:
        return None
    spans = find_dates(chosen.text)
    return spans[0].date if spans else None


def guess_kind(blocks: list[Block]) -> str:
    headings = [b.text for b in blocks[:8] if b.kind in ("heading", "letterhead")]
    title_words = " ".join(headings).lower()
    if re.search(r"\bdirections?\b", title_words) and not has_salutation(blocks):
        return "DirectionsDocument"
    if re.search(r"\bminutes\b", title_words):
        return "Minutes"
    if not has_salutation(blocks) and any(re.match(r"\s*(?:Members\s+)?Present\s*:", b.text) for b in blocks[:12]):
        return "Minutes"                  # 'CABINET – 17 June 2027' then 'Present: ...': a meeting's record
    if has_salutation(blocks) or any(b.kind == "closing" for b in blocks):
        return "Letter"
    if re.search(r"\bstatement\b", title_words):
        return "Statement"
    if re.search(r"\breport\b", title_words) or any(b.kind == "heading" and b.number for b in blocks):
        return "Report"
    return "Document"


def guess_title(blocks: list[Block], kind: str) -> Optional[str]:
    """First heading: for a letter, only a subject line just after the salutation."""
    if kind == "Letter":
        for i, b in enumerate(blocks):
            if b.kind == "salutation":
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                return nxt.text if nxt is not None and nxt.kind == "heading" else None
        return None
    # the title page: the leading unnumbered headings ('Corporate Peer Challenge …', 'Feedback Report')
    parts = []
    for b in blocks:
        if b.kind == "date":
            continue
        if b.kind != "heading" or b.number or len(parts) == 3:
            break
        parts.append(b.text)
    return ": ".join(parts) or None


def fallback_title(blocks: list[Block], kind: str, date: Optional[PartialDate]) -> Optional[str]:
    """'Letter of 12 November 2024' when the text has no subject line. Not 'from <letterhead>': the
    first block of a letter is as often the addressee as the sender."""
    if date is None:
        return None
    return f"{ {'DirectionsDocument': 'Directions'}.get(kind, kind)} of {long_date(date)}"


def long_date(d: PartialDate) -> str:
    import calendar
    if d.precision == "day":
        return f"{d.day} {calendar.month_name[d.month]} {d.year}"
    if d.precision == "month":
        return f"{calendar.month_name[d.month]} {d.year}"
    return str(d.year)


def build_document(path: str | Path, blocks: list[Block], sidecar: Optional[dict] = None) -> Document:
    """A Document from blocks plus metadata; the sidecar, when present, overrides the text."""
    p = Path(path)
    meta = dict(sidecar if sidecar is not None else read_sidecar(p))
    letter = has_salutation(blocks)
    kind = guess_kind(blocks)
    if meta.get("kind"):
        kind = _KIND_ALIASES.get(str(meta["kind"]).lower().replace(" ", ""))
        if kind is None:
            raise IngestError(str(p), f"sidecar kind {meta['kind']!r} is not one of {', '.join(KINDS)}")
    date, basis = stated_date(blocks, letter), "stated"
    if meta.get("date"):
        curated = _as_partial(meta["date"], str(p))
        # the curator's date agrees with the text's date line: it is stated, not just metadata
        date, basis = curated, ("stated" if curated == date else "metadata")
    if date is None:
        basis = "unknown"
    if meta.get("date_inferred"):
        meta["date_inferred"] = _as_partial(meta["date_inferred"], str(p)).iso()
    title = meta.get("title") or guess_title(blocks, kind) or fallback_title(blocks, kind, date)
    slug = str(meta.get("slug") or p.stem)
    return Document(slug=slug, path=str(p), blocks=blocks, title=title, date=date, date_basis=basis,
                    kind=kind, publisher=meta.get("publisher"), source_url=meta.get("source_url"),
                    licence=meta.get("licence"), metadata=meta)


# ---------------------------------------------------------------- an inferred date's evidence

# Words the curator quotes in a date basis: 'between October 2010 and June 2016' (straight or curly).
_BASIS_QUOTE = re.compile(r"(?<![\w])['‘](?P<q>[^'‘’]{4,}?)['’](?![\w])")


def inferred_date_evidence(doc: Document) -> list[Evidence]:
    """The passages an inferred date rests on: each passage the sidecar's date_basis quotes, found
    in the text (first occurrence, case and spacing aside). A quote the text lacks yields nothing:
    the basis stays words, never a pointer to the wrong place."""
    out: list[Evidence] = []
    for m in _BASIS_QUOTE.finditer(str(doc.metadata.get("date_basis") or "")):
        words = [re.escape(w) for w in m.group("q").split()]
        rx = re.compile(r"\s+".join(words), re.I)
        for b in doc.blocks:
            hit = rx.search(b.text)
            if hit:
                out.append(Evidence.of(b, hit.start(), hit.end(), "sidecar-date-basis"))
                break
    return out
