"""SHACL validation of the built graph (pyshacl with ontology/shapes.ttl).

The union of all named graphs is loaded into one rdflib Graph (fine at this corpus size): shapes
follow links from facts to quotes to paragraphs, and see the ontology's rdfs:subClassOf triples,
which live in the vocab graph. A report names each failing node and the rule it breaks.
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


def validate_graph(g: rdflib.Graph, shapes: rdflib.Graph | str | Path | None = None) -> Report:
    """Validate one rdflib graph (facts, their quotes and paragraphs, and the ontology if types matter)."""
    import pyshacl

    shapes_graph = shapes if isinstance(shapes, rdflib.Graph) else load_shapes(shapes)
    if shapes_graph is None:
        return Report(False, f"no SHACL shapes at {shapes or shapes_path()}: the graph was not validated")
    conforms, results, _ = pyshacl.validate(g, shacl_graph=shapes_graph, inference="none",
                                            abort_on_first=False, allow_warnings=True, meta_shacl=False)
    violations = sorted(_violations(results, shapes_graph), key=lambda v: (v.node, v.shape, v.message))
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
    return validate_graph(g, shapes)


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


def _short(g: rdflib.Graph, term) -> str:
    if isinstance(term, rdflib.URIRef):
        try:
            return g.namespace_manager.normalizeUri(term)
        except Exception:  # noqa: BLE001 — a name that cannot be shortened is shown in full
            return str(term)
    return str(term)
