"""A document page: metadata, paragraphs in order with anchors, quoted passages highlighted.

oa:start/oa:end are Python code-point offsets into the paragraph's rdf:value, so the text is cut
into segments here, in Python, where indexing is by code point; the browser (UTF-16) never has to
count. Each segment is escaped by the template; marked segments carry the facts they support.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib.term import URIRef

from web.rdfutil import (
    PREFIXES, fallback_label, human_date, iri_ref, labels, local_href, parse_when, predicate_word, qname,
)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class Segment:
    text: str
    facts: list = field(default_factory=list)   # [(label, href)] of facts quoting this span

    @property
    def marked(self) -> bool:
        return bool(self.facts)


def segments(text: str, spans: list[tuple[int, int, tuple]]) -> list[Segment]:
    """Cut ``text`` at every span boundary; a piece inside any span is marked with its facts.

    ``spans`` are (start, end, fact) in code points; overlapping spans are fine.
    """
    spans = [(s, e, f) for s, e, f in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        facts = []
        for s, e, f in spans:
            if s <= a and b <= e and f not in facts:
                facts.append(f)
        out.append(Segment(text[a:b], facts))
    return out


def _locate(text: str, exact: str, start, end) -> tuple[int, int] | None:
    """Trust the offsets when they agree with the exact words; otherwise find the words."""
    try:
        s, e = int(start), int(end)
        if text[s:e] == exact:
            return s, e
    except (TypeError, ValueError):
        pass
    i = text.find(exact) if exact else -1
    return (i, i + len(exact)) if i >= 0 else None


def _quotes(store, ref: str) -> list[dict]:
    """Rows (para, q, exact, start, end, fact) for every quote in the document, facts as their holdings.

    Two queries that start from the document's paragraphs (their quotes' selectors; the facts
    derived from those quotes), joined here: a single query with nested OPTIONALs made the engine
    read every selector and every prov:wasDerivedFrom of the graph first.
    """
    sel = store.select(PREFIXES + f"""SELECT DISTINCT ?para ?q ?s ?p ?o WHERE {{
        ?para dcterms:isPartOf {ref} . ?q oa:hasSource ?para ; oa:hasSelector ?s .
        ?s ?p ?o FILTER(?p IN (oa:exact, oa:start, oa:end)) }}""").rows
    facts = store.select(PREFIXES + f"""SELECT DISTINCT ?q ?f ?owner WHERE {{
        ?para dcterms:isPartOf {ref} . ?q oa:hasSource ?para . ?f prov:wasDerivedFrom ?q .
        OPTIONAL {{ ?owner bvkg:hasAttestation ?f }} }}""").rows  # an attestation shows as its holding
    selectors: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for r in sel:
        selectors[(r["para"], r["q"])][r["s"]][str(r["p"]).rsplit("#", 1)[-1]].append(r["o"])
    fact_of = defaultdict(set)
    for r in facts:
        fact_of[r["q"]].add(r.get("owner", r["f"]))
    rows = set()
    for (para, q), by_sel in selectors.items():
        exacts = [e for s in by_sel.values() for e in s["exact"]]
        spans = [(a, b) for s in by_sel.values() for a in s["start"] for b in s["end"]] or [(None, None)]
        for exact in exacts:
            for start, end in spans:
                for fact in fact_of.get(q) or [None]:
                    rows.add((para, q, exact, start, end, fact))
    keys = ("para", "q", "exact", "start", "end", "fact")
    return [{k: v for k, v in zip(keys, row) if v is not None}
            for row in sorted(rows, key=lambda row: tuple("" if v is None else str(v) for v in row))]


def document_view(store, iri: str, base: str) -> dict | None:
    ref = iri_ref(iri)
    meta_rows = store.select(f"SELECT DISTINCT ?p ?o WHERE {{ {ref} ?p ?o }}").rows
    if not meta_rows:
        return None
    paras = store.select(PREFIXES + f"""SELECT DISTINCT ?para ?text ?anchor ?num ?pos ?kind WHERE {{
        ?para dcterms:isPartOf {ref} ; a bvkg:Paragraph .
        OPTIONAL {{ ?para rdf:value ?text }} OPTIONAL {{ ?para bvkg:anchor ?anchor }}
        OPTIONAL {{ ?para bvkg:number ?num }} OPTIONAL {{ ?para bvkg:position ?pos }}
        OPTIONAL {{ ?para bvkg:blockKind ?kind }} }}""").rows
    quotes = _quotes(store, ref)
    mentions = store.select(PREFIXES + f"""SELECT DISTINCT ?para ?m WHERE {{
        ?para dcterms:isPartOf {ref} ; bvkg:mentions ?m }}""").rows
    subjects = store.select(PREFIXES + f"""SELECT DISTINCT ?para ?m WHERE {{
        ?para dcterms:isPartOf {ref} ; dcterms:subject ?m }}""").rows
    labs = labels(store, [r["o"] for r in meta_rows if isinstance(r["o"], URIRef)]
                  + [r[k] for r in quotes + mentions + subjects for k in ("fact", "m") if k in r] + [URIRef(iri)])

    def lab(x) -> str:
        return labs.get(str(x)) or fallback_label(x)

    spans = defaultdict(list)
    texts = {str(r["para"]): str(r.get("text", "")) for r in paras}
    for r in quotes:
        p = str(r["para"])
        loc = _locate(texts.get(p, ""), str(r["exact"]), r.get("start"), r.get("end"))
        if loc:
            fact = (lab(r["fact"]), local_href(str(r["fact"]), base)) if "fact" in r else ("quoted passage", None)
            if (loc[0], loc[1], fact) not in spans[p]:
                spans[p].append((loc[0], loc[1], fact))
    for found in spans.values():  # reading order: a marked passage lists its facts, and the facts list, alike every time
        found.sort(key=lambda s: (s[0], s[1], s[2][0], s[2][1] or ""))
    ments, subs = defaultdict(list), defaultdict(list)
    for rows, dest in ((mentions, ments), (subjects, subs)):
        for r in rows:
            item = {"label": lab(r["m"]), "href": local_href(str(r["m"]), base)}
            if item not in dest[str(r["para"])]:
                dest[str(r["para"])].append(item)

    def order(r):
        try:
            return (int(r.get("pos")), "")
        except (TypeError, ValueError):
            return (10 ** 9, str(r.get("anchor", r["para"])))

    out_paras = []
    for r in sorted(paras, key=order):
        p = str(r["para"])
        anchor = str(r.get("anchor") or p.rsplit("#", 1)[-1])
        out_paras.append({
            "anchor": anchor, "number": str(r.get("num", "")), "kind": str(r.get("kind", "paragraph")),
            "segments": segments(texts[p], spans.get(p, [])), "mentions": sorted(ments[p], key=lambda x: x["label"]),
            "subjects": sorted(subs[p], key=lambda x: x["label"]), "iri": p,
        })
    meta = []
    title = date = ""
    for r in sorted(meta_rows, key=lambda r: (predicate_word(str(r["p"])), str(r["o"]))):
        p, o = str(r["p"]), r["o"]
        if p.endswith("/hasPart"):
            continue
        if p == "http://purl.org/dc/terms/title":
            title = str(o)
        if p == "http://purl.org/dc/terms/date":
            date = human_date(o)
        if isinstance(o, URIRef):
            if p.endswith(("/source", "/license")):  # outside links: the address itself unless labelled
                href = str(o) if str(o).startswith(("http://", "https://")) else None  # never javascript: etc.
                meta.append({"predicate": predicate_word(p), "label": labs.get(str(o)) or str(o), "href": href})
                continue
            label = f"{lab(o)} ({qname(str(o)) or o})" if p == RDF_TYPE else lab(o)
            meta.append({"predicate": predicate_word(p), "label": label, "href": local_href(str(o), base)})
        else:
            meta.append({"predicate": predicate_word(p),
                         "label": human_date(o) if p.endswith("/date") and parse_when(o) else str(o), "href": None})
    meta = [m for m in meta if not (m["predicate"] == "label" and m["label"] == title)]  # the title says it
    return {"iri": iri, "title": title or lab(iri), "date": date, "meta": meta, "paragraphs": out_paras,
            "quote_count": sum(len(v) for v in spans.values())}
