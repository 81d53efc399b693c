"""/directions: each Direction item, its deadline, and later documents that report on it.

Deadline: the item's bvkg:deadline when the graph has one, else the Direction's date plus the
item's bvkg:deadlineDuration (computed here and marked "computed").
Reporting heuristic (from the graph only): a document dated after the Direction reports on an item
when one of its paragraphs mentions the item or the Direction (bvkg:mentions), or is about one of
the item's themes (dcterms:subject). Each match names its reason and links its paragraph.
"""
from __future__ import annotations

from collections import defaultdict

from flask import Blueprint, current_app, render_template
from rdflib import URIRef

from web.rdfutil import PREFIXES, add_duration, duration_words, human_date, local_href, parse_when, values
from web.render import Describer

bp = Blueprint("directions", __name__)


def directions(store, base: str) -> list[dict]:
    rows = store.select(PREFIXES + """SELECT DISTINCT ?dir ?item ?date ?status WHERE {
        ?dir a bvkg:Direction . OPTIONAL { ?dir bvkg:hasItem ?item }
        OPTIONAL { ?dir dcterms:date ?date } OPTIONAL { ?dir bvkg:status ?status } }""").rows
    d = Describer(store, base)
    dirs: dict[str, dict] = {}
    for r in rows:
        x = dirs.setdefault(str(r["dir"]), {"iri": str(r["dir"]), "date": str(r.get("date", "")),
                                            "status": str(r.get("status", "")), "items": []})
        if "item" in r and str(r["item"]) not in x["items"]:
            x["items"].append(str(r["item"]))
    d.load(list(dirs) + [i for x in dirs.values() for i in x["items"]])
    d.prefetch_labels({o for s in d.props for vs in d.props[s].values() for o in vs if isinstance(o, URIRef)}
                      | {URIRef(s) for s in d.props})
    reports = _reports(store, dirs)
    quotes = d.quotes({q for x in dirs for q in d.all(x, "http://www.w3.org/ns/prov#wasDerivedFrom")})
    out = []
    for x in sorted(dirs.values(), key=lambda x: (x["date"], x["iri"])):
        when = parse_when(x["date"])
        items = []
        for it in sorted(x["items"], key=lambda i: (len(str(d.one(i, "https://w3id.org/bvkg/ontology#itemLabel") or i)),
                                                    str(d.one(i, "https://w3id.org/bvkg/ontology#itemLabel") or i))):
            B = "https://w3id.org/bvkg/ontology#"
            dur = d.one(it, B + "deadlineDuration")
            stated = d.one(it, B + "deadline")
            deadline, computed = (human_date(stated), False) if stated is not None else (None, False)
            if deadline is None and dur is not None and when and when.precision == "day":
                day = add_duration(when.start, dur)
                deadline, computed = (f"{day.day} {day:%B %Y}", True) if day else (None, False)
            themes = [d.link(t) for t in d.all(it, "http://purl.org/dc/terms/subject")]
            items.append({"label": str(d.one(it, B + "itemLabel") or ""), "href": local_href(it, base),
                          "requirement": str(d.one(it, B + "requirement") or d.label(it)),
                          "within": duration_words(dur) if dur is not None else "",
                          "deadline": deadline, "computed": computed, "themes": themes,
                          "reporting": duration_words(d.one(it, B + "reportingInterval"))
                          if d.one(it, B + "reportingInterval") is not None else "",
                          "reports": reports.get(it, [])})
        out.append({"label": d.label(x["iri"]), "href": local_href(x["iri"], base), "status": x["status"],
                    "date": human_date(x["date"]) if x["date"] else "",
                    "addressed": [d.link(a) for a in d.all(x["iri"], "https://w3id.org/bvkg/ontology#addressedTo")],
                    "power": [d.link(a) for a in d.all(x["iri"], "https://w3id.org/bvkg/ontology#powerCited")],
                    "entries": items,
                    "quotes": [quotes[str(q)] for q in d.all(x["iri"], "http://www.w3.org/ns/prov#wasDerivedFrom")
                               if str(q) in quotes]})
    return out


def _reports(store, dirs: dict) -> dict[str, list]:
    """item -> later documents with the paragraphs that report on it, and why."""
    items = {i: x for x in dirs.values() for i in x["items"]}
    if not items:
        return {}
    q = PREFIXES + f"""SELECT DISTINCT ?item ?para ?why ?doc ?title ?date ?anchor ?num WHERE {{
        {values('item', list(items))}
        ?dir bvkg:hasItem ?item .
        {{ ?para bvkg:mentions ?item BIND("mentions this item" AS ?why) }}
        UNION {{ ?para bvkg:mentions ?dir BIND("mentions the Direction" AS ?why) }}
        UNION {{ ?item dcterms:subject ?theme . ?para dcterms:subject ?theme BIND("same theme" AS ?why) }}
        ?para dcterms:isPartOf ?doc . ?doc dcterms:date ?date .
        OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?para bvkg:anchor ?anchor }} OPTIONAL {{ ?para bvkg:number ?num }}
        OPTIONAL {{ ?para bvkg:position ?pos }}
    }}"""
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    for r in store.select(q).rows:
        item = str(r["item"])
        start = parse_when(items[item]["date"])
        when = parse_when(r["date"])
        if not start or not when or when.start <= start.end:
            continue  # only documents wholly after the Direction's date
        doc = str(r["doc"])
        entry = found[item].setdefault(doc, {"title": str(r.get("title") or doc), "href": doc,
                                             "date": when.text, "sort": when.start, "paras": []})
        p = {"href": str(r["para"]), "number": str(r.get("num") or r.get("anchor") or ""), "why": str(r["why"]),
             "pos": int(r["pos"]) if "pos" in r and str(r["pos"]).isdigit() else 10 ** 9}
        if not any(x["href"] == p["href"] for x in entry["paras"]):
            entry["paras"].append(p)
    for docs in found.values():
        for e in docs.values():
            e["paras"].sort(key=lambda p: (p["pos"], p["number"]))
    return {i: sorted(docs.values(), key=lambda e: e["sort"]) for i, docs in found.items()}


@bp.route("/directions")
def directions_page():
    ctx = current_app.extensions["bvkg"]
    data = directions(ctx.store(), ctx.base)
    # Directions with lettered items get a section each; the rest (a Direction a document refers to
    # without setting out its items) are listed once with the passage that mentions them.
    with_items = [x for x in data if x["entries"]]
    mentioned = [x for x in data if not x["entries"]]
    for x in data:
        for it in x["entries"]:
            for doc in it["reports"]:
                doc["href"] = local_href(doc["href"], ctx.base)
                for p in doc["paras"]:
                    p["href"] = local_href(p["href"], ctx.base)
    return render_template("directions.html", directions=with_items, mentioned=mentioned)
