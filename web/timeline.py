"""Tenure timelines: every holder of a post in order, as plain SVG laid out here, drawn by a template.

A bar runs from the stated start (or the first attestation) to the stated end (or the last
attestation); attestations are dots; interim holdings are hatched; unnamed holders are shown and
named as such; a span between two holders with no evidence is drawn as a gap. Never invent a
start or an end: a bar that rests only on attestations has open (dashed) ends.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rdflib import URIRef

from ontology.namespaces import BVKG, ORG, PROV, TIME
from web.rdfutil import PREFIXES, When, fallback_label, iri_ref, labels, local_href, parse_when, values
from web.render import Describer

WIDTH, LABEL_W, ROW_H, TOP = 760, 230, 30, 34
MIN_SPAN_DAYS = 240   # a short history still gets a readable axis
GAP_DAYS = 30         # spans without any holder shorter than this are not drawn as gaps


@dataclass
class Tenure:
    holding: str
    holder: str | None          # person IRI, None for an unnamed holder
    holder_label: str
    capacities: list[str] = field(default_factory=list)
    start: When | None = None   # stated
    end: When | None = None     # stated
    attested: list[When] = field(default_factory=list)

    @property
    def interim(self) -> bool:
        return any(c.lower() in ("interim", "acting") for c in self.capacities)

    def _whens(self) -> list[When]:
        return self.attested + [w for w in (self.start, self.end) if w]

    @property
    def first(self) -> dt.date | None:
        pts = [w.start for w in self._whens()]
        return min(pts) if pts else None

    @property
    def last(self) -> dt.date | None:
        pts = [w.end for w in self._whens()]
        return max(pts) if pts else None


def holdings_evidence(store, posts=None, d: Describer | None = None) -> dict[str, dict]:
    """holding -> {post, authority, role, member, capacity, start, end, attested: [(When, quote)]}.

    Every holding of ``posts`` (default: all posts), shared by timelines and /as-of. Read outward
    from the posts: one query finds their holdings, then each layer (holdings and posts,
    attestations and intervals, instants, quotes) is fetched by its IRIs, so the work follows the
    posts asked for, never the size of the graph. ``d``: a page's Describer, to share what it read.
    """
    only = values("post", posts) if posts is not None else ""
    rows = store.select(PREFIXES + f"SELECT DISTINCT ?h ?post WHERE {{ {only} ?h bvkg:post ?post }}").rows
    post_of: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: str(r["post"])):
        post_of.setdefault(str(r["h"]), str(r["post"]))
    d = d or Describer(store, "")
    d.load(set(post_of) | set(post_of.values()))
    atts = {h: d.all(h, BVKG.hasAttestation) for h in post_of}
    spans = {h: d.all(h, ORG.memberDuring) for h in post_of}
    nodes = [x for h in post_of for x in atts[h] + spans[h]]
    d.load(nodes)
    d.load([t for x in nodes for p in _INSTANT_PROPS for t in d.all(x, p) if isinstance(t, URIRef)])
    quote_dates = _quote_dates(store, [q for h in post_of if any(d.all(i, TIME.inside) for i in spans[h])
                                       for q in d.all(h, PROV.wasDerivedFrom)])
    return {h: _holding_record(d, h, post, atts[h], spans[h], quote_dates) for h, post in sorted(post_of.items())}


def _holding_record(d, h: str, post: str, atts: list, spans: list, quote_dates: dict) -> dict:
    """One holding's record: its own capacity before its attestations', then its dated evidence."""
    held = [str(c) for c in d.all(h, BVKG.capacity)]
    caps = list(dict.fromkeys(held + sorted({str(c) for a in atts for c in d.all(a, BVKG.capacity)})))
    e = {"post": post, "authority": _str(d.one(post, ORG.postIn)), "role": _str(d.one(post, ORG.role)),
         "member": _str(d.one(h, ORG.member)), "capacity": caps[0] if caps else None, "capacities": caps,
         "start": None, "end": None, "attested": []}
    for kind, w, q in sorted(_evidence(d, h, atts, spans, quote_dates), key=_evidence_order):
        if kind == "att":
            if not any(x[0] == w and (x[1] == q or q is None) for x in e["attested"]):
                e["attested"] = [x for x in e["attested"] if not (x[0] == w and x[1] is None)] + [(w, q)]
        elif kind == "start" and (e["start"] is None or w < e["start"][0]):
            e["start"] = (w, q)
        elif kind == "end" and (e["end"] is None or e["end"][0] < w):
            e["end"] = (w, q)
    return e


_INSTANT_PROPS = (BVKG.attestedOn, BVKG.statedStart, BVKG.statedEnd, TIME.inside, TIME.hasBeginning, TIME.hasEnd)
_DATE_PROPS = (TIME.inXSDDate, TIME.inXSDgYearMonth, TIME.inXSDgYear)


def _str(term) -> str | None:
    return str(term) if term is not None else None


def _evidence_order(item):
    """Evidence in a fixed order (kind, date, quoted first, quote), so ties always resolve alike.

    Quoted first: a stated start known both from an attestation (with its quote) and from the
    interval (none) keeps the quote. The single query of earlier versions left this to the
    engine's hash order, which changed from one process to the next.
    """
    kind, w, q = item
    return (kind, w.start, w.end, q is None, q or "")


def _quote_dates(store, quotes) -> dict[str, set]:
    """quote -> the dates of the documents its paragraph is part of."""
    out: dict[str, set] = {}
    quotes = sorted({str(q) for q in quotes})
    for chunk in (quotes[i:i + 300] for i in range(0, len(quotes), 300)):
        for r in store.select(PREFIXES + f"""SELECT DISTINCT ?q ?qd WHERE {{ {values('q', chunk)}
                ?q oa:hasSource ?para . ?para dcterms:isPartOf ?doc . ?doc dcterms:date ?qd }}""").rows:
            out.setdefault(str(r["q"]), set()).add(r["qd"])
    return out


def _evidence(d, h: str, atts: list, spans: list, quote_dates: dict):
    """(kind, When, quote IRI or None) for one holding: its attestations' dates and its interval's.

    An interval's "inside" instant takes a quote of the holding only when the quote's document
    has that very date (the holding's quotes span every date); stated bounds of an interval carry none.
    """
    out = set()
    for a in atts:
        quotes = [str(q) for q in d.all(a, PROV.wasDerivedFrom)] or [None]
        for p, kind in ((BVKG.attestedOn, "att"), (BVKG.statedStart, "start"), (BVKG.statedEnd, "end")):
            for t in d.all(a, p):
                out |= {(kind, w, q) for w in _dates(d, t) for q in quotes}
    own = [str(q) for q in d.all(h, PROV.wasDerivedFrom)]
    for i in spans:
        for t in d.all(i, TIME.inside):
            days = set(d.all(t, TIME.inXSDDate))
            quotes = [q for q in own if quote_dates.get(q, set()) & days] or [None]
            out |= {("att", w, q) for w in _dates(d, t) for q in quotes}
        for p, kind in ((TIME.hasBeginning, "start"), (TIME.hasEnd, "end")):
            for t in d.all(i, p):
                out |= {(kind, w, None) for w in _dates(d, t)}
    return out


def _dates(d, instant) -> list[When]:
    if not isinstance(instant, URIRef):
        return []
    return [w for w in (parse_when(x) for p in _DATE_PROPS for x in d.all(instant, p)) if w]


def post_tenures(store, post: str, evidence: dict | None = None, labs: dict | None = None) -> list[Tenure]:
    """Every holding of one post, with stated bounds, attestation dates and capacities
    (``labs``: the holders' and capacities' labels, when the caller fetched them for several posts)."""
    ev = evidence if evidence is not None else holdings_evidence(store, [post])
    mine = {h: e for h, e in ev.items() if e["post"] == post}
    if labs is None:
        labs = labels(store, _named_in(mine.values()))
    tenures = []
    for h, e in mine.items():
        m = e["member"]
        caps = [labs.get(c) or fallback_label(c) for c in e["capacities"]]
        tenures.append(Tenure(h, m, labs.get(m, fallback_label(m)) if m else "Unnamed holder", caps,
                              e["start"][0] if e["start"] else None, e["end"][0] if e["end"] else None,
                              sorted({w for w, _ in e["attested"]})))
    tenures.sort(key=lambda t: (t.first or dt.date.max, t.holder_label))
    return tenures


def _named_in(records) -> set[URIRef]:
    """The holders and (first) capacities a timeline names; further capacities show their IRI's words."""
    return {URIRef(x) for e in records for x in (e["member"], e["capacity"]) if x}


def _x(day: dt.date, lo: dt.date, hi: dt.date) -> float:
    span = max((hi - lo).days, 1)
    return round(LABEL_W + (WIDTH - LABEL_W - 20) * (day - lo).days / span, 1)


def layout(tenures: list[Tenure], base: str, title: str) -> dict | None:
    """Coordinates for the template: rows (bars, dots), gaps between holders, year ticks."""
    dated = [t for t in tenures if t.first]
    if not dated:
        return None
    lo, hi = min(t.first for t in dated), max(t.last for t in dated)
    if (hi - lo).days < MIN_SPAN_DAYS:
        pad = dt.timedelta(days=(MIN_SPAN_DAYS - (hi - lo).days) // 2)
        lo, hi = lo - pad, hi + pad
    margin = dt.timedelta(days=max(15, (hi - lo).days // 12))
    lo, hi = lo - margin, hi + margin
    rows = []
    for i, t in enumerate(dated):
        y = TOP + i * ROW_H
        x1, x2 = _x(t.first, lo, hi), _x(t.last, lo, hi)
        label = t.holder_label + (" (" + ", ".join(t.capacities) + ")" if t.capacities else "")
        rows.append({
            "y": y, "x1": x1, "w": max(x2 - x1, 6), "label": label, "unnamed": t.holder is None,
            "interim": t.interim, "href": local_href(t.holding, base),
            "holder_href": local_href(t.holder, base) if t.holder else None,
            "open_start": t.start is None, "open_end": t.end is None,
            "dots": [{"x": _x(w.start, lo, hi), "title": f"attested {w.text}"} for w in t.attested],
            "title": _span_words(t),
        })
    gaps = []
    ordered = sorted(dated, key=lambda t: t.first)
    reach = ordered[0].last
    for t in ordered[1:]:
        if (t.first - reach).days >= GAP_DAYS:
            gaps.append({"x": _x(reach, lo, hi), "w": _x(t.first, lo, hi) - _x(reach, lo, hi),
                         "title": f"no recorded holder between {_d(reach)} and {_d(t.first)}"})
        reach = max(reach, t.last)
    height = TOP + len(rows) * ROW_H + 24
    ticks = [{"x": _x(dt.date(y, 1, 1), lo, hi), "label": str(y), "major": True}
             for y in range(lo.year + (lo.month > 1 or lo.day > 1), hi.year + 1)]
    if (hi - lo).days < 3 * 366:  # short spans get month ticks too
        ticks += [{"x": _x(dt.date(y, m, 1), lo, hi), "label": dt.date(y, m, 1).strftime("%b"), "major": False}
                  for y in range(lo.year, hi.year + 1) for m in range(2, 13, 3 if (hi - lo).days > 500 else 1)
                  if lo < dt.date(y, m, 1) < hi]
    return {"title": title, "rows": rows, "gaps": gaps, "ticks": ticks, "width": WIDTH, "height": height,
            "label_w": LABEL_W, "axis_y": height - 18, "undated": [t.holder_label for t in tenures if not t.first]}


def _d(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _span_words(t: Tenure) -> str:
    start = f"from {t.start.text} (stated)" if t.start else f"first attested {_d(t.first)}"
    end = f"until {t.end.text} (stated)" if t.end else f"last attested {_d(t.last)}"
    return f"{t.holder_label}: {start}, {end}"


# Which posts a page's timelines show, by kind of entity: the post itself; each post a person held;
# each post in an organisation (authority, board); each post of a role; the post of a holding.
_POSTS_OF = {
    "person": "?h org:member {i} ; bvkg:post ?p .",
    "organisation": "?p org:postIn {i} . ?h bvkg:post ?p .",
    "role": "?p org:role {i} . ?h bvkg:post ?p .",
    "holding": "{i} bvkg:post ?p .",
}


def timelines_for(store, iri: str, kind: str, base: str, d: Describer | None = None) -> list[dict]:
    """Tenure timelines for a page (at most 20 posts), each post's holders in order."""
    if kind == "post":
        posts = [iri]
    elif kind in _POSTS_OF:
        pattern = _POSTS_OF[kind].format(i=iri_ref(iri))
        posts = [str(r["p"]) for r in store.select(
            PREFIXES + f"SELECT DISTINCT ?p WHERE {{ {pattern} }} ORDER BY ?p").rows]
    else:
        return []
    posts = posts[:20]
    evidence = holdings_evidence(store, posts, d) if posts else {}
    labs = labels(store, [URIRef(p) for p in posts] + list(_named_in(evidence.values())))
    out = []
    for p in posts:
        lay = layout(post_tenures(store, p, evidence, labs), base, labs.get(p) or fallback_label(p))
        if lay:
            lay["post_href"] = local_href(p, base)
            out.append(lay)
    return out
