"""The bvkg ontology, its reference vocabularies (as data) and the IRIs everything mints."""
from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
ONTOLOGY_TTL = ONTOLOGY_DIR / "bvkg.ttl"    # the OWL ontology (classes and properties of the bvkg namespace)
SHAPES_TTL = ONTOLOGY_DIR / "shapes.ttl"    # SHACL shapes for the RDF patterns of docs/rdf-patterns.md


def shapes_path() -> Path:
    """Where the SHACL shapes live, for pyshacl.validate(data, shacl_graph=str(shapes_path()))."""
    return SHAPES_TTL
