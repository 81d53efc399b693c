"""The ontology as one self-contained HTML page (served at /ontology).

Each bvkg term gets an element whose id is its local name, so the term's IRI
(https://w3id.org/bvkg/ontology#RoleHolding) lands on its entry. Written from the graphs, not by
hand, so the page cannot drift from bvkg.ttl or the vocabulary data.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ontology.namespaces import BVKG, DCTERMS, ONTOLOGY_IRI, OWL, PREFIXES, RDF, RDFS, SKOS
from ontology.skos import ontology_graph, vocab_graph

_NS = str(BVKG._NS)

_CSS = """
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1b}
code{font-size:.9em;background:#f3f3f3;padding:0 .2em}
article{border-top:1px solid #ddd;padding:.5rem 0}
article:target{background:#fff8d6}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{font-weight:600}
dd{margin:0}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}
ul.tree ul{margin:0;padding-left:1.2rem}
"""


def _curie(iri: URIRef) -> str:
    s = str(iri)
    for prefix, ns in PREFIXES.items():
        if s.startswith(ns) and len(s) > len(ns):
            return f"{prefix}:{s[len(ns):]}"
    return s


def _local(iri: URIRef) -> str | None:
    s = str(iri)
    return s[len(_NS):] if s.startswith(_NS) else None


@lru_cache(maxsize=1)
def _reused_classes() -> frozenset[URIRef]:
    """External classes bvkg.ttl declares (and so documents in its 'Reused classes' section)."""
    g = ontology_graph()
    return frozenset(c for c in g.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and not _local(c))


def _anchor(iri: URIRef) -> str | None:
    """'RoleHolding' for bvkg:RoleHolding (its IRI's fragment); 'org-Post' for a reused class."""
    local = _local(iri)
    if local:
        return local
    if iri in _reused_classes():
        return _curie(iri).replace(":", "-")
    return None


def _link(iri: URIRef) -> str:
    """Terms documented here link to their entry on this page; others to their own IRI."""
    anchor = _anchor(iri)
    href = f"#{anchor}" if anchor else str(iri)
    return f'<a href="{escape(href)}"><code>{escape(_curie(iri))}</code></a>'


def _text(g: Graph, node: URIRef, prop: URIRef) -> str:
    values = sorted(str(o) for o in g.objects(node, prop) if isinstance(o, Literal))
    return values[0] if values else ""


def _class_expr(g: Graph, node) -> str:
    """A named class, or an owl:unionOf as 'A or B'."""
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        if union is not None:
            return " or ".join(_class_expr(g, m) for m in Collection(g, union))
        return "(anonymous class)"
    return _link(node)


def _terms(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted((t for t in g.subjects(RDF.type, kind) if _local(t)), key=lambda t: _local(t).lower())


def _tree(g: Graph, root: URIRef, seen: frozenset = frozenset()) -> str:
    children = sorted(g.subjects(RDFS.subClassOf, root), key=str)
    inner = "".join(f"<li>{_tree(g, c, seen | {root})}</li>" for c in children
                    if isinstance(c, URIRef) and c not in seen)
    label = _text(g, root, RDFS.label)
    head = _link(root) + (f" {escape(label)}" if label and _local(root) else "")
    return head + (f"<ul>{inner}</ul>" if inner else "")


def _hierarchy(g: Graph) -> str:
    classes = set(g.subjects(RDF.type, OWL.Class))
    roots = sorted((c for c in classes if isinstance(c, URIRef)
                    and not any(isinstance(p, URIRef) for p in g.objects(c, RDFS.subClassOf))), key=str)
    # Only trees that hold at least one bvkg class are worth showing.
    shown = [r for r in roots if any(_local(d) for d in g.transitive_subjects(RDFS.subClassOf, r))]
    return '<ul class="tree">' + "".join(f"<li>{_tree(g, r)}</li>" for r in shown) + "</ul>"


def _dl(rows: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows if v) + "</dl>"


def _class_article(g: Graph, c: URIRef) -> str:
    local = _local(c)
    supers = ", ".join(_class_expr(g, s) for s in sorted(g.objects(c, RDFS.subClassOf), key=str))
    subs = ", ".join(_link(s) for s in sorted(g.subjects(RDFS.subClassOf, c), key=str))
    with_domain = ", ".join(_link(p) for p in sorted(g.subjects(RDFS.domain, c), key=str))
    with_range = ", ".join(_link(p) for p in sorted(g.subjects(RDFS.range, c), key=str))
    return (f'<article id="{escape(local)}"><h3>{escape(_text(g, c, RDFS.label))} <code>bvkg:{escape(local)}</code></h3>'
            f"<p>{escape(_text(g, c, RDFS.comment))}</p>"
            + _dl([("IRI", f"<code>{escape(str(c))}</code>"), ("Subclass of", supers), ("Subclasses", subs),
                   ("Properties with this domain", with_domain), ("Range of", with_range)])
            + "</article>")


def _property_article(g: Graph, p: URIRef) -> str:
    local = _local(p)
    domain = " ; ".join(_class_expr(g, d) for d in g.objects(p, RDFS.domain)) or "(any)"
    rng = " ; ".join(_class_expr(g, r) for r in g.objects(p, RDFS.range)) or "(any)"
    inverse = ", ".join(_link(i) for i in list(g.objects(p, OWL.inverseOf)) + list(g.subjects(OWL.inverseOf, p)))
    return (f'<article id="{escape(local)}"><h3>{escape(_text(g, p, RDFS.label))} <code>bvkg:{escape(local)}</code></h3>'
            f"<p>{escape(_text(g, p, RDFS.comment))}</p>"
            + _dl([("IRI", f"<code>{escape(str(p))}</code>"), ("Domain", domain), ("Range", rng),
                   ("Inverse", inverse)])
            + "</article>")


def _reused_article(g: Graph, c: URIRef) -> str:
    subs = ", ".join(_link(s) for s in sorted(g.subjects(RDFS.subClassOf, c), key=str))
    return (f'<article id="{escape(_anchor(c))}"><h3>{escape(_text(g, c, RDFS.label))} <code>{escape(_curie(c))}</code></h3>'
            f"<p>{escape(_text(g, c, RDFS.comment))}</p>"
            + _dl([("IRI", f'<a href="{escape(str(c))}"><code>{escape(str(c))}</code></a>'), ("Subclasses", subs)])
            + "</article>")


def _schemes(v: Graph) -> str:
    out = []
    for scheme in sorted(v.subjects(RDF.type, SKOS.ConceptScheme), key=str):
        sid = "scheme-" + str(scheme).rstrip("/").rsplit("/", 1)[-1]
        rows = []
        concepts = sorted(v.subjects(SKOS.inScheme, scheme), key=lambda c: _text(v, c, SKOS.prefLabel).lower())
        for c in concepts:
            alts = ", ".join(escape(a) for a in sorted(str(x) for x in v.objects(c, SKOS.altLabel)))
            broader = ", ".join(escape(_text(v, b, SKOS.prefLabel)) for b in v.objects(c, SKOS.broader))
            basis = ", ".join(f'<a href="{escape(str(b))}">{escape(_text(v, b, RDFS.label) or str(b))}</a>'
                              for b in v.objects(c, BVKG.statutoryBasis))
            rows.append(f"<tr><td>{escape(_text(v, c, SKOS.prefLabel))}</td><td><code>{escape(str(c))}</code></td>"
                        f"<td>{alts}</td><td>{broader}</td><td>{basis}</td></tr>")
        out.append(f'<article id="{escape(sid)}"><h3>{escape(_text(v, scheme, SKOS.prefLabel))}</h3>'
                   f"<p><code>{escape(str(scheme))}</code></p>"
                   "<table><thead><tr><th>Concept</th><th>IRI</th><th>Alternative labels</th><th>Broader</th>"
                   "<th>Statutory basis</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></article>")
    return "".join(out)


def _legislation(v: Graph) -> str:
    items = sorted(v.subjects(RDF.type, BVKG.LegislationProvision), key=str)
    rows = "".join(f'<tr><td><a href="{escape(str(i))}">{escape(_text(v, i, RDFS.label))}</a></td>'
                   f"<td>{escape(_text(v, i, RDFS.comment))}</td></tr>" for i in items)
    return "<table><thead><tr><th>Provision</th><th>About</th></tr></thead><tbody>" + rows + "</tbody></table>"


@lru_cache(maxsize=4)  # the page depends only on files shipped with the package (0.2-0.3 s to build)
def render_ontology_html(base: str = "https://w3id.org/bvkg/") -> str:
    """The whole page; `base` is where the vocabulary concepts' IRIs are minted (BASE_IRI)."""
    g = ontology_graph()
    v = vocab_graph(base)
    onto = URIRef(ONTOLOGY_IRI)
    classes = _terms(g, OWL.Class)
    obj_props = _terms(g, OWL.ObjectProperty)
    data_props = _terms(g, OWL.DatatypeProperty)
    title = _text(g, onto, DCTERMS.title) or "bvkg ontology"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><p>{escape(_text(g, onto, RDFS.comment))}</p>"
        + _dl([("Ontology IRI", f"<code>{escape(ONTOLOGY_IRI)}</code>"),
               ("Namespace", f"<code>{escape(_NS)}</code> (prefix <code>bvkg:</code>)"),
               ("Version", escape(_text(g, onto, OWL.versionInfo)))])
        + '<nav aria-label="Contents"><ul><li><a href="#classes">Classes</a></li>'
          '<li><a href="#object-properties">Object properties</a></li>'
          '<li><a href="#datatype-properties">Datatype properties</a></li>'
          '<li><a href="#reused-classes">Reused classes</a></li>'
          '<li><a href="#concept-schemes">Concept schemes</a></li>'
          '<li><a href="#legislation">Legislation</a></li></ul></nav></header><main>'
        '<section id="classes"><h2>Classes</h2><h3>Hierarchy</h3>' + _hierarchy(g)
        + "".join(_class_article(g, c) for c in classes) + "</section>"
        '<section id="object-properties"><h2>Object properties</h2>'
        + "".join(_property_article(g, p) for p in obj_props) + "</section>"
        '<section id="datatype-properties"><h2>Datatype properties</h2>'
        + "".join(_property_article(g, p) for p in data_props) + "</section>"
        '<section id="reused-classes"><h2>Reused classes</h2>'
        "<p>Classes of other vocabularies that bvkg data uses, declared in the ontology so that it loads "
        "without fetching anything.</p>"
        + "".join(_reused_article(g, c) for c in sorted(_reused_classes(), key=_curie)) + "</section>"
        '<section id="concept-schemes"><h2>Concept schemes</h2>' + _schemes(v) + "</section>"
        '<section id="legislation"><h2>Legislation</h2>' + _legislation(v) + "</section>"
        "</main></body></html>\n"
    )
