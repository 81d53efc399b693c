"""Named queries: the worked examples the web app shows, the CLI runs and the tests check.

Each query is a file ``graph/queries/<id>.rq``: a front matter of ``#+ `` lines (YAML: title,
description, parameters) and the SPARQL text, with ``#PARAMS`` lines where the parameters go
(repeated in each subquery a parameter can narrow).
Parameters are bound as a ``VALUES`` row of terms rdflib serialises (``Literal(...).n3()``,
a validated IRI) — never by pasting user text into the query. A list parameter (type ``iris``)
gets a ``VALUES ?name { … }`` clause of its own; an empty value leaves the variable free.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from bvkg import settings
from ontology.namespaces import sparql_prefixes

QUERY_DIR = Path(__file__).resolve().parent / "queries"
PARAMS_MARK = "#PARAMS"
PARAM_TYPES = ("iri", "iris", "date", "string", "integer")
# An absolute IRI with none of the characters SPARQL's IRIREF forbids (so it cannot close the <…>).
_IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+$")


class ParameterError(ValueError):
    """A parameter value that is not of its declared type (the web app answers 400 with this)."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: Any = None
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    id: str
    title: str
    description: str
    parameters: tuple[Parameter, ...] = field(default_factory=tuple)
    sparql: str = ""            # as written in the file, with the #PARAMS line and without prefixes

    def param(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise ParameterError(f"query {self.id!r} has no parameter {name!r}; "
                             f"it takes {', '.join(p.name for p in self.parameters) or 'none'}")

    def defaults(self, base: str | None = None) -> dict[str, Any]:
        """Default values with relative IRIs (``id/…``) resolved against the base IRI."""
        return {p.name: _resolve_default(p, base) for p in self.parameters}

    def render(self, base: str | None = None, **params: Any) -> str:
        """The full SPARQL text with parameters bound; unknown names and bad values raise ParameterError."""
        for name in params:
            self.param(name)
        values = self.defaults(base)
        values.update({k: v for k, v in params.items()})
        body = self.sparql
        if self.parameters:
            scalars = [p for p in self.parameters if p.type != "iris"]
            clauses = []
            if scalars:
                terms = [_term(p, values.get(p.name)) for p in scalars]
                clauses.append(f"VALUES ({' '.join('?' + p.name for p in scalars)}) {{ ({' '.join(terms)}) }}")
            for p in self.parameters:
                if p.type == "iris":
                    terms = _iri_list(p, values.get(p.name))
                    if terms:
                        clauses.append(f"VALUES ?{p.name} {{ {' '.join(terms)} }}")
            # every #PARAMS line gets the clause: each subquery that can be narrowed by a
            # parameter repeats it, so a scoped query stays small all the way down
            body = body.replace(PARAMS_MARK, "\n  ".join(clauses))
        return sparql_prefixes() + body


def _resolve_default(p: Parameter, base: str | None) -> Any:
    b = base or settings.get("BASE_IRI")
    b = b if b.endswith("/") else b + "/"
    if p.type == "iri" and isinstance(p.default, str) and p.default.startswith("id/"):
        return b + p.default
    if p.type == "iris" and isinstance(p.default, (list, tuple)):
        return [b + d if isinstance(d, str) and d.startswith("id/") else d for d in p.default]
    return p.default


def _iri_list(p: Parameter, value: Any) -> list[str]:
    """A list parameter: a list/tuple or a comma- or space-separated string of IRIs."""
    if value is None or value == "":
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).replace(",", " ").split()
    return [_term(Parameter(p.name, "iri"), v) for v in items if str(v).strip()]


def _term(p: Parameter, value: Any) -> str:
    """One parameter value as a SPARQL term; None or "" is UNDEF (the pattern matches anything)."""
    if value is None or value == "":
        return "UNDEF"
    if p.type == "iri":
        text = str(value).strip()
        if not _IRI_RE.match(text):
            raise ParameterError(f"parameter {p.name!r} must be an absolute IRI, not {value!r}")
        return URIRef(text).n3()
    if p.type == "date":
        try:
            day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ParameterError(f"parameter {p.name!r} must be a date YYYY-MM-DD, not {value!r}") from None
        return Literal(day.isoformat(), datatype=XSD.date).n3()
    if p.type == "integer":
        try:
            return Literal(int(str(value).strip()), datatype=XSD.integer).n3()
        except ValueError:
            raise ParameterError(f"parameter {p.name!r} must be an integer, not {value!r}") from None
    return Literal(str(value)).n3()  # string: rdflib escapes quotes, backslashes and newlines


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    front = [ln[3:] for ln in text.splitlines() if ln.startswith("#+ ") or ln == "#+"]
    body = "\n".join(ln for ln in text.splitlines() if not (ln.startswith("#+ ") or ln == "#+")).strip() + "\n"
    meta = yaml.safe_load("\n".join(front)) or {}
    params = tuple(Parameter(name=p["name"], type=p["type"], default=p.get("default"),
                             description=p.get("description", "")) for p in meta.get("parameters") or ())
    for p in params:
        if p.type not in PARAM_TYPES:
            raise ValueError(f"{path.name}: parameter {p.name!r} has unknown type {p.type!r}")
    if params and PARAMS_MARK not in body:
        raise ValueError(f"{path.name}: a query with parameters needs a {PARAMS_MARK} line")
    return NamedQuery(id=path.stem, title=meta["title"], description=meta.get("description", ""),
                      parameters=params, sparql=body)


@lru_cache(maxsize=1)
def _load() -> dict[str, NamedQuery]:
    return {q.id: q for q in map(parse_query_file, sorted(QUERY_DIR.glob("*.rq")))}


def named_queries() -> list[NamedQuery]:
    """Every named query, in id order."""
    return list(_load().values())


def get(query_id: str) -> NamedQuery:
    try:
        return _load()[query_id]
    except KeyError:
        raise KeyError(f"no named query {query_id!r}; choose from {', '.join(_load())}") from None


def run_named(store, query_id: str, base: str | None = None, **params: Any):
    """Run one named query on a store (graph.store interface) -> SelectResult."""
    return store.select(get(query_id).render(base, **params))
