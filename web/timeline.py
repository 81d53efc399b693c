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

from web.rdfutil import PREFIXES, When, fallback_label, iri_ref, labels, local_href, parse_when, values

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


def holdings_evidence(store, posts=None) -> dict[str, dict]:
    """holding -> {post, authority, role, member, capacity, start, end, attested: [(When, quote)]}.

    Two queries for every holding of ``posts`` (default: all posts), shared by timelines and /as-of.
    """
    only = values("post", posts) if posts is not None else ""
    rows = store.select(PREFIXES + """SELECT DISTINCT ?h ?post ?auth ?role ?member ?cap ?held WHERE { """ + only + """
        ?h bvkg:post ?post .
        OPTIONAL { ?post org:postIn ?auth } OPTIONAL { ?post org:role ?role } OPTIONAL { ?h org:member ?member }
        OPTIONAL { { ?h bvkg:capacity ?cap BIND(true AS ?held) } UNION { ?h bvkg:hasAttestation/bvkg:capacity ?cap } }
    }""").rows
    hs: dict[str, dict] = {}
    for r in sorted(rows, key=lambda r: "held" not in r):  # the holding's own capacity first
        h = hs.setdefault(str(r["h"]), {"post": str(r["post"]), "authority": str(r.get("auth", "")) or None,
                                        "role": str(r.get("role", "")) or None,
                                        "member": str(r["member"]) if "member" in r else None,
                                        "capacity": str(r["cap"]) if "cap" in r else None, "capacities": [],
                                        "start": None, "end": None, "attested": []})
        if "cap" in r and str(r["cap"]) not in h["capacities"]:
            h["capacities"].append(str(r["cap"]))
    ev = store.select(PREFIXES + """SELECT DISTINCT ?h ?kind ?d ?q WHERE { """ + only + """
        ?h bvkg:post ?post .
        { ?h bvkg:hasAttestation ?a . ?a bvkg:attestedOn ?t BIND("att" AS ?kind) OPTIONAL { ?a prov:wasDerivedFrom ?q } }
        UNION { ?h bvkg:hasAttestation ?a . ?a bvkg:statedStart ?t BIND("start" AS ?kind) OPTIONAL { ?a prov:wasDerivedFrom ?q } }
        UNION { ?h bvkg:hasAttestation ?a . ?a bvkg:statedEnd ?t BIND("end" AS ?kind) OPTIONAL { ?a prov:wasDerivedFrom ?q } }
        UNION { ?h org:memberDuring/time:inside ?t BIND("att" AS ?kind)
                # only a quote from a document of that very date: the holding's quotes span every date
                OPTIONAL { ?h prov:wasDerivedFrom ?q . ?q oa:hasSource/dcterms:isPartOf/dcterms:date ?qd .
                           ?t time:inXSDDate ?td FILTER(?qd = ?td) } }
        UNION { ?h org:memberDuring/time:hasBeginning ?t BIND("start" AS ?kind) }
        UNION { ?h org:memberDuring/time:hasEnd ?t BIND("end" AS ?kind) }
        ?t time:inXSDDate|time:inXSDgYearMonth|time:inXSDgYear ?d }""").rows
    for r in ev:
        h = hs.get(str(r["h"]))
        w = parse_when(r["d"])
        if h is None or w is None:
            continue
        kind, q = str(r["kind"]), (str(r["q"]) if "q" in r else None)
        if kind == "att":
            if not any(x[0] == w and (x[1] == q or q is None) for x in h["attested"]):
                h["attested"] = [x for x in h["attested"] if not (x[0] == w and x[1] is None)] + [(w, q)]
        elif kind == "start" and (h["start"] is None or w < h["start"][0]):
            h["start"] = (w, q)
        elif kind == "end" and (h["end"] is None or h["end"][0] < w):
            h["end"] = (w, q)
    return hs



def post_tenures(store, post: str, evidence: dict | None = None) -> list[Tenure]:
    """Every holding of one post, with stated bounds, attestation dates and capacities."""
    ev = evidence if evidence is not None else holdings_evidence(store, [post])
    mine = {h: e for h, e in ev.items() if e["post"] == post}
    labs = labels(store, {URIRef(x) for e in mine.values() for x in (e["member"], e["capacity"]) if x})
    tenures = []
    for h, e in mine.items():
        m = e["member"]
        caps = [labs.get(c) or fallback_label(c) for c in e["capacities"]]
        tenures.append(Tenure(h, m, labs.get(m, fallback_label(m)) if m else "Unnamed holder", caps,
                              e["start"][0] if e["start"] else None, e["end"][0] if e["end"] else None,
                              sorted({w for w, _ in e["attested"]})))
    tenures.sort(key=lambda t: (t.first or dt.date.max, t.holder_label))
    return tenures


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


def timelines_for(store, iri: str, kind: str, base: str) -> list[dict]:
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
    labs = labels(store, [URIRef(p) for p in posts])
    evidence = holdings_evidence(store, posts) if posts else {}
    out = []
    for p in posts:
        lay = layout(post_tenures(store, p, evidence), base, labs.get(p) or fallback_label(p))
        if lay:
            lay["post_href"] = local_href(p, base)
            out.append(lay)
    return out
