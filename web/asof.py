"""/as-of?date=YYYY-MM-DD: who held each role at each authority on a date, and how that is known.

Evidence, strongest first (never an invented start or end):
1. "stated tenure": the text states a start on or before the date and an end on or after it;
2. "stated start, still attested later": a stated start on or before, and an attestation on or after;
3. "attested on the date" / "attested N days before/after": a document dated within WINDOW_DAYS
   shows the role held (the nearer, the better);
4. "stated start, no later evidence": a stated start on or before the date and nothing after it.
A coarse date (month, year) counts only when the whole period lies on the right side of the date.

One authority at a time (``?authority=<slug or IRI>``), or PAGE_SIZE of them in name order
(``?page=``), with a chooser of every authority that has role holdings. Every query after the
chooser's is anchored on the shown authorities' IRIs (VALUES), so the page costs what those
authorities cost, however many others the graph holds.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict

from flask import Blueprint, current_app, render_template, request
from rdflib import URIRef

from web.rdfutil import PREFIXES, fallback_label, local_href, text_rows, values
from web.render import Describer
from web.timeline import holdings_evidence

bp = Blueprint("asof", __name__)
WINDOW_DAYS = 92
PAGE_SIZE = 10  # authorities on one page when none is chosen: a screenful of tables, a handful of queries


def classify(h: dict, day: dt.date, window: int = WINDOW_DAYS) -> tuple[int, str, list] | None:
    """(strength rank, how it is known, quote IRIs) for one holding on ``day``, or None."""
    start, end = h["start"], h["end"]
    if start and start[0].end > day:
        return None           # began after the date
    if end and end[0].start < day:
        return None           # ended before the date
    after = [a for a in h["attested"] if a[0].start >= day]
    near = sorted(h["attested"], key=lambda a: abs((a[0].start - day).days))
    if start and end:
        return 0, f"stated tenure: from {start[0].text} to {end[0].text}", [start[1], end[1]]
    if start and after:
        a = min(after, key=lambda a: a[0].start)
        return 1, f"stated start {start[0].text}; still attested on {a[0].text}", [start[1], a[1]]
    if near and abs((near[0][0].start - day).days) <= window and near[0][0].precision == "day":
        a = near[0]
        n = (a[0].start - day).days
        how = ("attested on the date" if n == 0 else
               f"attested {abs(n)} day{'s' if abs(n) != 1 else ''} {'after' if n > 0 else 'before'} "
               f"(document of {a[0].text})")
        return 2, how, [a[1]]
    if start:
        return 3, f"stated start {start[0].text}; no later evidence", [start[1]]
    return None


def authority_index(store, base: str) -> list[dict]:
    """Every authority with role holdings: {iri, slug, label, count}, in name order (the chooser).

    The one query of the page that reads every authority (a chooser has to list them all), so
    it takes their labels too, in the order of web.rdfutil.labels: rdfs:label, skos:prefLabel,
    foaf:name, dcterms:title, the least of a kind.
    """
    rows = text_rows(store, PREFIXES + """SELECT ?a ?n (MIN(?l0) AS ?k0) (MIN(?l1) AS ?k1) (MIN(?l2) AS ?k2)
        (MIN(?l3) AS ?k3) WHERE {
          { SELECT ?a (COUNT(DISTINCT ?h) AS ?n) WHERE {
              ?h bvkg:post ?post . ?post org:postIn ?a ; org:role ?r FILTER(isIRI(?a)) } GROUP BY ?a }
          OPTIONAL { ?a rdfs:label ?l0 } OPTIONAL { ?a skos:prefLabel ?l1 }
          OPTIONAL { ?a foaf:name ?l2 } OPTIONAL { ?a dcterms:title ?l3 } } GROUP BY ?a ?n""")
    prefix = base + "id/authority/"
    out = [{"iri": r["a"], "slug": r["a"][len(prefix):] if r["a"].startswith(prefix) else r["a"],
            "label": next((r[k] for k in ("k0", "k1", "k2", "k3") if r.get(k)), fallback_label(r["a"])),
            "count": int(r["n"])} for r in rows]
    return sorted(out, key=lambda a: (name_order(a["label"]), a["iri"]))


def name_order(label: str) -> list:
    """Sort key that reads numbers as numbers: "Authority 2" before "Authority 10"."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", label.casefold())]


def find_authority(index: list[dict], wanted: str) -> dict | None:
    """The chooser's entry for a slug or a full IRI; only IRIs the store gave ever reach a query."""
    return next((a for a in index if wanted in (a["slug"], a["iri"])), None)


def as_of(store, day: dt.date, base: str, window: int = WINDOW_DAYS, authorities=None) -> list[dict]:
    """Authorities -> posts -> candidate holders with evidence; posts with no holder say so.

    ``authorities``: the IRIs to show (default: every one, for callers outside the page).
    """
    d = Describer(store, base)
    if authorities is None:
        hs = holdings_evidence(store, d=d)
    else:
        authorities = sorted(set(authorities))
        posts = [r["post"] for r in text_rows(store, PREFIXES + f"""SELECT DISTINCT ?post WHERE {{
            {values("a", authorities)} ?post org:postIn ?a FILTER(isIRI(?post)) }}""")] if authorities else []
        hs = holdings_evidence(store, posts=posts, d=d) if posts else {}
    by_post: dict[str, list] = defaultdict(list)
    for iri, h in hs.items():
        if h["authority"] and h["role"]:
            by_post[h["post"]].append((iri, h))
    statutory = _statutory(store, {h["role"] for items in by_post.values() for _, h in items})
    d.prefetch_labels({URIRef(x) for h in hs.values()
                       for x in (h["post"], h["authority"], h["role"], h["member"], h["capacity"]) if x})
    quote_iris = {q for h in hs.values() for a in h["attested"] + [h["start"] or (None, None), h["end"] or (None, None)]
                  for q in [a[1]] if q}
    quotes = d.quotes(quote_iris)
    auths: dict[str, dict] = {}
    for post, items in by_post.items():
        first = items[0][1]
        a = auths.setdefault(first["authority"], {"iri": first["authority"], "label": d.label(first["authority"]),
                                                  "href": local_href(first["authority"], base), "posts": []})
        holders, nearest = [], []
        for iri, h in items:
            c = classify(h, day, window)
            who = d.label(h["member"]) if h["member"] else "Unnamed holder"
            if c:
                holders.append({"rank": c[0], "how": c[1], "who": who,
                                "who_href": local_href(h["member"], base) if h["member"] else None,
                                "capacity": d.label(h["capacity"]) if h["capacity"] else "",
                                "holding_href": local_href(iri, base),
                                "quotes": [quotes[q] for q in dict.fromkeys(c[2]) if q and q in quotes]})
            for w, _q in h["attested"]:
                nearest.append((abs((w.start - day).days), w.text, who))
        holders.sort(key=lambda x: (x["rank"], x["who"]))
        a["posts"].append({"label": d.label(first["role"]), "href": local_href(post, base),
                           "statutory": first["role"] in statutory, "holders": holders,
                           "nearest": [f"{who} attested {text}" for _, text, who in sorted(nearest)[:2]]})
    out = sorted(auths.values(), key=lambda a: (name_order(a["label"]), a["iri"]))
    for a in out:
        a["posts"].sort(key=lambda p: (not p["statutory"], p["label"]))
    return out


def _statutory(store, roles) -> set[str]:
    """Which of these roles have a statutory basis (asked of the roles, not of every role)."""
    roles = sorted(roles)
    if not roles:
        return set()
    return {r["r"] for r in text_rows(store, PREFIXES + f"""SELECT DISTINCT ?r WHERE {{
        {values('r', roles)} ?r bvkg:statutoryBasis ?b }}""")}


@bp.route("/as-of")
def as_of_page():
    ctx = current_app.extensions["bvkg"]
    store = ctx.store()
    raw = (request.args.get("date") or "").strip()
    wanted = (request.args.get("authority") or "").strip()
    day, error, status = None, None, 200
    try:
        window = int(request.args.get("window") or WINDOW_DAYS)
        if not 0 <= window <= 366:
            raise ValueError
    except ValueError:
        window, error = WINDOW_DAYS, "The window is a number of days from 0 to 366."
    if raw:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            error = "Give the date as YYYY-MM-DD, for example 2024-11-25."
    index = authority_index(store, ctx.base)
    chosen, page, pages = _shown(index, wanted, request.args.get("page"))
    if wanted and chosen is None:
        status = 404
    elif page is None:
        error, status = error or f"The page is a number from 1 to {pages}.", 400
    if error:
        status = 400
    result = as_of(store, day, ctx.base, window, [a["iri"] for a in chosen]) if day and chosen and not error else []
    return render_template("asof.html", raw=raw, day=day, error=error, authorities=result, window=window,
                           index=index, wanted=wanted, chosen=chosen, page=page, pages=pages,
                           page_size=PAGE_SIZE, slugs={a["iri"]: a["slug"] for a in index}), status


def _shown(index: list[dict], wanted: str, page_arg: str | None) -> tuple[list[dict] | None, int | None, int]:
    """(the authorities to show, the page number, how many pages): one chosen authority, or a page
    of PAGE_SIZE in name order. None for an unknown authority or a page that does not exist."""
    pages = max(1, -(-len(index) // PAGE_SIZE))
    if wanted:
        found = find_authority(index, wanted)
        return ([found] if found else None), 1, 1
    try:
        page = int(page_arg or 1)
    except ValueError:
        page = 0
    if not 1 <= page <= pages:
        return [], None, pages
    return index[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], page, pages
