"""The Flask app: SPARQL endpoint and pages over graph.store. Never imports ingest/."""
