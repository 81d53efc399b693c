"""Is the ontology consistent? HermiT (through owlready2) answers, offline.

rdflib writes bvkg.ttl (plus optional instance data) as RDF/XML into a temporary folder;
owlready2 loads it into a fresh World and runs HermiT. bvkg.ttl declares the external classes
it reuses instead of owl:importing them, so nothing is fetched over the network.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import rdflib

from ontology.skos import ontology_graph


class JavaMissing(RuntimeError):
    """HermiT is a Java program: without `java` on PATH the check cannot run at all."""


@dataclass(frozen=True)
class OwlReport:
    consistent: bool
    unsatisfiable: tuple[str, ...] = field(default_factory=tuple)  # IRIs of classes equivalent to owl:Nothing
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise JavaMissing("HermiT needs Java: install a JRE (e.g. Debian's openjdk-17-jre-headless) "
                          "so that `java` is on PATH, then rerun the ontology check.")
    return java


def hermit_check(extra: rdflib.Graph | None = None) -> OwlReport:
    """Run HermiT over bvkg.ttl, plus `extra` (e.g. sample instance data) when given."""
    import owlready2  # imported here: it is slow to import and only this check needs it

    owlready2.JAVA_EXE = _java()
    graph = ontology_graph()
    if extra is not None:
        graph += extra
    with tempfile.TemporaryDirectory(prefix="bvkg-owl-") as tmp:
        path = Path(tmp) / "bvkg.owl"
        graph.serialize(destination=str(path), format="xml")
        world = owlready2.World()  # a fresh World: checks never see each other's triples
        try:
            world.get_ontology(path.as_uri()).load(only_local=True)
            # Trap: xsd:date and xsd:duration are not in OWL 2's datatype map; HermiT refuses them
            # unless told to treat unknown datatypes as opaque.
            owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
            unsat = tuple(sorted(c.iri for c in world.inconsistent_classes() if c is not owlready2.Nothing))
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            return OwlReport(consistent=False, message=str(exc) or "HermiT: inconsistent ontology")
        except owlready2.OwlReadyJavaError as exc:
            raise RuntimeError(f"HermiT failed to run: {exc}") from exc
        except FileNotFoundError as exc:  # java vanished between which() and the call
            raise JavaMissing(str(exc)) from exc
        finally:
            world.close()
    return OwlReport(consistent=True, unsatisfiable=unsat,
                     message="" if not unsat else "unsatisfiable: " + ", ".join(unsat))


def is_consistent() -> bool:
    """True when HermiT finds bvkg.ttl consistent with no unsatisfiable class."""
    return hermit_check().ok


def main() -> int:
    """`python -m ontology.owl_check`: 0 when HermiT finds the ontology consistent, 1 otherwise."""
    report = hermit_check()
    print("consistent, no unsatisfiable class" if report.ok else f"NOT OK: {report.message}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
