"""Every fact about an entity as a plain-language sentence, with its quote and paragraph link.

A fact is any node with ``prov:wasDerivedFrom`` (a holding, an attestation, a Direction, a
judgement, an event…) that is the entity itself, points at it, or is pointed at by it. A holding
with attestations becomes one sentence per attestation ("Linda Walker held Monitoring Officer
(interim) at London Borough of Tower Hamlets, attested 25 November 2024"). Sentences are lists of
segments (text, href) so the template escapes every word.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib.term import Literal, URIRef

from ontology.namespaces import BVKG, DCTERMS, ORG, PROV, RDF, RDFS, SDO, TIME
from web.rdfutil import (
    DOCUMENT_TYPES, EVENT_TYPES, PREFIXES, duration_words, fallback_label, human_date, iri_ref, labels,
    local_href, parse_when, predicate_word, qname, safe_iri, text_rows, type_word, values,
)

DATE_PROPS = (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear)


@dataclass
class Quote:
    exact: str
    href: str            # document page #anchor
    doc_title: str
    doc_date: str
    number: str          # the paragraph's own numbering, or its anchor


@dataclass
class Statement:
    segments: list        # [(text, href or None)]
    sort_key: str = ""
    quotes: list = field(default_factory=list)
    fact_href: str = ""
    found_by: str = ""

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.segments)


class Describer:
    """Collects the triples, labels and quotes one page needs in a handful of batched queries."""

    def __init__(self, store, base: str):
        self.store, self.base = store, base
        self.props: dict[str, dict[str, list]] = {}
        self._labels: dict[str, str] = {}

    # -------- batched reads
    def load(self, iris) -> None:
        todo = sorted({str(i) for i in iris if safe_iri(str(i))} - set(self.props))
        for chunk in (todo[i:i + 300] for i in range(0, len(todo), 300)):
            for i in chunk:
                self.props[i] = defaultdict(list)
            for r in self.store.select(f"SELECT DISTINCT ?s ?p ?o WHERE {{ {values('s', chunk)} ?s ?p ?o }}").rows:
                self.props[str(r["s"])][str(r["p"])].append(r["o"])

    def one(self, s, p):
        vals = self.props.get(str(s), {}).get(str(p), [])
        return sorted(vals, key=str)[0] if vals else None

    def all(self, s, p) -> list:
        return sorted(self.props.get(str(s), {}).get(str(p), []), key=str)

    def types(self, s) -> set[str]:
        return {str(t) for t in self.all(s, RDF.type)}

    def label(self, iri) -> str:
        iri = str(iri)
        if iri not in self._labels:
            self.prefetch_labels([URIRef(iri)])
        return self._labels.get(iri) or fallback_label(iri)

    def prefetch_labels(self, iris) -> None:
        """Labels of ``iris`` in one query; an IRI without one is remembered too (asked once)."""
        need = [URIRef(str(i)) for i in iris if isinstance(i, URIRef) and str(i) not in self._labels]
        found = labels(self.store, need)
        self._labels.update({str(i): found.get(str(i), "") for i in need})

    def link(self, iri) -> tuple[str, str]:
        return (self.label(iri), local_href(str(iri), self.base))

    def date_of(self, instant) -> str | None:
        """An instant's date literal (day, month or year precision)."""
        if instant is None:
            return None
        if isinstance(instant, Literal):
            return str(instant)
        self.load([instant])
        for p in DATE_PROPS:
            v = self.one(instant, p)
            if v is not None:
                return str(v)
        return None

    # -------- quotes
    def quotes(self, quote_iris) -> dict[str, Quote]:
        quote_iris = [str(q) for q in quote_iris if safe_iri(str(q))]
        if not quote_iris:
            return {}
        q = PREFIXES + f"""SELECT DISTINCT ?q ?exact ?para ?anchor ?num ?doc ?title ?date WHERE {{ {values('q', quote_iris)}
            ?q oa:hasSource ?para ; oa:hasSelector ?sel . ?sel oa:exact ?exact .
            OPTIONAL {{ ?para bvkg:anchor ?anchor }} OPTIONAL {{ ?para bvkg:number ?num }}
            OPTIONAL {{ ?para dcterms:isPartOf ?doc . OPTIONAL {{ ?doc dcterms:title ?title }}
                       OPTIONAL {{ ?doc dcterms:date ?date }} }} }}"""
        out = {}
        for r in text_rows(self.store, q):
            para = r["para"]
            href = local_href(para, self.base)
            out[r["q"]] = Quote(
                exact=r.get("exact", ""), href=href,
                doc_title=str(r.get("title") or (fallback_label(r["doc"]) if r.get("doc") else "")),
                doc_date=human_date(r["date"]) if r.get("date") else "",
                number=str(r.get("num") or r.get("anchor") or para.rsplit("#", 1)[-1]))
        return out


# ---------------------------------------------------------------- the sentences

def statements_about(store, iri: str, base: str, d: Describer | None = None) -> list[Statement]:
    """Plain-language statements of every fact touching ``iri``, oldest first (``d``: the page's
    Describer, so the timelines reuse the holdings, attestations and instants read here)."""
    d = d or Describer(store, base)
    ref = iri_ref(iri)
    facts = store.select(PREFIXES + f"""SELECT DISTINCT ?f WHERE {{
        {{ ?f ?p {ref} }} UNION {{ {ref} ?p ?f }} UNION {{ BIND({ref} AS ?f) }}
        ?f prov:wasDerivedFrom ?q . FILTER(isIRI(?f)) }}""").rows
    fact_iris = [str(r["f"]) for r in facts]
    d.load(fact_iris)
    # attestations of holdings, and the instants/intervals sentences need
    atts = [a for f in fact_iris for a in d.all(f, BVKG.hasAttestation)]
    d.load(atts)
    intervals = [i for f in fact_iris for i in d.all(f, ORG.memberDuring)]
    d.load(intervals)
    instants = [t for x in fact_iris + atts + intervals for p in (BVKG.attestedOn, BVKG.statedStart, BVKG.statedEnd,
                TIME.inside, TIME.hasBeginning, TIME.hasEnd, TIME.hasTime, BVKG.submittedOn, BVKG.sentOn)
                for t in d.all(x, p)]
    d.load(instants)
    d.prefetch_labels({URIRef(f) for f in fact_iris} |  # the facts are named in their own sentences
                      {o for s in fact_iris + atts for p, vs in d.props.get(s, {}).items() for o in vs
                       if isinstance(o, URIRef) and p != str(PROV.wasDerivedFrom)})  # quotes are never named
    quote_iris = {q for s in fact_iris + atts for q in d.all(s, PROV.wasDerivedFrom)}
    quotes = d.quotes(quote_iris)

    out: list[Statement] = []
    att_owned = set(atts)
    for f in fact_iris:
        if f in att_owned and f != iri:
            continue  # rendered as part of its holding
        types = d.types(f)
        if str(BVKG.RoleHolding) in types or str(ORG.Membership) in types:
            out.extend(_holding(d, f, quotes))
        elif str(BVKG.Attestation) in types:
            holding = _holding_of(store, f)
            out.extend(_holding(d, holding, quotes, only=f) if holding else [])
        else:
            out.append(_generic_fact(d, f, types, quotes))
    out.extend(_document_roles(d, iri))
    out.sort(key=lambda s: (s.sort_key or "9999", s.text))
    return out


def _holding_of(store, att: str) -> str | None:
    rows = store.select(f"SELECT DISTINCT ?h WHERE {{ ?h <{BVKG.hasAttestation}> {iri_ref(att)} }} LIMIT 1").rows
    return str(rows[0]["h"]) if rows else None


def _who(d: Describer, h) -> list:
    member = d.one(h, ORG.member)
    if member is not None:
        return [d.link(member)]
    return [("An unnamed holder", None)]


def _role_words(d: Describer, h, capacity) -> list:
    role = d.one(h, ORG.role)
    segs = [d.link(role)] if role is not None else [("a role", None)]
    if capacity is not None:
        segs.append((f" ({d.label(capacity)})", None))  # interim is a capacity, not a role
    leads = sorted(d.all(h, BVKG.leadFor), key=str)  # a compound Lead leads several themes
    for i, lead in enumerate(leads):
        segs += [(" for " if i == 0 else " and ", None), d.link(lead)]
    return segs


def _quotes_for(d: Describer, node, quotes) -> list[Quote]:
    return [quotes[str(q)] for q in d.all(node, PROV.wasDerivedFrom) if str(q) in quotes]


def _holding(d: Describer, h: str, quotes, only: str | None = None) -> list[Statement]:
    d.load([h])
    org = d.one(h, ORG.organization)
    where = [(" at ", None), d.link(org)] if org is not None else []
    rep = d.one(h, BVKG.represents)
    if rep is not None:
        where += [(" representing ", None), d.link(rep)]
    atts = [only] if only else d.all(h, BVKG.hasAttestation)
    out = []
    for a in atts:
        d.load([a])
        cap = d.one(a, BVKG.capacity) or d.one(h, BVKG.capacity)
        segs = _who(d, h) + [(" held ", None)] + _role_words(d, h, cap) + where
        on = d.date_of(d.one(a, BVKG.attestedOn))
        start, end = d.date_of(d.one(a, BVKG.statedStart)), d.date_of(d.one(a, BVKG.statedEnd))
        if start:
            segs.append((f", in post from {human_date(start)} (stated)", None))
        if end:
            segs.append((f", until {human_date(end)} (stated)", None))
        if on:
            segs.append((f", attested {human_date(on)}", None))
        written = d.one(a, BVKG.roleAsWritten)
        if written is not None:
            segs.append((f" — written as “{written}”", None))
        out.append(Statement(segs, on or start or "", _quotes_for(d, a, quotes) or _quotes_for(d, h, quotes),
                             local_href(h, d.base), str(d.one(a, BVKG.foundBy) or "")))
    if not atts:  # a holding known only from its own quote (e.g. an unnamed holder)
        cap = d.one(h, BVKG.capacity)
        segs = _who(d, h) + [(" held ", None)] + _role_words(d, h, cap) + where
        interval = d.one(h, ORG.memberDuring)
        dates = sorted(x for x in (d.date_of(t) for t in d.all(interval, TIME.inside)) if x) if interval else []
        begin = d.date_of(d.one(interval, TIME.hasBeginning)) if interval else None
        if begin:
            segs.append((f", in post from {human_date(begin)} (stated)", None))
        if dates:
            segs.append((", attested " + ", ".join(human_date(x) for x in dates), None))
        out.append(Statement(segs, (dates or [begin or ""])[0], _quotes_for(d, h, quotes), local_href(h, d.base),
                             str(d.one(h, BVKG.foundBy) or "")))
    return out


def _generic_fact(d: Describer, f: str, types: set[str], quotes) -> Statement:
    segs: list = []
    date = d.one(f, DCTERMS.date)
    date_s = str(date) if date is not None else None
    if str(BVKG.Direction) in types:
        segs = [d.link(f), (f" ({d.one(f, BVKG.status)})" if d.one(f, BVKG.status) else "", None)]
        if date_s:
            segs.append((f", dated {human_date(date_s)}", None))
        for a in d.all(f, BVKG.addressedTo):
            segs += [(", addressed to ", None), d.link(a)]
        for p in d.all(f, BVKG.powerCited):
            segs += [(", under ", None), d.link(p)]
        n = len(d.all(f, BVKG.hasItem))
        if n:
            segs.append((f", with {n} item{'s' if n != 1 else ''}", None))
    elif str(BVKG.DirectionItem) in types:
        segs = [d.link(f)]
        req = d.one(f, BVKG.requirement)
        if req is not None:
            segs.append((f" requires: “{req}”", None))
        dl, dur = d.one(f, BVKG.deadline), d.one(f, BVKG.deadlineDuration)
        if dur is not None:
            segs.append((f"; within {duration_words(dur)}", None))
        if dl is not None:
            segs.append((f"; deadline {human_date(dl)}", None))
            date_s = str(dl)
        for t in d.all(f, DCTERMS.subject):
            segs += [("; theme ", None), d.link(t)]
        for t in d.all(f, BVKG.reportsTo):
            segs += [("; reports to ", None), d.link(t)]
    elif str(BVKG.ThemeJudgement) in types:
        who = d.one(f, BVKG.addressedTo)
        segs = ([d.link(who)] if who is not None else [("The authority", None)]) + [
            (f" was judged “{d.one(f, BVKG.judgement)}” on ", None), d.link(d.one(f, BVKG.theme))]
        if date_s:
            segs.append((f" ({human_date(date_s)})", None))
    elif str(BVKG.Citation) in types:
        segs = [("Cites ", None), d.link(d.one(f, BVKG.cites))]
        pin = d.one(f, BVKG.pinpoint)
        if pin is not None:
            segs.append((f", at {pin}", None))
    elif types & EVENT_TYPES or str(BVKG.Inspection) in types or str(BVKG.Intervention) in types:
        segs = [(type_word(types).capitalize() + ": ", None), d.link(f)]
        on = d.date_of(d.one(f, TIME.hasTime)) or d.date_of(d.one(f, TIME.hasBeginning)) \
            or d.date_of(d.one(f, BVKG.submittedOn))
        if on:
            segs.append((f", {human_date(on)}", None))
            date_s = on
        for p, word in ((BVKG.addressedTo, "concerning"), (BVKG.participant, "with"), (BVKG.inspector, "inspector"),
                        (BVKG.assistantInspector, "assistant inspector")):
            for o in d.all(f, p):
                segs += [(f", {word} ", None), d.link(o)]
        for p, word in ((BVKG.rating, "rated"), (BVKG.initialDuration, "initially for")):
            v = d.one(f, p)
            if v is not None:
                segs.append((f", {word} {duration_words(v) if p == BVKG.initialDuration else v}", None))
    else:
        segs = [d.link(f), (f" ({type_word(types)})", None)]
        for p, vs in sorted(d.props.get(f, {}).items()):
            if p in (str(RDF.type), str(RDFS.label), str(PROV.wasDerivedFrom), str(BVKG.foundBy)):
                continue
            for o in vs:
                segs += [(f"; {predicate_word(p)} ", None),
                         d.link(o) if isinstance(o, URIRef) else (str(o), None)]
    return Statement([s for s in segs if s[0]], date_s or "", _quotes_for(d, f, quotes), local_href(f, d.base),
                     str(d.one(f, BVKG.foundBy) or ""))


def _document_roles(d: Describer, iri: str) -> list[Statement]:
    """People and bodies as authors, addressees and copy recipients of documents."""
    rows = d.store.select(PREFIXES + f"""SELECT DISTINCT ?doc ?p ?date WHERE {{
        VALUES ?p {{ dcterms:creator schema:recipient schema:ccRecipient dcterms:publisher }}
        ?doc ?p {iri_ref(iri)} . OPTIONAL {{ ?doc dcterms:date ?date }} }}""").rows
    words = {str(DCTERMS.creator): " wrote or signed ", str(SDO.recipient): " was an addressee of ",
             str(SDO.ccRecipient): " was copied into ", str(DCTERMS.publisher): " published "}
    out = []
    for r in rows:
        date = str(r["date"]) if r.get("date") else ""
        segs = [d.link(iri), (words[str(r["p"])], None), d.link(r["doc"])]
        if date:
            segs.append((f" ({human_date(date)})", None))
        out.append(Statement(segs, date, [], local_href(str(r["doc"]), d.base)))
    return out


def incoming(store, iri: str, base: str, limit: int = 200) -> list[dict]:
    """Resources that point at ``iri``: (label, href, predicate words), grouped by predicate."""
    rows = store.select(f"SELECT DISTINCT ?s ?p WHERE {{ ?s ?p {iri_ref(iri)} FILTER(isIRI(?s)) }} LIMIT {int(limit)}").rows
    docs = {str(r["s"]).split("#", 1)[0] for r in rows if "#" in str(r["s"])}
    labs = labels(store, [r["s"] for r in rows] + [URIRef(d) for d in docs])

    def label(s: str) -> str:
        if s in labs:
            return labs[s]
        if "#" in s:  # a paragraph: its document and anchor
            doc, anchor = s.split("#", 1)
            return f"{labs.get(doc) or fallback_label(doc)}, paragraph {anchor.lstrip('p') or anchor}"
        return fallback_label(s)

    out = [{"label": label(str(r["s"])), "href": local_href(str(r["s"]), base),
            "predicate": predicate_word(str(r["p"]))} for r in rows]
    return sorted(out, key=lambda x: (x["predicate"], x["label"]))


def properties(store, iri: str, base: str) -> list[dict]:
    """The entity's own triples in words (predicate, value label, link)."""
    rows = store.select(f"SELECT DISTINCT ?p ?o WHERE {{ {iri_ref(iri)} ?p ?o }}").rows
    labs = labels(store, [r["o"] for r in rows if isinstance(r["o"], URIRef)])
    out = []
    for r in rows:
        o = r["o"]
        if isinstance(o, URIRef):
            label = labs.get(str(o)) or fallback_label(o)
            if r["p"] == RDF.type:  # several vocabularies name the same kind of thing: say which
                label = f"{label} ({qname(str(o)) or o})"
            out.append({"predicate": predicate_word(str(r["p"])), "label": label, "href": local_href(str(o), base)})
        else:
            text = human_date(o) if parse_when(o) and isinstance(o, Literal) and o.datatype else str(o)
            out.append({"predicate": predicate_word(str(r["p"])), "label": text, "href": None})
    return sorted(out, key=lambda x: (x["predicate"] != "is a", x["predicate"], x["label"]))


__all__ = ["Statement", "Quote", "Describer", "statements_about", "incoming", "properties", "DOCUMENT_TYPES"]
