"""Minting IRIs from content, never from run order: the same corpus gives the same IRIs.

Every module that needs an entity IRI calls these functions; the base comes from settings
(BASE_IRI) and is passed in explicitly so ingest stays free of configuration lookups.
"""
from __future__ import annotations

from slugify import slugify as _slugify
from rdflib import URIRef


def slug(text: str) -> str:
    """'Kim Bromley Derry' and 'Kim Bromley-Derry' both give 'kim-bromley-derry'."""
    return _slugify(text or "", lowercase=True, separator="-") or "x"


class Minter:
    """Builds every IRI under one base, e.g. Minter('https://w3id.org/bvkg/').person('Stephen Halsey')."""

    def __init__(self, base: str):
        self.base = base if base.endswith("/") else base + "/"

    def _id(self, *parts: str) -> URIRef:
        return URIRef(self.base + "id/" + "/".join(parts))

    # entities
    def person(self, key: str) -> URIRef:
        return self._id("person", slug(key))

    def authority(self, key: str) -> URIRef:
        return self._id("authority", slug(key))

    def organisation(self, key: str) -> URIRef:
        return self._id("organisation", slug(key))

    def board(self, key: str) -> URIRef:
        return self._id("board", slug(key))

    def group(self, key: str) -> URIRef:
        return self._id("group", slug(key))

    # vocabulary concepts (ids come from the data files under ontology/vocab/)
    def role(self, role_id: str) -> URIRef:
        return self._id("role", role_id)

    def theme(self, theme_id: str) -> URIRef:
        return self._id("theme", theme_id)

    def capacity(self, capacity_id: str) -> URIRef:
        return self._id("capacity", capacity_id)

    def scheme(self, scheme_id: str) -> URIRef:
        return self._id("scheme", scheme_id)

    # posts and holdings
    def post(self, org: URIRef, role_id: str) -> URIRef:
        return self._id("post", _tail(org), role_id)

    def holding(self, org: URIRef, role_id: str, holder_key: str) -> URIRef:
        """holder_key: a person slug, or 'unnamed-<doc>-<anchor>-<n>' for a holder the text does not name."""
        return self._id("holding", _tail(org), role_id, slug(holder_key))

    def attestation(self, holding: URIRef, doc_slug: str, anchor: str, start: int) -> URIRef:
        return URIRef(f"{holding}/{slug(doc_slug)}/{anchor}/{start}")

    # documents and provenance
    def document(self, doc_slug: str) -> URIRef:
        return self._id("document", slug(doc_slug))

    def paragraph(self, doc_slug: str, anchor: str) -> URIRef:
        return URIRef(f"{self.document(doc_slug)}#{anchor}")

    def quote(self, doc_slug: str, anchor: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.document(doc_slug)}/quote/{anchor}/{start}-{end}")

    # intervention machinery
    def direction(self, doc_slug: str, key: str = "directions") -> URIRef:
        return self._id("direction", slug(doc_slug), slug(key))

    def direction_item(self, direction: URIRef, label: str) -> URIRef:
        return URIRef(f"{direction}/{slug(label)}")

    def inspection(self, authority: URIRef, key: str) -> URIRef:
        return self._id("inspection", _tail(authority), slug(key))

    def intervention(self, authority: URIRef, key: str) -> URIRef:
        return self._id("intervention", _tail(authority), slug(key))

    def event(self, doc_slug: str, anchor: str, n: int) -> URIRef:
        return self._id("event", slug(doc_slug), anchor, str(n))

    def fact(self, kind: str, doc_slug: str, anchor: str, n: int) -> URIRef:
        """Judgements, citations and other per-passage facts."""
        return self._id(kind, slug(doc_slug), anchor, str(n))

    def instant(self, iso: str) -> URIRef:
        """Shared instants: '2024-11-12', '2024-10' or '2016' name one time:Instant each."""
        return self._id("time", iso)


def _tail(iri: URIRef) -> str:
    """'.../id/authority/tower-hamlets' -> 'tower-hamlets' (the slug part used inside other IRIs)."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]
