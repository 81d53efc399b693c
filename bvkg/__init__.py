"""bvkg: the Best Value knowledge graph (CLI and settings; the work lives in ontology/, ingest/, graph/, web/)."""
__version__ = "0.1.0"
