"""The graph: store, build, validation, analytics, dumps and exports. Owns the store."""
