"""The bvkg ontology, its reference vocabularies (as data) and the IRIs everything mints."""
from pathlib import Path

ONTOLOGY_DIR = Path(__file__).resolve().parent
