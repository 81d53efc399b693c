"""Deterministic synthetic graphs of bvkg's shape, for timing the named queries at scale.

Authorities, each with posts (the statutory officers and the mayor), a board, a pool of people
that overlaps the neighbouring authorities' (so people cross documents and authorities), and a
run of documents over time. Each document is a named graph with its paragraphs, the holdings it
attests (with intervals, stated starts for some, unnamed and interim holders), board seats, a
Direction with lettered items (every third document), theme judgements, mentions and a quote
(oa:SpecificResource with both selectors) for every fact — the same patterns as
docs/rdf-patterns.md, so the queries do the same joins they do on the real graph.

N-Quads text is written directly (fast: a million quads in a few seconds); no randomness, so a
size always gives the same bytes. ``python -m bench.generate 100000 > /tmp/100k.nq``
"""
from __future__ import annotations

import datetime as dt
import sys

BASE = "https://w3id.org/bvkg/"
ID = BASE + "id/"
BV = "https://w3id.org/bvkg/ontology#"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#", "time": "http://www.w3.org/2006/time#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/", "schema": "https://schema.org/", "oa": "http://www.w3.org/ns/oa#",
}
VOCAB_GRAPH = BASE + "graph/vocab"
ROLES = (("head-of-paid-service", "Head of Paid Service", "Chief Executive"),
         ("section-151-officer", "Section 151 Officer", "Corporate Director, Resources"),
         ("monitoring-officer", "Monitoring Officer", "Director, Legal Services"),
         ("executive-mayor", "Executive Mayor", "Mayor"))
BOARD_ROLES = (("chair", "Chair"), ("board-lead", "Board Lead"), ("board-member", "Board member"))
THEMES = ("leadership", "culture", "governance", "partnerships", "finance")
JUDGEMENTS = ("failing", "progress", "improved")
FIRST = ("Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Kim", "Lee", "Max", "Ash", "Drew", "Jamie", "Toni")
LAST = ("Smith", "Jones", "Patel", "Khan", "Brown", "Evans", "Wilson", "Taylor", "Clarke", "Walker", "Hughes")
DOCS_PER_AUTHORITY = 10
POOL = 20          # people per authority (windows overlap the next authority's pool by half)
START = dt.date(2015, 1, 5)


def _iri(x: str) -> str:
    return f"<{x}>"


def _t(prefix_local: str) -> str:
    p, local = prefix_local.split(":", 1)
    return f"<{BV}{local}>" if p == "bvkg" else f"<{NS[p]}{local}>"


def _lit(text: str, dtype: str | None = None) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"^^<{NS["xsd"]}{dtype}>' if dtype else f'"{text}"'


def person_name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"


def person_iri(i: int) -> str:
    return f"{ID}person/{person_name(i).lower().replace(' ', '-')}"


def doc_date(a: int, j: int) -> str:
    return (START + dt.timedelta(days=61 * j + (a % 30))).isoformat()


def params(n_authorities: int = 1) -> dict[str, dict[str, str]]:
    """Parameters for the named queries that hit data in every generated graph."""
    return {
        "holders-on-date": {"date": doc_date(0, 4)},
        "post-holders": {"post": f"{ID}post/a0/monitoring-officer"},
        "person-connections": {"person": person_iri(3)},
    }


def scoped_params() -> dict[str, dict[str, str]]:
    """The listing queries narrowed to one authority, board, Direction or theme (how a reader asks)."""
    return {
        "statutory-roles": {"authority": f"{ID}authority/a0"},
        "holders-on-date": {"date": doc_date(0, 4), "authority": f"{ID}authority/a0"},
        "board-members": {"board": f"{ID}board/a0-improvement-board"},
        "direction-items": {"direction": f"{ID}direction/a0-d1/directions"},
        "themes-by-document": {"theme": f"{ID}theme/culture"},
    }


class Writer:
    def __init__(self, out):
        self.out, self.n = out, 0

    def q(self, s: str, p: str, o: str, g: str) -> None:
        self.out.write(f"{s} {p} {o} {g} .\n")
        self.n += 1


def _vocab(w: Writer) -> None:
    g = _iri(VOCAB_GRAPH)
    for rid, label, alt in ROLES:
        r = _iri(f"{ID}role/{rid}")
        for s, p, o in ((r, _t("rdf:type"), _t("org:Role")), (r, _t("rdf:type"), _t("skos:Concept")),
                        (r, _t("skos:inScheme"), _iri(ID + "scheme/roles")), (r, _t("skos:prefLabel"), _lit(label)),
                        (r, _t("skos:altLabel"), _lit(alt))):
            w.q(s, p, o, g)
    for rid, label in BOARD_ROLES:
        r = _iri(f"{ID}role/{rid}")
        w.q(r, _t("rdf:type"), _t("org:Role"), g)
        w.q(r, _t("skos:prefLabel"), _lit(label), g)
    for th in THEMES:
        t = _iri(f"{ID}theme/{th}")
        w.q(t, _t("rdf:type"), _t("bvkg:Theme"), g)
        w.q(t, _t("skos:prefLabel"), _lit(th.capitalize()), g)
    c = _iri(ID + "capacity/interim")
    w.q(c, _t("rdf:type"), _t("bvkg:Capacity"), g)
    w.q(c, _t("skos:prefLabel"), _lit("interim"), g)


def _quote(w: Writer, g: str, doc: str, para: str, text: str, start: int, exact: str) -> str:
    q = f"{doc}/quote/{para.rsplit('#', 1)[1]}/{start}-{start + len(exact)}"
    Q = _iri(q)
    w.q(Q, _t("rdf:type"), _t("oa:SpecificResource"), g)
    w.q(Q, _t("oa:hasSource"), _iri(para), g)
    w.q(Q, _t("oa:hasSelector"), _iri(q + "#exact"), g)
    w.q(Q, _t("oa:hasSelector"), _iri(q + "#position"), g)
    w.q(_iri(q + "#exact"), _t("rdf:type"), _t("oa:TextQuoteSelector"), g)
    w.q(_iri(q + "#exact"), _t("oa:exact"), _lit(exact), g)
    w.q(_iri(q + "#position"), _t("rdf:type"), _t("oa:TextPositionSelector"), g)
    w.q(_iri(q + "#position"), _t("oa:start"), _lit(str(start), "integer"), g)
    w.q(_iri(q + "#position"), _t("oa:end"), _lit(str(start + len(exact)), "integer"), g)
    return Q


def _paragraph(w: Writer, g: str, doc: str, anchor: str, pos: int, text: str, mentions=()) -> str:
    para = f"{doc}#{anchor}"
    P = _iri(para)
    w.q(_iri(doc), _t("dcterms:hasPart"), P, g)
    w.q(P, _t("rdf:type"), _t("bvkg:Paragraph"), g)
    w.q(P, _t("dcterms:isPartOf"), _iri(doc), g)
    w.q(P, _t("bvkg:anchor"), _lit(anchor), g)
    w.q(P, _t("bvkg:position"), _lit(str(pos), "integer"), g)
    w.q(P, _t("rdf:value"), _lit(text), g)
    for m in mentions:
        w.q(P, _t("bvkg:mentions"), _iri(m), g)
    return para


def _instant(w: Writer, g: str, iso: str) -> str:
    i = _iri(f"{ID}time/{iso}")
    w.q(i, _t("rdf:type"), _t("time:Instant"), g)
    if len(iso) == 10:
        w.q(i, _t("time:inXSDDate"), _lit(iso, "date"), g)
    else:
        w.q(i, _t("time:inXSDgYearMonth"), _lit(iso, "gYearMonth"), g)
    return i


def _person(w: Writer, g: str, i: int) -> None:
    p = _iri(person_iri(i))
    w.q(p, _t("rdf:type"), _t("foaf:Person"), g)
    w.q(p, _t("foaf:name"), _lit(person_name(i)), g)
    w.q(p, _t("rdfs:label"), _lit(person_name(i)), g)


def _document(w: Writer, a: int, j: int) -> None:
    slug = f"a{a}-d{j}"
    doc = f"{ID}document/{slug}"
    g, D = _iri(doc), _iri(doc)
    auth = f"{ID}authority/a{a}"
    board = f"{ID}board/a{a}-improvement-board"
    date = doc_date(a, j)
    pool = [(a * POOL // 2 + k) for k in range(POOL)]
    w.q(D, _t("rdf:type"), _t("bvkg:Letter" if j % 2 else "bvkg:Report"), g)
    w.q(D, _t("dcterms:title"), _lit(f"Document {j} about authority {a}"), g)
    w.q(D, _t("rdfs:label"), _lit(f"Document {j} about authority {a}"), g)
    w.q(D, _t("dcterms:date"), _lit(date, "date"), g)
    w.q(D, _t("bvkg:sourceFile"), _lit(f"{slug}.txt"), g)
    author, recipient = pool[(j * 3) % POOL], pool[(j * 3 + 1) % POOL]
    w.q(D, _t("dcterms:creator"), _iri(person_iri(author)), g)
    w.q(D, _t("schema:recipient"), _iri(person_iri(recipient)), g)
    A = _iri(auth)
    w.q(A, _t("rdf:type"), _t("bvkg:LocalAuthority"), g)
    w.q(A, _t("skos:prefLabel"), _lit(f"Authority {a}"), g)
    w.q(A, _t("rdfs:label"), _lit(f"Authority {a}"), g)
    Bd = _iri(board)
    w.q(Bd, _t("rdf:type"), _t("bvkg:Board"), g)
    w.q(Bd, _t("skos:prefLabel"), _lit(f"Improvement Board {a}"), g)
    w.q(Bd, _t("rdfs:label"), _lit(f"Improvement Board {a}"), g)
    w.q(Bd, _t("org:subOrganizationOf"), A, g)
    attested = _instant(w, g, date)
    seen_people = {author, recipient}
    pos = 0
    # statutory officers and the mayor: the holder changes every third document of the authority
    for r, (rid, label, alt) in enumerate(ROLES):
        pos += 1
        unnamed = (j + r) % 7 == 6
        holder = pool[(r * 4 + j // 3) % POOL]
        interim = (j + r) % 5 == 0
        text = (f"The council has appointed a new {label}." if unnamed
                else f"{person_name(holder)} {'Interim ' if interim else ''}{alt} ({label}) of Authority {a}.")
        para = _paragraph(w, g, doc, f"b{pos}", pos, text, () if unnamed else (person_iri(holder),))
        exact = text if not unnamed else f"a new {label}"
        qiri = _quote(w, g, doc, para, text, 0 if not unnamed else text.index(exact), exact)
        post = f"{ID}post/a{a}/{rid}"
        key = f"unnamed-{slug}-b{pos}-1" if unnamed else person_name(holder).lower().replace(" ", "-")
        h = f"{ID}holding/a{a}/{rid}/{key}"
        H = _iri(h)
        att = _iri(f"{h}/{slug}/b{pos}/0")
        interval = _iri(h + "/interval")
        w.q(_iri(post), _t("rdf:type"), _t("org:Post"), g)
        w.q(_iri(post), _t("org:postIn"), A, g)
        w.q(_iri(post), _t("org:role"), _iri(f"{ID}role/{rid}"), g)
        w.q(H, _t("rdf:type"), _t("bvkg:RoleHolding"), g)
        w.q(H, _t("rdf:type"), _t("org:Membership"), g)
        w.q(H, _t("rdfs:label"), _lit(f"{label}, Authority {a}"), g)
        if unnamed:
            w.q(H, _t("bvkg:holderUnnamed"), _lit("true", "boolean"), g)
        else:
            _person(w, g, holder)
            seen_people.add(holder)
            w.q(H, _t("org:member"), _iri(person_iri(holder)), g)
        w.q(H, _t("org:organization"), A, g)
        w.q(H, _t("org:role"), _iri(f"{ID}role/{rid}"), g)
        w.q(H, _t("bvkg:post"), _iri(post), g)
        w.q(H, _t("org:memberDuring"), interval, g)
        w.q(H, _t("bvkg:hasAttestation"), att, g)
        w.q(H, _t("prov:wasDerivedFrom"), qiri, g)
        w.q(interval, _t("rdf:type"), _t("time:Interval"), g)
        w.q(interval, _t("time:inside"), attested, g)
        w.q(att, _t("rdf:type"), _t("bvkg:Attestation"), g)
        w.q(att, _t("bvkg:roleAsWritten"), _lit(f"{'Interim ' if interim else ''}{alt}"), g)
        w.q(att, _t("bvkg:attestedOn"), attested, g)
        w.q(att, _t("prov:wasDerivedFrom"), qiri, g)
        w.q(att, _t("bvkg:foundBy"), _lit("signature-block"), g)
        if interim:
            w.q(H, _t("bvkg:capacity"), _iri(ID + "capacity/interim"), g)
            w.q(att, _t("bvkg:capacity"), _iri(ID + "capacity/interim"), g)
        if j % 3 == 0 and not unnamed:   # the text states a start, month precision
            start = _instant(w, g, doc_date(a, max(j - 2, 0))[:7])
            w.q(att, _t("bvkg:statedStart"), start, g)
            w.q(interval, _t("time:hasBeginning"), start, g)
    # board seats
    for k, (rid, label) in enumerate(BOARD_ROLES):
        pos += 1
        member = pool[(10 + k * 2 + j // 4) % POOL]
        _person(w, g, member)
        seen_people.add(member)
        text = f"{person_name(member)} sits on Improvement Board {a} as {label}."
        para = _paragraph(w, g, doc, f"b{pos}", pos, text, (person_iri(member), board))
        qiri = _quote(w, g, doc, para, text, 0, text)
        h = f"{ID}holding/a{a}-improvement-board/{rid}/{person_name(member).lower().replace(' ', '-')}"
        H, att = _iri(h), _iri(f"{h}/{slug}/b{pos}/0")
        w.q(H, _t("rdf:type"), _t("bvkg:RoleHolding"), g)
        w.q(H, _t("org:member"), _iri(person_iri(member)), g)
        w.q(H, _t("org:organization"), Bd, g)
        w.q(H, _t("org:role"), _iri(f"{ID}role/{rid}"), g)
        w.q(H, _t("bvkg:hasAttestation"), att, g)
        if rid == "board-lead":
            w.q(H, _t("bvkg:leadFor"), _iri(f"{ID}theme/{THEMES[j % len(THEMES)]}"), g)
        w.q(att, _t("rdf:type"), _t("bvkg:Attestation"), g)
        w.q(att, _t("bvkg:attestedOn"), attested, g)
        w.q(att, _t("prov:wasDerivedFrom"), qiri, g)
    # theme judgements
    for k in range(2):
        pos += 1
        theme = THEMES[(j + k) % len(THEMES)]
        judgement = JUDGEMENTS[(a + j + k) % len(JUDGEMENTS)]
        text = f"On {theme} the council is {judgement}."
        para = _paragraph(w, g, doc, f"p{k + 1}", pos, text)
        w.q(_iri(para), _t("dcterms:subject"), _iri(f"{ID}theme/{theme}"), g)
        qiri = _quote(w, g, doc, para, text, text.index(judgement), judgement)
        f = _iri(f"{ID}judgement/{slug}/p{k + 1}/1")
        w.q(f, _t("rdf:type"), _t("bvkg:ThemeJudgement"), g)
        w.q(f, _t("bvkg:theme"), _iri(f"{ID}theme/{theme}"), g)
        w.q(f, _t("bvkg:judgement"), _lit(judgement), g)
        w.q(f, _t("dcterms:date"), _lit(date, "date"), g)
        w.q(f, _t("bvkg:addressedTo"), A, g)
        w.q(f, _t("prov:wasDerivedFrom"), qiri, g)
    # a Direction with items, every third document
    if j % 3 == 1:
        direction = f"{ID}direction/{slug}/directions"
        Dn = _iri(direction)
        pos += 1
        text = "The Secretary of State proposes to issue Directions."
        para = _paragraph(w, g, doc, "p14", pos, text)
        w.q(Dn, _t("rdf:type"), _t("bvkg:Direction"), g)
        w.q(Dn, _t("bvkg:status"), _lit("proposed"), g)
        w.q(Dn, _t("dcterms:date"), _lit(date, "date"), g)
        w.q(Dn, _t("bvkg:addressedTo"), A, g)
        w.q(Dn, _t("prov:wasDerivedFrom"), _quote(w, g, doc, para, text, 0, text), g)
        for k, (label, dur, months) in enumerate((("a", None, 0), ("b", "P1M", 1), ("c", "P3M", 3))):
            pos += 1
            text = f"Within {months} months, deliver part {label} of the plan." if dur else "Prepare a plan."
            para = _paragraph(w, g, doc, f"p14.{label}", pos, text)
            it = _iri(f"{direction}/{label}")
            w.q(Dn, _t("bvkg:hasItem"), it, g)
            w.q(it, _t("rdf:type"), _t("bvkg:DirectionItem"), g)
            w.q(it, _t("bvkg:itemLabel"), _lit(label), g)
            w.q(it, _t("bvkg:requirement"), _lit(text), g)
            if dur:
                d = dt.date.fromisoformat(date)
                m = d.month - 1 + months
                deadline = dt.date(d.year + m // 12, m % 12 + 1, min(d.day, 28)).isoformat()
                w.q(it, _t("bvkg:deadlineDuration"), _lit(dur, "duration"), g)
                w.q(it, _t("bvkg:deadline"), _lit(deadline, "date"), g)
            if label == "c":
                w.q(it, _t("bvkg:reportingInterval"), _lit("P3M", "duration"), g)
                w.q(it, _t("bvkg:reportsTo"), Bd, g)
            w.q(it, _t("prov:wasDerivedFrom"), _quote(w, g, doc, para, text, 0, text), g)
    for p in sorted(seen_people - {author, recipient}) + [author, recipient]:
        _person(w, g, p)


def generate(n_triples: int, out) -> int:
    """Write at least ``n_triples`` quads (whole documents) to ``out``; return the number written."""
    w = Writer(out)
    _vocab(w)
    a = 0
    while w.n < n_triples:
        for j in range(DOCS_PER_AUTHORITY):
            _document(w, a, j)
            if w.n >= n_triples:
                break
        a += 1
    return w.n


def generate_bytes(n_triples: int) -> bytes:
    import io
    buf = io.StringIO()
    generate(n_triples, buf)
    return buf.getvalue().encode("utf-8")


if __name__ == "__main__":
    n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 100_000
    written = generate(n, sys.stdout)
    print(f"{written} quads", file=sys.stderr)
