"""The one settings table.

Every tunable lives here, with its default and a sentence for users. Each can be overridden by an
environment variable ``BVKG_<NAME>`` (or, in the web app, by ``create_app(overrides)``). A test fails
if a setting here is missing from the README's settings table.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    doc: str

    def cast(self, raw: str) -> Any:
        if isinstance(self.default, bool):
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if isinstance(self.default, int):
            return int(raw)
        if isinstance(self.default, float):
            return float(raw)
        if isinstance(self.default, tuple):
            return tuple(x.strip() for x in raw.split(",") if x.strip())
        return raw


SETTINGS: tuple[Setting, ...] = (
    Setting("BASE_IRI", "https://w3id.org/bvkg/",
            "Base of every minted IRI (/id/person/..., /id/document/...). The app serves /id/... under it."),
    Setting("CORPUS_DIR", str(PROJECT_ROOT / "corpus"),
            "Folder of .txt documents (with optional .meta.yaml sidecars) that `bvkg build` reads."),
    Setting("DATA_DIR", str(PROJECT_ROOT / "data"),
            "Where the built graph lives: `current` points at the last complete build."),
    Setting("STORE_BACKEND", "oxigraph",
            "`oxigraph` (embedded on-disk store) or `sparql` (a remote SPARQL 1.1 server through SPARQLWrapper)."),
    Setting("SPARQL_ENDPOINT", "http://127.0.0.1:7878/query",
            "Query URL of the remote SPARQL server when STORE_BACKEND is `sparql`."),
    Setting("QUERY_TIMEOUT", 10.0,
            "Seconds a public SPARQL query may run before its worker is killed and the client gets 503."),
    Setting("ROW_CAP", 10000,
            "Most result rows the public endpoint returns; more are cut off with a visible warning."),
    Setting("MAX_QUERY_LENGTH", 20000,
            "Longest SPARQL query text (characters) the endpoint accepts; longer gets 400."),
    Setting("MAX_QUERY_NESTING", 64,
            "Deepest nesting of braces/parentheses a public query may use; deeper gets 400."),
    Setting("QUERY_WORKERS", min(4, max(2, os.cpu_count() or 2)),
            "Worker processes evaluating public queries (default: one per CPU, 2 to 4; each holds its own store caches, "
            "so more than the CPUs adds memory, not speed); one stuck on a long query is killed at QUERY_TIMEOUT."),
    Setting("QUERY_WORKER_MAX_MB", 80.0,
            "A query worker holding more memory than this (MB) after an answer is replaced by a fresh one (about 40 MB); 0 never."),
    Setting("MALLOC_ARENAS", 2,
            "glibc heap arenas the server and each query worker may use (0: glibc's default, eight per core); fewer keep less freed memory."),
    Setting("SERVICE_ALLOWLIST", (),
            "Comma-separated SPARQL endpoints a public query may call with SERVICE; empty refuses all."),
    Setting("MAX_DOCUMENT_BYTES", 5_000_000,
            "Largest corpus file (bytes) ingest accepts; a larger file is reported as a failure, not read."),
    Setting("VALIDATE_BATCH", 20000,
            "Focus nodes SHACL validation checks at a time: bounds the build's memory whatever the corpus size."),
    Setting("HOST", "127.0.0.1", "Address `bvkg serve` listens on."),
    Setting("PORT", 5000, "Port `bvkg serve` listens on."),
    Setting("LICENCE_URL", "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "Licence of the source texts (Open Government Licence v3.0), stated in dumps and pages."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str, overrides: dict[str, Any] | None = None) -> Any:
    """Value of one setting: an explicit override, then the environment, then the default."""
    setting = _BY_NAME[name]  # KeyError on a typo, on purpose
    if overrides and name in overrides:
        return overrides[name]
    raw = os.environ.get(f"BVKG_{name}")
    return setting.cast(raw) if raw is not None else setting.default


def as_dict(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    return {s.name: get(s.name, overrides) for s in SETTINGS}
