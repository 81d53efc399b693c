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

from web.rdfutil import PREFIXES, add_duration, duration_words, human_date, local_href, parse_when, text_rows, values
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
    """item -> later documents with the paragraphs that report on it, and why.

    Each reason is its own query that starts from the items (or their Directions, or their
    themes), then the paragraphs found are placed in their documents by IRI; a paragraph found
    for two reasons keeps the first (mentions of the item, of the Direction, a shared theme).
    """
    items = {i: x for x in dirs.values() for i in x["items"]}
    if not items:
        return {}
    found = _mentions(store, "item", sorted(items), "mentions this item")
    of_dir = defaultdict(list)
    for x in dirs.values():
        for i in x["items"]:
            of_dir[x["iri"]].append(i)
    found += [(i, para, why) for d, para, why in _mentions(store, "dir", sorted(of_dir), "mentions the Direction")
              for i in of_dir[d]]
    themes = _pairs(store, sorted(items), "?item dcterms:subject ?x", "item")
    about = _pairs(store, sorted({t for ts in themes.values() for t in ts}), "?para dcterms:subject ?x", "x", "para")
    found += [(i, para, "same theme") for i in sorted(themes) for t in sorted(themes[i]) for para in sorted(about.get(t, ()))]
    placed = _placed(store, sorted({para for _, para, _ in found}))
    out: dict[str, dict[str, dict]] = defaultdict(dict)
    for item, para, why in found:
        start = parse_when(items[item]["date"])
        for doc, date, title, number in placed.get(para, ()):
            when = parse_when(date)
            if not start or not when or when.start <= start.end:
                continue  # only documents wholly after the Direction's date
            entry = out[item].setdefault(doc, {"title": title or doc, "href": doc, "date": when.text,
                                               "sort": when.start, "paras": []})
            if not any(x["href"] == para for x in entry["paras"]):
                entry["paras"].append({"href": para, "number": number, "why": why})
    for docs in out.values():
        for e in docs.values():
            e["paras"].sort(key=lambda p: p["number"])
    return {i: [e for _, e in sorted(docs.items(), key=lambda kv: (kv[1]["sort"], kv[0]))] for i, docs in out.items()}


def _chunks(iris: list, size: int = 300):
    return (iris[i:i + size] for i in range(0, len(iris), size))


def _mentions(store, var: str, iris: list, why: str) -> list[tuple[str, str, str]]:
    """(the IRI, paragraph, why) for every paragraph that mentions one of ``iris``."""
    out = []
    for chunk in _chunks(iris):
        rows = text_rows(store, PREFIXES + f"SELECT DISTINCT ?{var} ?para WHERE {{ {values(var, chunk)} "
                                           f"?para bvkg:mentions ?{var} }}")
        out += sorted((r[var], r["para"], why) for r in rows)
    return out


def _pairs(store, iris: list, pattern: str, key: str, other: str = "x") -> dict[str, set]:
    """key -> the other end of ``pattern``, for ``iris`` bound to ``?key``."""
    out: dict[str, set] = defaultdict(set)
    for chunk in _chunks(iris):
        for r in text_rows(store, PREFIXES + f"SELECT DISTINCT ?{key} ?{other} WHERE {{ {values(key, chunk)} {pattern} }}"):
            out[r[key]].add(r[other])
    return out


def _placed(store, paras: list) -> dict[str, list]:
    """paragraph -> [(document, date, title, number)]: its dated documents, the paragraph's number or anchor."""
    out: dict[str, list] = defaultdict(list)
    for chunk in _chunks(paras):
        rows = text_rows(store, PREFIXES + f"""SELECT DISTINCT ?para ?doc ?date ?title ?anchor ?num WHERE {{
            {values('para', chunk)} ?para dcterms:isPartOf ?doc . ?doc dcterms:date ?date .
            OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?para bvkg:anchor ?anchor }}
            OPTIONAL {{ ?para bvkg:number ?num }} }}""")
        best: dict[tuple, tuple] = {}
        for r in rows:  # one title and one number each (the least, when the graph has several)
            key = (r["para"], r["doc"], r["date"])
            cand = (r.get("title", ""), r.get("num") or r.get("anchor") or "")
            best[key] = min(best.get(key, cand), cand)
        for (para, doc, date), (title, number) in sorted(best.items()):
            out[para].append((doc, date, title, number))
    return out


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
