"""SHACL validation of the built graph (pyshacl with ontology/shapes.ttl).

The union of all named graphs is loaded into one rdflib Graph (fine at this corpus size): shapes
follow links from facts to quotes to paragraphs, and see the ontology's rdfs:subClassOf triples,
which live in the vocab graph. A report names each failing node and the rule it breaks.

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

import rdflib
from rdflib.namespace import SH

from ontology import shapes_path


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
    import pyshacl

    shapes_graph = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
    if shapes_graph is None:
        return Report(False, f"no SHACL shapes at {shapes or shapes_path()}: the graph was not validated")
    if sparql_store is None:
        from graph.store import OxigraphStore
        sparql_store = OxigraphStore()
        sparql_store.add_quads((s, p, o, None) for s, p, o in g)
    core = rdflib.Graph()
    core += shapes_graph
    core.remove((None, SH.sparql, None))
    conforms, results, _ = pyshacl.validate(g, shacl_graph=core, inference="none",
                                            abort_on_first=False, allow_warnings=True, meta_shacl=False)
    found = _violations(results, shapes_graph) + _sparql_violations(sparql_store, shapes_graph)
    violations = sorted(set(found), key=lambda v: (v.node, v.shape, v.message, v.value or ""))
    errors = [v for v in violations if v.severity == "Violation"]
    if not errors:
        extra = f" ({len(violations)} warnings)" if violations else ""
        return Report(True, f"conforms: {len(g)} triples checked against the SHACL shapes{extra}", violations)
    lines = [f"{len(errors)} SHACL violation{'s' if len(errors) != 1 else ''}:"] + [f"  {v}" for v in errors]
    return Report(False, "\n".join(lines), violations)


def validate_store(store, shapes: rdflib.Graph | str | Path | None = None) -> Report:
    """Validate the union of every graph in a Store (see graph/store.py)."""
    g = rdflib.Graph()
    for s, p, o, _ in store.quads():
        g.add((s, p, o))
    return validate_graph(g, shapes, sparql_store=store)


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
    for c in shapes.objects(shape, SH.targetClass):
        nodes |= {r["x"] for r in store.select(
            "SELECT DISTINCT ?x WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* <%s> }" % c).rows}
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        nodes |= {r["x"] for r in store.select("SELECT DISTINCT ?x WHERE { ?x <%s> ?o }" % p).rows}
    for p in shapes.objects(shape, SH.targetObjectsOf):
        nodes |= {r["x"] for r in store.select("SELECT DISTINCT ?x WHERE { ?s <%s> ?x }" % p).rows}
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
