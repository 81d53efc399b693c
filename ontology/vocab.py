"""Reference vocabularies as data (ontology/vocab/*.yaml), loaded by small code.

A new role, theme or Act is a data edit. Ingest uses the label indexes to recognise roles and
themes as written; ontology/skos.py turns the same data into SKOS concept schemes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from ontology import ONTOLOGY_DIR

VOCAB_DIR = ONTOLOGY_DIR / "vocab"
SCHEMES = ("roles", "board-roles", "capacities", "themes")


@dataclass(frozen=True)
class Concept:
    id: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    kind: str | None = None
    broader: str | None = None
    statutory_basis: str | None = None
    scheme: str = ""

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels)


@dataclass(frozen=True)
class Scheme:
    id: str
    label: str
    concepts: tuple[Concept, ...] = field(default_factory=tuple)

    def get(self, concept_id: str) -> Concept:
        for c in self.concepts:
            if c.id == concept_id:
                return c
        raise KeyError(f"{concept_id!r} is not in scheme {self.id!r}")

    def label_index(self) -> dict[str, str]:
        """lower-cased label -> concept id; a label shared by two concepts goes to the first listed."""
        index: dict[str, str] = {}
        for c in self.concepts:
            for label in c.labels:
                index.setdefault(label.lower(), c.id)
        return index


def _read(name: str) -> dict:
    with open(VOCAB_DIR / f"{name}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=None)
def scheme(name: str) -> Scheme:
    data = _read(name)
    concepts = tuple(
        Concept(id=c["id"], pref_label=c["prefLabel"], alt_labels=tuple(c.get("altLabels") or ()),
                kind=c.get("kind"), broader=c.get("broader"), statutory_basis=c.get("statutory_basis"),
                scheme=data["scheme"])
        for c in data["concepts"]
    )
    return Scheme(id=data["scheme"], label=data["label"], concepts=concepts)


@lru_cache(maxsize=None)
def legislation() -> list[dict]:
    """Acts: {id, title, aliases, provisions: [{section|part, label}]}."""
    return _read("legislation")["acts"]


@lru_cache(maxsize=None)
def aliases() -> dict:
    """first_name_equivalents, honorifics, postnominals, organisations (see aliases.yaml)."""
    return _read("aliases")
