"""/as-of?date=YYYY-MM-DD: who held each role at each authority on a date, and how that is known.

Evidence, strongest first (never an invented start or end):
1. "stated tenure": the text states a start on or before the date and an end on or after it;
2. "stated start, still attested later": a stated start on or before, and an attestation on or after;
3. "attested on the date" / "attested N days before/after": a document dated within WINDOW_DAYS
   shows the role held (the nearer, the better);
4. "stated start, no later evidence": a stated start on or before the date and nothing after it.
A coarse date (month, year) counts only when the whole period lies on the right side of the date.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from flask import Blueprint, current_app, render_template, request
from rdflib import URIRef

from web.rdfutil import PREFIXES, local_href
from web.render import Describer
from web.timeline import holdings_evidence

bp = Blueprint("asof", __name__)
WINDOW_DAYS = 92


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


def as_of(store, day: dt.date, base: str, window: int = WINDOW_DAYS) -> list[dict]:
    """Authorities -> posts -> candidate holders with evidence; posts with no holder say so."""
    hs = holdings_evidence(store)
    by_post: dict[str, list] = defaultdict(list)
    for iri, h in hs.items():
        if h["authority"] and h["role"]:
            by_post[h["post"]].append((iri, h))
    statutory = {str(r["r"]) for r in store.select(PREFIXES + "SELECT DISTINCT ?r WHERE { ?r bvkg:statutoryBasis ?b }").rows}
    d = Describer(store, base)
    d.prefetch_labels({URIRef(x) for h in hs.values()
                       for x in (h["post"], h["authority"], h["role"], h["member"], h["capacity"]) if x})
    quote_iris = {q for h in hs.values() for a in h["attested"] + [h["start"] or (None, None), h["end"] or (None, None)]
                  for q in [a[1]] if q}
    quotes = d.quotes(quote_iris)
    auths: dict[str, dict] = {}
    for post, items in by_post.items():
        first = items[0][1]
        a = auths.setdefault(first["authority"], {"label": d.label(first["authority"]),
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
    out = sorted(auths.values(), key=lambda a: a["label"])
    for a in out:
        a["posts"].sort(key=lambda p: (not p["statutory"], p["label"]))
    return out


@bp.route("/as-of")
def as_of_page():
    ctx = current_app.extensions["bvkg"]
    raw = (request.args.get("date") or "").strip()
    day, error, result = None, None, []
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
    if day and not error:
        result = as_of(ctx.store(), day, ctx.base, window)
    status = 400 if error else 200
    return render_template("asof.html", raw=raw, day=day, error=error, authorities=result,
                           window=window), status
