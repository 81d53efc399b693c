"""/search: entity names (labels, alternative labels, names) with small typos tolerated, and full text.

Names are matched with rapidfuzz over a label index read once from the store; paragraphs are
matched in SPARQL with the query as an escaped literal (rdflib ``Literal(q).n3()``), never pasted.
"""
from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass

from flask import Blueprint, current_app, render_template, request
from markupsafe import Markup, escape
from rapidfuzz import fuzz, process, utils
from rdflib import Literal

from web.rdfutil import PREFIXES, fallback_label, human_date, local_href, text_rows, type_word

bp = Blueprint("search", __name__)

# Nodes that carry labels but are not things a reader looks for by name.
_SKIP_TYPES = {
    "https://w3id.org/bvkg/ontology#Paragraph", "https://w3id.org/bvkg/ontology#Attestation",
    "http://www.w3.org/ns/oa#SpecificResource", "http://www.w3.org/ns/oa#TextQuoteSelector",
    "http://www.w3.org/ns/oa#TextPositionSelector", "http://www.w3.org/2006/time#Instant",
    "http://www.w3.org/2006/time#Interval",
}
NAME_CUTOFF = 80
_SECONDARY_KINDS = {"role holding", "attestation"}
TEXT_LIMIT = 50


@dataclass
class Entry:
    iri: str
    label: str          # the best (preferred) label
    names: list         # every label, alias and name
    kind: str


class LabelIndex:
    """Every named entity's labels, loaded once (reload() after a new build)."""

    def __init__(self):
        self.entries: list[Entry] = []
        self._choices: list[str] = []
        self._owner: list[int] = []
        self._lock = threading.Lock()
        self.loaded = False

    def reload(self, store) -> None:
        """Two queries read as text (no term objects per row): every label, then the types of the
        labelled subjects only (not every typed node of the graph: paragraphs, quotes, instants)."""
        rows = text_rows(store, PREFIXES + """SELECT DISTINCT ?s ?l ?k WHERE {
            { ?s rdfs:label ?l BIND(1 AS ?k) } UNION { ?s skos:prefLabel ?l BIND(2 AS ?k) }
            UNION { ?s foaf:name ?l BIND(3 AS ?k) } UNION { ?s skos:altLabel ?l BIND(4 AS ?k) }
            UNION { ?s dcterms:title ?l BIND(5 AS ?k) }
            FILTER(isIRI(?s)) }""")
        types = defaultdict(set)
        for r in text_rows(store, PREFIXES + """SELECT DISTINCT ?s ?t WHERE {
                { SELECT DISTINCT ?s WHERE { ?s rdfs:label|skos:prefLabel|foaf:name|skos:altLabel|dcterms:title ?l
                                             FILTER(isIRI(?s)) } }
                ?s a ?t }"""):
            types[r["s"]].add(r["t"])
        names: dict[str, list] = defaultdict(list)
        for r in sorted(rows, key=lambda r: (int(r["k"]), r.get("l", ""))):
            s, label = r["s"], r.get("l", "")
            if types[s] & _SKIP_TYPES or label in names[s]:
                continue
            names[s].append(label)
        entries = [Entry(s, ls[0], ls, type_word(types[s])) for s, ls in sorted(names.items())]
        choices, owner = [], []
        for i, e in enumerate(entries):
            for n in e.names:
                choices.append(n)
                owner.append(i)
        with self._lock:
            self.entries, self._choices, self._owner, self.loaded = entries, choices, owner, True

    def search(self, q: str, limit: int = 20) -> list[tuple[Entry, float, str]]:
        """(entry, score, the label that matched), best first; WRatio tolerates small typos."""
        q = q.strip()
        if len(q) < 2 or not self._choices:
            return []
        hits = process.extract(q, self._choices, scorer=fuzz.WRatio, processor=utils.default_process,
                                limit=limit * 4, score_cutoff=NAME_CUTOFF)
        best: dict[int, tuple[float, str]] = {}
        for label, score, idx in hits:
            # a short query inside a long label scores high on partial matching: prefer whole-label matches
            whole = fuzz.ratio(utils.default_process(q), utils.default_process(label))
            score = max(whole, score - 5 if len(q) < len(label) / 2 else score)
            owner = self._owner[idx]
            if self.entries[owner].kind in _SECONDARY_KINDS:  # the person or post before its holdings
                score -= 5
            if owner not in best or score > best[owner][0]:
                best[owner] = (score, label)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], self.entries[kv[0]].label))
        return [(self.entries[i], round(s, 1), lab) for i, (s, lab) in ranked[:limit]]

    def suggest(self, text: str, limit: int = 5) -> list[Entry]:
        return [e for e, _, _ in self.search(text, limit)]


def highlight(text: str, q: str) -> Markup:
    """Escaped text with every case-insensitive occurrence of q in <mark> (regex, so lengths never drift)."""
    out, pos = [], 0
    if q:
        for m in re.finditer(re.escape(q), text, flags=re.I):
            out.append(escape(text[pos:m.start()]))
            out.append(Markup("<mark>") + escape(m.group(0)) + Markup("</mark>"))
            pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def text_search(store, q: str, base: str, limit: int = TEXT_LIMIT) -> list[dict]:
    """Paragraphs containing q, newest document first. Every text is read (there is no text index);
    the type is tested on the matches only (FILTER EXISTS), not joined from every paragraph first."""
    needle = Literal(q.lower()).n3()  # escaped literal: user text never reaches SPARQL raw
    rows = text_rows(store, PREFIXES + f"""SELECT DISTINCT ?para ?text ?anchor ?num ?doc ?title ?date WHERE {{
        ?para rdf:value ?text .
        FILTER(CONTAINS(LCASE(STR(?text)), {needle})) FILTER EXISTS {{ ?para a bvkg:Paragraph }}
        OPTIONAL {{ ?para bvkg:anchor ?anchor }} OPTIONAL {{ ?para bvkg:number ?num }}
        OPTIONAL {{ ?para dcterms:isPartOf ?doc . OPTIONAL {{ ?doc dcterms:title ?title }}
                   OPTIONAL {{ ?doc dcterms:date ?date }} }}
    }} ORDER BY DESC(STR(?date)) ?para LIMIT {int(limit) + 1}""")
    out = []
    for r in rows[:limit]:
        text = r.get("text", "")
        out.append({"href": local_href(str(r["para"]), base), "text": highlight(text, q),
                    "number": str(r.get("num") or r.get("anchor") or ""),
                    "doc": str(r.get("title") or (fallback_label(r["doc"]) if r.get("doc") else "")),
                    "date": human_date(r["date"]) if r.get("date") else ""})
    return out, len(rows) > limit


@bp.route("/search")
def search_page():
    q = (request.args.get("q") or "").strip()[:200]
    ctx = current_app.extensions["bvkg"]
    names, paras, more = [], [], False
    if q:
        index = ctx.label_index()
        names = [{"label": e.label, "kind": e.kind, "href": local_href(e.iri, ctx.base), "matched": lab,
                  "score": s, "aliases": [n for n in e.names if n != e.label][:4]}
                 for e, s, lab in index.search(q)]
        paras, more = text_search(ctx.store(), q, ctx.base)
    return render_template("search.html", q=q, names=names, paras=paras, more=more)
