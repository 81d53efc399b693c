"""SHACL validation of the built graph (pyshacl with ontology/shapes.ttl).

A report names each failing node and the rule it breaks. Shapes follow links from facts to quotes
to paragraphs, and see the ontology's rdfs:subClassOf triples, which live in the vocab graph.

Scale: pyshacl needs an rdflib graph, and an rdflib copy of a 1.5M-triple union took 8 GB. So a
store is validated in batches of focus nodes (``VALIDATE_BATCH`` nodes each): a batch's data graph
holds what its shapes can read — the triples of each focus node, followed as many hops as the
deepest property path of the shapes needs, the rdf:type of the nodes reached, and every
rdfs:subClassOf triple — and only the results for the batch's own focus nodes are kept (other
nodes in it are seen partially and are checked in their own batch). Memory is bounded by the batch,
time is linear in the graph, and the answer is the whole-graph answer (a test checks that).
`reach` works out the hops from the shapes and refuses paths it cannot bound (sequence, inverse,
transitive): a shapes file using them is validated whole, as before.

Trap: pyshacl runs SHACL-SPARQL constraints (sh:sparql / sh:select) on rdflib's SPARQL engine,
once per focus node; on the real corpus that took over ten minutes where the core shapes took
15 s. So pyshacl checks the core constraints, and each sh:select runs once on Oxigraph with $this
free: rows whose $this is a target of the shape are the violations (the same answer as
pre-binding $this, since these queries only read). A query that never reads $this (a corpus-wide
check on a placeholder sh:targetNode) reports its ?value as the failing node.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
import rdflib.collection
from rdflib.namespace import RDF, RDFS, SH, NamespaceManager, split_uri

from bvkg import settings
from graph.store import has_default_graph, query_oxigraph, to_rdflib
from ontology import shapes_path

RDF_TYPE = ox.NamedNode(str(RDF.type))
RDFS_SUBCLASS = ox.NamedNode(str(RDFS.subClassOf))


@dataclass(frozen=True)
class Violation:
    node: str            # the focus node that fails
    message: str         # the shape's own words (sh:message), naming the rule
    shape: str           # the shape (or property shape's parent) that fired
    path: str | None = None
    value: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f" (path {self.path})" if self.path else ""
        val = f" [value {self.value}]" if self.value is not None else ""
        return f"{self.node}: {self.message}{where}{val} — shape {self.shape}"


@dataclass
class Report:
    conforms: bool
    text: str
    violations: list[Violation] = field(default_factory=list)


def load_shapes(path: str | Path | None = None) -> rdflib.Graph | None:
    """The SHACL shapes graph, or None when the shapes file does not exist."""
    p = Path(path) if path else shapes_path()
    if not p.exists():
        return None
    g = rdflib.Graph()
    g.parse(p, format="turtle")
    return g


def validate_graph(g: rdflib.Graph, shapes: rdflib.Graph | str | Path | None = None,
                   sparql_store=None) -> Report:
    """Validate one rdflib graph (facts, their quotes and paragraphs, and the ontology if types matter)."""
    shapes_graph = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
    if shapes_graph is None:
        return _no_shapes(shapes)
    if sparql_store is None:
        from graph.store import OxigraphStore
        sparql_store = OxigraphStore()
        sparql_store.add_quads((s, p, o, None) for s, p, o in g)
    found = _core_violations(g, shapes_graph) + _sparql_violations(sparql_store, shapes_graph)
    return _report(found, len(g))


def validate_store(store, shapes: rdflib.Graph | str | Path | None = None, batch: int | None = None) -> Report:
    """Validate the union of every graph in a Store (see graph/store.py), in batches of focus nodes."""
    shapes_graph = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
    if shapes_graph is None:
        return _no_shapes(shapes)
    raw = getattr(store, "raw", None)
    try:
        hops = reach(shapes_graph)
    except Unbounded:
        hops = None
    if not callable(raw) or hops is None:  # a remote store, or shapes a batch cannot bound: the whole union
        g = rdflib.Graph()
        for s, p, o, _ in store.quads():
            g.add((s, p, o))
        return validate_graph(g, shapes_graph, sparql_store=store)
    st = raw()
    size = batch or settings.get("VALIDATE_BATCH")
    found: list[Violation] = []
    focus = _focus_nodes(st, shapes_graph)
    subclass = list(st.quads_for_pattern(None, RDFS_SUBCLASS, None, _graph(st)))
    for i in range(0, len(focus), size):
        chunk = focus[i:i + size]
        keep = {str(to_rdflib(n)) for n in chunk}
        data = _neighbourhood(st, chunk, hops, subclass)
        found += [v for v in _core_violations(data, shapes_graph) if v.node in keep]
        del data
    found += _sparql_violations(store, shapes_graph)
    return _report(found, _distinct_triples(st))


def _no_shapes(shapes) -> Report:
    return Report(False, f"no SHACL shapes at {shapes or shapes_path()}: the graph was not validated")


def _report(found: list[Violation], triples: int) -> Report:
    violations = sorted(set(found), key=lambda v: (v.node, v.shape, v.message, v.value or ""))
    errors = [v for v in violations if v.severity == "Violation"]
    if not errors:
        extra = f" ({len(violations)} warnings)" if violations else ""
        return Report(True, f"conforms: {triples} triples checked against the SHACL shapes{extra}", violations)
    lines = [f"{len(errors)} SHACL violation{'s' if len(errors) != 1 else ''}:"] + [f"  {v}" for v in errors]
    return Report(False, "\n".join(lines), violations)


def _core_violations(g: rdflib.Graph, shapes_graph: rdflib.Graph) -> list[Violation]:
    """pyshacl over the core constraints (the SPARQL ones run on Oxigraph: see the module's trap note)."""
    import pyshacl

    core = rdflib.Graph()
    core += shapes_graph
    core.remove((None, SH.sparql, None))
    _, results, _ = pyshacl.validate(g, shacl_graph=core, inference="none", abort_on_first=False,
                                     allow_warnings=True, meta_shacl=False)
    return _violations(results, shapes_graph)


# ---------------------------------------------------------------- batches of focus nodes

class Unbounded(ValueError):
    """A shape reads further than a fixed number of predicate hops from its focus node."""


_LOGICAL = (SH["or"], SH.xone, SH["and"])
_NESTED = (SH.node, SH["not"], SH.qualifiedValueShape)
_PAIRWISE = (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals)


def reach(shapes: rdflib.Graph) -> int:
    """How many subject hops from a focus node the shapes read (types of the last nodes included).

    A property shape with a predicate path reads one hop, plus what the shapes on its values read;
    sh:class on a node reads only its types, which every batch includes for the nodes it reaches.
    """
    roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for target in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        roots |= set(shapes.subjects(target, None))
    return max((_node_reach(shapes, r, ()) for r in roots), default=0)


def _node_reach(shapes: rdflib.Graph, shape, seen: tuple) -> int:
    if shape in seen:
        raise Unbounded(f"shape {shape} refers to itself")
    seen = seen + (shape,)
    if shapes.value(shape, SH.path) is not None:
        return _property_reach(shapes, shape, seen)
    need = 1 if any(shapes.value(shape, p) is not None for p in _PAIRWISE) else 0
    if shapes.value(shape, SH.closed) == rdflib.Literal(True):
        need = max(need, 1)
    for prop in shapes.objects(shape, SH.property):
        need = max(need, _property_reach(shapes, prop, seen))
    return max([need] + [_node_reach(shapes, m, seen) for m in _members(shapes, shape)])


def _property_reach(shapes: rdflib.Graph, prop, seen: tuple) -> int:
    path = shapes.value(prop, SH.path)
    if not isinstance(path, rdflib.URIRef):
        raise Unbounded(f"property shape {prop} has a path that is not one predicate")
    values = [_node_reach(shapes, m, seen) for m in _members(shapes, prop)]
    values += [_property_reach(shapes, q, seen) for q in shapes.objects(prop, SH.property)]
    return 1 + max(values, default=0)


def _members(shapes: rdflib.Graph, shape) -> list:
    """Shapes applied to the same value nodes: sh:node, sh:not, qualified shapes, and/or/xone lists."""
    out = [m for p in _NESTED for m in shapes.objects(shape, p)]
    for p in _LOGICAL:
        for lst in shapes.objects(shape, p):
            out += list(rdflib.collection.Collection(shapes, lst))
    return out


def _graph(st: ox.Store):
    """The default graph when the build materialised the union there, else every graph (tests, hand loads)."""
    return ox.DefaultGraph() if has_default_graph(st) else None


def _focus_nodes(st: ox.Store, shapes: rdflib.Graph) -> list:
    """Every node some shape targets, once, in a fixed order."""
    nodes: set = set()
    for shape in set(shapes.subjects(SH.targetClass, None)) | set(shapes.subjects(SH.targetSubjectsOf, None)) \
            | set(shapes.subjects(SH.targetObjectsOf, None)) | set(shapes.subjects(SH.targetNode, None)):
        nodes |= {ox.NamedNode(str(n)) for n in shapes.objects(shape, SH.targetNode) if isinstance(n, rdflib.URIRef)}
        for sparql in _target_queries(shapes, shape):
            nodes |= {sol["x"] for sol in query_oxigraph(st, sparql)}
    return sorted(nodes, key=str)


def _target_queries(shapes: rdflib.Graph, shape) -> list[str]:
    out = [f"SELECT DISTINCT ?x WHERE {{ ?x a/<{RDFS.subClassOf}>* <{c}> }}"
            for c in shapes.objects(shape, SH.targetClass)]
    out += [f"SELECT DISTINCT ?x WHERE {{ ?x <{p}> ?o }}" for p in shapes.objects(shape, SH.targetSubjectsOf)]
    out += [f"SELECT DISTINCT ?x WHERE {{ ?s <{p}> ?x }}" for p in shapes.objects(shape, SH.targetObjectsOf)]
    return out


class _PlainNames(NamespaceManager):
    """rdflib's namespace manager, minus the record of every namespace it has written.

    pyshacl writes a text description of every result it makes (also the many it makes and drops
    inside sh:or and qualified value shapes) through ``normalizeUri``. rdflib's adds each new
    namespace to a trie whose insert walks every top-level key, so a batch cost the square of the
    namespaces it names (one per document, post, holding...): on x10, pyshacl's CPU fell from 28.0
    to 23.7 s without it. The text is the same: a namespace with no prefix is written ``<iri>``.
    """

    def normalizeUri(self, rdfTerm: str) -> str:  # noqa: N802, N803 — rdflib's name
        try:
            namespace = split_uri(rdfTerm)[0]
        except ValueError:
            return super().normalizeUri(rdfTerm)
        if isinstance(rdfTerm, rdflib.URIRef) and self.store.prefix(rdflib.URIRef(namespace)) is None:
            return f"<{rdfTerm}>"
        return super().normalizeUri(rdfTerm)


def _neighbourhood(st: ox.Store, nodes: list, hops: int, subclass: list) -> rdflib.Graph:
    """The data a batch's shapes can read: ``hops`` rounds of subject triples, then types, then subclasses."""
    g = rdflib.Graph()
    g.namespace_manager = _PlainNames(g)
    graph = _graph(st)
    frontier, seen = list(nodes), set(nodes)
    for _ in range(hops):
        reached = []
        for node in frontier:
            for q in st.quads_for_pattern(node, None, None, graph):
                g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
                if not isinstance(q.object, ox.Literal) and q.object not in seen:
                    seen.add(q.object)
                    reached.append(q.object)
        frontier = reached
    for node in frontier:
        for q in st.quads_for_pattern(node, RDF_TYPE, None, graph):
            g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    for q in subclass:
        g.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return g


def _distinct_triples(st: ox.Store) -> int:
    sparql = ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" if has_default_graph(st)
              else "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    return int(next(iter(query_oxigraph(st, sparql)))["n"].value)


def _violations(results: rdflib.Graph, shapes: rdflib.Graph) -> list[Violation]:
    out = []
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        shape = results.value(r, SH.sourceShape)
        # A property shape is a blank node: name the node shape that holds it instead.
        if isinstance(shape, rdflib.BNode):
            parent = shapes.value(None, SH.property, shape)
            shape = parent if parent is not None else shape
        msg = results.value(r, SH.resultMessage)
        path = results.value(r, SH.resultPath)
        value = results.value(r, SH.value)
        sev = results.value(r, SH.resultSeverity)
        out.append(Violation(
            node=str(results.value(r, SH.focusNode)),
            message=str(msg) if msg is not None else "constraint failed",
            shape=_short(shapes, shape),
            path=_short(shapes, path) if path is not None else None,
            value=str(value) if value is not None else None,
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
        ))
    return out


def _targets(store, shapes: rdflib.Graph, shape) -> set:
    """Focus nodes of a shape (targetClass with subclasses, targetNode, targetSubjectsOf/ObjectsOf)."""
    nodes: set = set(shapes.objects(shape, SH.targetNode))
    for sparql in _target_queries(shapes, shape):
        nodes |= {r["x"] for r in store.select(sparql).rows}
    return nodes


def _prefix_lines(shapes: rdflib.Graph, constraint) -> str:
    lines = []
    for onto in shapes.objects(constraint, SH.prefixes):
        for decl in shapes.objects(onto, SH.declare):
            lines.append(f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>")
    return "\n".join(sorted(set(lines))) + "\n"


def _sparql_violations(store, shapes: rdflib.Graph) -> list[Violation]:
    """Each SHACL-SPARQL sh:select once over the whole store (see the module's trap note)."""
    out = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        if shapes.value(constraint, SH.deactivated) == rdflib.Literal(True):
            continue
        query = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        msg = shapes.value(constraint, SH.message) or shapes.value(shape, SH.message)
        targets = _targets(store, shapes, shape)
        for row in store.select(_prefix_lines(shapes, constraint) + query).rows:
            if "this" in row:
                if row["this"] not in targets:
                    continue
                node, value = row["this"], row.get("value")
            elif targets:
                # A corpus-wide check (sh:targetNode is a placeholder and the WHERE never reads
                # $this): every row fails that placeholder, and the failing data node is ?value.
                node, value = row.get("value", next(iter(targets))), None
            else:
                continue
            out.append(Violation(
                node=str(node), message=str(msg) if msg is not None else "SPARQL constraint failed",
                shape=_short(shapes, shape), path=_short(shapes, row["path"]) if "path" in row else None,
                value=str(value) if value is not None else None))
    return out


def _short(g: rdflib.Graph, term) -> str:
    if isinstance(term, rdflib.URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 — a name that cannot be shortened is shown in full
            return str(term)
    return str(term)
