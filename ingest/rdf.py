"""DocumentFacts -> the triples of docs/rdf-patterns.md (one named graph per document).

Deterministic: every node is an IRI minted from content (no blank nodes), so the same facts give
the same triples. Every fact node carries prov:wasDerivedFrom its quote and bvkg:foundBy its rule;
every quote satisfies paragraph rdf:value[start:end] == oa:exact.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Optional

from rdflib import Dataset, Graph, Literal, URIRef

from ingest.metadata import inferred_date_evidence, long_date
from ingest.model import DocumentFacts, Evidence, PartialDate
from ingest.rdf_names import (act_title, authority_short_name, bare_name, canonical_org, concept_kind, concept_label,
                              date_literal, looks_person_name, provision_iri, strip_honorifics)
from ontology.iris import Minter, slug
from ontology.namespaces import (BVKG, DCTERMS, FOAF, LEG, OA, ORG, PREFIXES, PROV, RDF, RDFS, SDO, SKOS,
                                 TIME, XSD)

CONTEXT_CHARS = 32
CENTRAL_GOVERNMENT = "Central government (department not named)"
ORG_TYPES = {"authority": BVKG.LocalAuthority, "department": BVKG.GovernmentDepartment,
             "regulator": BVKG.Regulator, "auditor": BVKG.Auditor, "association": BVKG.Association,
             "group": BVKG.PoliticalGroup, "board": BVKG.Board, "committee": BVKG.Committee,
             "team": BVKG.InterventionTeam, "organisation": ORG.Organization}
EVENT_TYPES = {"Meeting", "Election", "Appointment", "Departure", "Rating", "Recommendation", "Event"}
DOC_TYPES = {"Letter", "Report", "DirectionsDocument", "Minutes", "Statement", "Document"}
# Words that are forms of address rather than honours: kept as altLabels, not honorificPrefix.
_ROLE_WORDS = {"minister", "mayor"}


# ---------------------------------------------------------------- the builder

class _Builder:
    def __init__(self, facts: DocumentFacts, base: str):
        self.f, self.doc, self.m = facts, facts.document, Minter(base)
        self.g = Graph()
        for p, iri in PREFIXES.items():
            self.g.bind(p, iri)
        self.doc_iri = self.m.document(self.doc.slug)
        self.text = {b.anchor: b.text for b in self.doc.blocks}
        self.counters: dict[tuple[str, str], int] = defaultdict(int)
        self.person_keys: dict[str, str] = {}
        self.org_index: dict[str, tuple[URIRef, str]] = {}
        self.names: dict[URIRef, tuple[URIRef, set[str]]] = {}   # node -> (name property, names seen)
        self.subject = self._subject_authority()

    # -- primitives
    def add(self, s, p, o):
        if o is not None:
            self.g.add((s, p, o if isinstance(o, (URIRef, Literal)) else Literal(o)))

    def n(self, kind: str, anchor: str) -> int:
        self.counters[(kind, anchor)] += 1
        return self.counters[(kind, anchor)]

    def instant(self, d: Optional[PartialDate]) -> Optional[URIRef]:
        if d is None:
            return None
        iri = self.m.instant(d.iso())
        self.add(iri, RDF.type, TIME.Instant)
        prop = {"day": TIME.inXSDDate, "month": TIME.inXSDgYearMonth, "year": TIME.inXSDgYear}[d.precision]
        self.add(iri, prop, date_literal(d))
        self.add(iri, RDFS.label, Literal(d.iso()))
        return iri

    def para(self, anchor: str) -> URIRef:
        return self.m.paragraph(self.doc.slug, anchor)

    def quote(self, ev: Evidence) -> URIRef:
        """The quoted words as an oa:SpecificResource with quote and position selectors."""
        text = self.text.get(ev.anchor)
        if text is None or text[ev.start:ev.end] != ev.exact:
            raise ValueError(f"{self.doc.path}: evidence {ev.anchor}[{ev.start}:{ev.end}] does not match {ev.exact!r}")
        q = self.m.quote(self.doc.slug, ev.anchor, ev.start, ev.end)
        exact, pos = URIRef(f"{q}#exact"), URIRef(f"{q}#position")
        self.add(q, RDF.type, OA.SpecificResource)
        self.add(q, OA.hasSource, self.para(ev.anchor))
        self.add(q, OA.hasSelector, exact)
        self.add(q, OA.hasSelector, pos)
        self.add(exact, RDF.type, OA.TextQuoteSelector)
        self.add(exact, OA.exact, Literal(ev.exact))
        if ev.start > 0:
            self.add(exact, OA.prefix, Literal(text[max(0, ev.start - CONTEXT_CHARS):ev.start]))
        if ev.end < len(text):
            self.add(exact, OA.suffix, Literal(text[ev.end:ev.end + CONTEXT_CHARS]))
        self.add(pos, RDF.type, OA.TextPositionSelector)
        self.add(pos, OA.start, Literal(ev.start, datatype=XSD.integer))
        self.add(pos, OA.end, Literal(ev.end, datatype=XSD.integer))
        return q

    def evidence(self, node: URIRef, ev: Evidence, extra: Iterable[Evidence] = ()):
        for e in (ev, *extra):
            self.add(node, PROV.wasDerivedFrom, self.quote(e))
        self.add(node, BVKG.foundBy, Literal(ev.rule))

    # -- organisations
    def _subject_authority(self) -> Optional[URIRef]:
        name = self.doc.metadata.get("authority")
        if not name:
            auths = [o for o in self.f.organisations if o.kind == "authority"]
            name = (auths[0].key or auths[0].name) if auths else None
        return self.org(name, "authority") if name else None

    def org(self, name: Optional[str], kind: Optional[str] = None, abbreviation: Optional[str] = None) -> Optional[URIRef]:
        """IRI (and node) of an organisation by name; known variants map to one canonical node."""
        if not name:
            return self.subject
        canon, known_kind, known_abbr = canonical_org(name)
        if canon.lower() in self.org_index:
            return self.org_index[canon.lower()][0]
        kind = known_kind or kind or self._kind_of(canon) or "organisation"
        abbreviation = abbreviation or known_abbr
        minting = {"authority": lambda k: self.m.authority(authority_short_name(k)), "board": self.m.board,
                   "group": self.m.group}.get(kind, self.m.organisation)
        iri = minting(canon)
        self.org_index[canon.lower()] = (iri, kind)
        self.add(iri, RDF.type, ORG_TYPES.get(kind, ORG.Organization))
        self.names.setdefault(iri, (SKOS.prefLabel, set()))[1].add(canon)
        if abbreviation:
            self.add(iri, SKOS.altLabel, Literal(abbreviation))
        if kind in ("board", "committee") and self.subject is not None and iri != self.subject:
            self.add(iri, ORG.subOrganizationOf, self.subject)
        return iri

    def _mentioned_org(self, name: str) -> Optional[str]:
        for o in self.f.organisations:
            if name.lower() in (o.name.lower(), (o.key or "").lower(), (o.abbreviation or "").lower()):
                return o.kind
        return None

    def _kind_of(self, name: str) -> Optional[str]:
        kind = self._mentioned_org(name)
        if kind:
            return kind
        short = authority_short_name(name)
        # 'Northshire County Council' names an authority; "the Council's interim Monitoring Officer" does not
        if short != name and re.fullmatch(r"[A-Z][\w'’\-]*(?: (?:upon|on|and|[A-Z][\w'’\-]*))*", short):
            return "authority"
        return None

    # -- people
    def person(self, name: str) -> URIRef:
        bare = bare_name(name)
        key = self.person_keys.get(name.lower()) or self.person_keys.get(bare.lower()) or bare
        iri = self.m.person(key)
        self.add(iri, RDF.type, FOAF.Person)
        self.add(iri, RDF.type, SDO.Person)
        self.names.setdefault(iri, (FOAF.name, set()))[1].add(key)
        return iri

    def agent(self, name: str) -> Optional[URIRef]:
        """A named person, a known organisation, a holding whose role is written so, or nothing."""
        name = name.strip()
        low = name.lower()
        if low in self.person_keys:
            return self.person(name)
        bare = strip_honorifics(name)
        if bare.lower() in self.person_keys:
            return self.person(bare)
        if low in self.org_index or canonical_org(name)[1] or self._mentioned_org(name):
            return self.org(name)
        # the holding written exactly so first ('Executive Mayor' is not the holding of a 'Mayor' above it)
        for h_iri, written in sorted(self.holding_roles, key=lambda hw: (hw[1] or "").lower() != low):
            if written and (written.lower() in low or low in written.lower()):
                return h_iri
        if self._kind_of(name):
            return self.org(name)
        if looks_person_name(bare) and not low.startswith(("the ", "your ", "our ")):
            return self.person(bare)
        return None

    # ---------------------------------------------------------------- sections of the graph
    def build(self) -> Graph:
        self.holding_roles: list[tuple[URIRef, str]] = []
        self.document()
        self.people()
        self.organisations()
        self.holdings()
        self.directions()
        self.citations()
        self.themes()
        self.events()
        self.inspections()
        self.interventions()
        self.document_agents()
        self.names_out()
        return self.g

    def _pick(self, iri: URIRef) -> str:
        """One preferred name per node whatever the order of mentions: the curated authority name,
        else the longest form (ties broken alphabetically). Slug-equal variants become altLabels."""
        names = self.names[iri][1]
        curated = self.doc.metadata.get("authority")
        if iri == self.subject and curated in names:
            return curated
        return sorted(names, key=lambda n: (-len(n), n))[0]

    def names_out(self):
        for iri, (prop, names) in self.names.items():
            pref = self._pick(iri)
            self.add(iri, prop, Literal(pref))
            self.add(iri, RDFS.label, Literal(pref))
            for other in names - {pref}:
                self.add(iri, SKOS.altLabel, Literal(other))

    def document(self):
        d, iri = self.doc, self.doc_iri
        self.add(iri, RDF.type, BVKG[d.kind] if d.kind in DOC_TYPES else BVKG.Document)
        title = d.title or d.slug
        self.add(iri, DCTERMS.title, Literal(title))
        self.add(iri, RDFS.label, Literal(title))
        if d.date is not None:
            self.add(iri, DCTERMS.date, date_literal(d.date))
        self.inferred_date()
        if d.publisher:
            self.add(iri, DCTERMS.publisher, self.org(d.publisher))
        if d.source_url:
            self.add(iri, DCTERMS.source, URIRef(d.source_url))
        if d.licence:
            self.add(iri, DCTERMS.license, URIRef(d.licence))
        self.add(iri, BVKG.sourceFile, Literal(Path(d.path).name))
        for b in d.blocks:
            p = self.para(b.anchor)
            self.add(iri, DCTERMS.hasPart, p)
            self.add(p, RDF.type, BVKG.Paragraph)
            self.add(p, DCTERMS.isPartOf, iri)
            self.add(p, BVKG.anchor, Literal(b.anchor))
            if b.number:
                self.add(p, BVKG.number, Literal(b.number))
            self.add(p, BVKG.position, Literal(b.position, datatype=XSD.integer))
            self.add(p, BVKG.blockKind, Literal(b.kind))
            self.add(p, BVKG.startLine, Literal(b.line, datatype=XSD.integer))
            self.add(p, RDF.value, Literal(b.text))

    def inferred_date(self):
        """A curator's inferred date: bvkg:inferredDate, never dcterms:date, with its basis and the
        passages the basis quotes as the inference's evidence."""
        d = self.doc
        iso = d.metadata.get("date_inferred")
        if not iso:
            return
        when = date_literal(PartialDate.from_iso(str(iso)))
        basis = d.metadata.get("date_basis")
        node = self.m.fact("date-inference", d.slug, "document", 1)
        self.add(self.doc_iri, BVKG.inferredDate, when)
        self.add(self.doc_iri, BVKG.dateBasis, Literal(basis) if basis else None)
        self.add(self.doc_iri, BVKG.hasDateInference, node)
        self.add(node, RDF.type, BVKG.DateInference)
        self.add(node, RDFS.label, Literal(f"Inferred date {iso} of {d.title or d.slug}"))
        self.add(node, BVKG.inferredDate, when)
        self.add(node, BVKG.dateBasis, Literal(basis) if basis else None)
        evidence = inferred_date_evidence(d)
        if evidence:
            self.evidence(node, evidence[0], evidence[1:])

    def people(self):
        for pm in self.f.people:
            self.person_keys[pm.name.lower()] = pm.key or bare_name(pm.name)
            if pm.key:
                self.person_keys[pm.key.lower()] = pm.key
        for pm in self.f.people:
            iri = self.person(pm.name)
            key = self.person_keys[pm.name.lower()]
            if pm.name != key:
                self.add(iri, SKOS.altLabel, Literal(pm.name))
            for h in pm.honorifics:
                if h.lower() not in _ROLE_WORDS:
                    self.add(iri, SDO.honorificPrefix, Literal(h))
            for s in pm.suffixes:
                self.add(iri, SDO.honorificSuffix, Literal(s))
            self.add(self.para(pm.evidence.anchor), BVKG.mentions, iri)
            self.quote(pm.evidence)

    def organisations(self):
        for om in self.f.organisations:
            iri = self.org(om.key or om.name, om.kind, om.abbreviation)
            if om.key and om.name != om.key:
                self.add(iri, SKOS.altLabel, Literal(om.name))
            self.add(self.para(om.evidence.anchor), BVKG.mentions, iri)
            self.quote(om.evidence)

    def holdings(self):
        for h in self.f.holdings:
            org = self.org(h.organisation, h.org_kind) if h.organisation else self._default_org(h.role)
            if org is None:
                continue  # no organisation known: a holding needs one to be found again
            org_label = self._label(org)
            role_label = concept_label(("roles", "board-roles"), h.role)
            ev = h.evidence
            if h.person:
                holder = self.person(h.person)
                holder_key = self.person_keys.get(h.person.lower(), h.person)
                who = self._label(holder)
            else:
                holder = None
                holder_key = f"unnamed-{slug(self.doc.slug)}-{slug(ev.anchor)}-{self.n('unnamed', ev.anchor)}"
                who = "(not named)"
            iri = self.m.holding(org, h.role, holder_key)
            self.holding_roles.append((iri, h.role_as_written))
            self.add(iri, RDF.type, BVKG.RoleHolding)
            self.add(iri, RDF.type, ORG.Membership)
            self.add(iri, RDFS.label, Literal(f"{who} — {role_label}, {org_label}"))
            if holder is not None:
                self.add(iri, ORG.member, holder)
                self.add(self.para(ev.anchor), BVKG.mentions, holder)
            else:
                self.add(iri, BVKG.holderUnnamed, Literal(True))
                if h.holders:             # 'three Commissioners': one unnamed holding, counted
                    self.add(iri, BVKG.holderCount, Literal(h.holders, datatype=XSD.integer))
            self.add(iri, ORG.organization, org)
            self.add(iri, ORG.role, self.m.role(h.role))
            if self._kind(org) == "authority":   # posts belong to authorities; board seats have none
                post = self.m.post(org, h.role)
                self.add(post, RDF.type, ORG.Post)
                self.add(post, ORG.postIn, org)
                self.add(post, ORG.role, self.m.role(h.role))
                self.add(post, RDFS.label, Literal(f"{role_label}, {org_label}"))
                self.add(iri, BVKG.post, post)
            cap = self.m.capacity(h.capacity) if h.capacity else None
            self.add(iri, BVKG.capacity, cap)
            for theme in h.lead_for:          # a compound Lead leads each of its themes
                self.add(iri, BVKG.leadFor, self.m.theme(theme))
            if h.represents:
                self.add(iri, BVKG.represents, self.org(h.represents, "group"))
            interval = URIRef(f"{iri}/interval")
            self.add(iri, ORG.memberDuring, interval)
            self.add(interval, RDF.type, TIME.Interval)
            self.add(interval, TIME.inside, self.instant(h.attested))
            self.add(interval, TIME.hasBeginning, self.instant(h.start))
            self.add(interval, TIME.hasEnd, self.instant(h.end))
            att = self.m.attestation(iri, self.doc.slug, ev.anchor, ev.start)
            self.add(iri, BVKG.hasAttestation, att)
            self.add(att, RDF.type, BVKG.Attestation)
            self.add(att, RDFS.label, Literal(f"{h.role_as_written} ({self.doc.slug} #{ev.anchor})"))
            self.add(att, BVKG.roleAsWritten, Literal(h.role_as_written))
            self.add(att, BVKG.capacity, cap)
            self.add(att, BVKG.attestedOn, self.instant(h.attested))
            self.add(att, BVKG.statedStart, self.instant(h.start))
            self.add(att, BVKG.statedEnd, self.instant(h.end))
            self.evidence(att, ev, h.extra_evidence)
            self.add(iri, PROV.wasDerivedFrom, self.quote(ev))
            self.add(iri, BVKG.foundBy, Literal(ev.rule))

    def _default_org(self, role_id: str) -> Optional[URIRef]:
        """The organisation of a holding the text does not place: the subject authority, except for
        government roles (a Secretary of State is not a post of the council), which go to the
        publishing department or else the first department the document names."""
        if concept_kind(role_id) != "government":
            return self.subject
        candidates = ([self.doc.publisher] if self.doc.publisher else []) + [
            o.key or o.name for o in self.f.organisations if o.kind == "department"]
        for name in candidates:
            canon, kind, _ = canonical_org(name)
            if (kind or self._mentioned_org(name)) == "department":
                return self.org(canon, "department")
        # the text names no department: say so rather than guess one
        iri = self.m.organisation("central-government")
        self.add(iri, RDF.type, ORG.Organization)
        self.names.setdefault(iri, (SKOS.prefLabel, set()))[1].add(CENTRAL_GOVERNMENT)
        self.org_index.setdefault(CENTRAL_GOVERNMENT.lower(), (iri, "organisation"))
        return iri

    def _label(self, iri: URIRef) -> str:
        if iri in self.names:
            return self._pick(iri)
        v = self.g.value(iri, RDFS.label)
        return str(v) if v is not None else str(iri).rsplit("/", 1)[-1]

    def _kind(self, iri: URIRef) -> Optional[str]:
        for i, k in self.org_index.values():
            if i == iri:
                return k
        return None

    def directions(self):
        for d in self.f.directions:
            iri = self.m.direction(self.doc.slug, d.key)
            self.add(iri, RDF.type, BVKG.Direction)
            when = f" of {long_date(d.date)}" if d.date else ""
            area = f" ({d.area})" if d.area else ""
            self.add(iri, RDFS.label, Literal(f"{'Proposed ' if d.status == 'proposed' else ''}Directions{when}{area}"))
            self.add(iri, BVKG.status, Literal(d.status))
            for subject in ((d.area,) if d.area else ()) + tuple(d.areas):
                self.add(iri, DCTERMS.subject, Literal(subject))
            if d.outcome_sought:
                self.add(iri, BVKG.outcomeSought, Literal(d.outcome_sought))
            if d.date:
                self.add(iri, DCTERMS.date, date_literal(d.date))
            self.add(iri, BVKG.addressedTo, self.org(d.authority, "authority") if d.authority else self.subject)
            if d.power is not None:
                self.add(iri, BVKG.powerCited, self._provision(d.power.act_id, d.power.section, d.power.part))
            self.evidence(iri, d.evidence, d.extra_evidence)
            items = {}
            for it in d.items:
                item = self.m.direction_item(iri, it.label)
                items[it.label] = item
                parent_label = it.label.split("(")[0] if "(" in it.label else None
                self.add(items.get(parent_label, iri), BVKG.hasItem, item)
                self.add(item, RDF.type, BVKG.DirectionItem)
                self.add(item, RDFS.label, Literal(f"Direction item ({it.label})"))
                self.add(item, BVKG.itemLabel, Literal(it.label))
                self.add(item, BVKG.requirement, Literal(it.text))
                if it.deadline_duration:
                    self.add(item, BVKG.deadlineDuration, Literal(it.deadline_duration, datatype=XSD.duration))
                if it.deadline and it.deadline.precision == "day":   # bvkg:deadline is an xsd:date
                    self.add(item, BVKG.deadline, date_literal(it.deadline))
                if it.reporting_interval:
                    self.add(item, BVKG.reportingInterval, Literal(it.reporting_interval, datatype=XSD.duration))
                if it.reports_to:
                    self.add(item, BVKG.reportsTo, self.agent(it.reports_to) or self.org(it.reports_to, "board"))
                for t in it.themes:
                    self.add(item, DCTERMS.subject, self.m.theme(t))
                self.evidence(item, it.evidence)

    def _provision(self, act_id: str, section: Optional[str], part: Optional[str]) -> URIRef:
        iri = provision_iri(act_id, section, part)
        act = LEG[act_id]
        title = act_title(act_id)
        if iri != act:
            self.add(iri, RDF.type, BVKG.LegislationProvision)
            where = f"section {section}" if section else f"Part {part}"
            self.add(iri, RDFS.label, Literal(f"{title}, {where}"))
            self.add(iri, DCTERMS.isPartOf, act)
        self.add(act, RDFS.label, Literal(title))
        return iri

    def citations(self):
        for c in self.f.citations:
            a = c.evidence.anchor
            iri = self.m.fact("citation", self.doc.slug, a, self.n("citation", a))
            prov_iri = self._provision(c.act_id, c.section, c.part)
            self.add(iri, RDF.type, BVKG.Citation)
            self.add(iri, RDFS.label, Literal(f"Citation of {self._label(prov_iri)}"))
            self.add(iri, BVKG.cites, prov_iri)
            if c.subsection:
                self.add(iri, BVKG.pinpoint, Literal(c.subsection))
            self.add(self.para(a), DCTERMS.references, prov_iri)
            self.evidence(iri, c.evidence)

    def themes(self):
        for t in self.f.themes:
            a = t.evidence.anchor
            theme = self.m.theme(t.theme)
            self.add(self.para(a), DCTERMS.subject, theme)
            if not t.judgement:
                self.quote(t.evidence)
                continue
            iri = self.m.fact("judgement", self.doc.slug, a, self.n("judgement", a))
            self.add(iri, RDF.type, BVKG.ThemeJudgement)
            label = concept_label(("themes",), t.theme)
            self.add(iri, RDFS.label, Literal(f"{label}: {t.judgement}"))
            self.add(iri, BVKG.theme, theme)
            self.add(iri, BVKG.judgement, Literal(t.judgement))
            if self.doc.date:
                self.add(iri, DCTERMS.date, date_literal(self.doc.date))
            self.add(iri, BVKG.addressedTo, self.subject)
            self.evidence(iri, t.evidence)

    def events(self):
        for e in self.f.events:
            a = e.evidence.anchor
            iri = self.m.event(self.doc.slug, a, self.n("event", a))
            self.add(iri, RDF.type, BVKG[e.kind] if e.kind in EVENT_TYPES else BVKG.Event)
            self.add(iri, RDFS.label, Literal(e.description))
            if e.end is not None:     # a stated period: its start and end, no single time
                self.add(iri, TIME.hasBeginning, self.instant(e.date))
                self.add(iri, TIME.hasEnd, self.instant(e.end))
            else:
                self.add(iri, TIME.hasTime, self.instant(e.date))
            if e.count is not None:
                self.add(iri, BVKG.count, Literal(e.count, datatype=XSD.integer))
            for subject in e.subjects:
                self.add(iri, DCTERMS.subject, Literal(subject))
            if e.due_after:
                self.add(iri, BVKG.dueAfter, Literal(e.due_after, datatype=XSD.duration))
            for who in e.participants:
                self.add(iri, BVKG.participant, self.agent(who))
            if e.rating:
                self.add(iri, BVKG.rating, Literal(e.rating))
            self.evidence(iri, e.evidence)

    def inspections(self):
        for ins in self.f.inspections:
            auth = self.org(ins.authority, "authority") if ins.authority else self.subject
            if auth is None:
                continue
            when = ins.submitted or ins.sent or self.doc.date
            iri = self.m.inspection(auth, str(when.year) if when else slug(self.doc.slug))
            self.add(iri, RDF.type, BVKG.Inspection)
            self.add(iri, RDFS.label, Literal(f"Best Value Inspection of {self._label(auth)}" + (f" ({when.year})" if when else "")))
            self.add(iri, BVKG.addressedTo, auth)
            if ins.inspector:
                self.add(iri, BVKG.inspector, self.person(ins.inspector))
            for a in ins.assistants:
                self.add(iri, BVKG.assistantInspector, self.person(a))
            self.add(iri, BVKG.submittedOn, self.instant(ins.submitted))
            self.add(iri, BVKG.sentOn, self.instant(ins.sent))
            self.evidence(iri, ins.evidence)

    def interventions(self):
        for iv in self.f.interventions:
            auth = self.org(iv.authority, "authority") if iv.authority else self.subject
            if auth is None:
                continue
            when = iv.start or self.doc.date
            iri = self.m.intervention(auth, str(when.year) if when else slug(self.doc.slug))
            self.add(iri, RDF.type, BVKG.Intervention)
            self.add(iri, RDFS.label, Literal(f"Intervention in {self._label(auth)}" + (f" ({when.year})" if when else "")))
            self.add(iri, BVKG.addressedTo, auth)
            if iv.initial_duration:
                self.add(iri, BVKG.initialDuration, Literal(iv.initial_duration, datatype=XSD.duration))
            self.add(iri, TIME.hasBeginning, self.instant(iv.start))
            self.evidence(iri, iv.evidence)

    def document_agents(self):
        for prop, names in ((DCTERMS.creator, self.f.signatories), (SDO.recipient, self.f.recipients),
                            (SDO.ccRecipient, self.f.copied_to)):
            for name in names:
                # a role without a name ('Minister of State') is linked only through a holding, never minted as a person
                self.add(self.doc_iri, prop, self.agent(name))


# ---------------------------------------------------------------- public functions

def document_graph(facts: DocumentFacts, base: str) -> Graph:
    """All triples of one document (its named graph's content)."""
    return _Builder(facts, base).build()


def corpus_dataset(all_facts: Iterable[DocumentFacts], base: str) -> Dataset:
    """One named graph per document; the graph name is the document IRI."""
    ds = Dataset()
    for p, iri in PREFIXES.items():
        ds.bind(p, iri)
    m = Minter(base)
    for facts in all_facts:
        g = ds.graph(m.document(facts.document.slug))
        for t in document_graph(facts, base):
            g.add(t)
    return ds
