"""The data that flows between ingest stages: structure -> mentions -> relations -> resolution -> RDF.

Plain dataclasses, so each stage can be tested and printed on its own (`bvkg ingest FILE`).
Offsets are Python code points into ``Block.text``: ``block.text[ev.start:ev.end] == ev.exact``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


class IngestError(Exception):
    """A document that cannot be ingested; the message names the file (and line where known)."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path, self.reason, self.line = path, reason, line
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date with the precision the text gives: year, year-month or full date. Never padded."""
    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def precision(self) -> str:
        return "year" if self.month is None else "month" if self.day is None else "day"

    @classmethod
    def from_iso(cls, s: str) -> "PartialDate":
        parts = [int(p) for p in str(s).split("-")]
        return cls(*parts)


@dataclass(frozen=True)
class Block:
    """A paragraph-like unit with its own IRI/anchor.

    anchor: fragment id, 'p' + the document's own numbering where it has one ('p1.7', 'p14.a.iv'),
            else 'b' + position ('b12'); unique within the document.
    number: the numbering as written ('1.7', '14(a)(iv)', 'a', 'iv'), or None.
    kind:   letterhead | address | date | reference | salutation | heading | paragraph | item |
            closing | signature | cc | other
    text:   the block's text with line wrapping collapsed to single spaces and markdown emphasis
            markers removed; quotes and dashes kept as written.
    """
    anchor: str
    number: Optional[str]
    kind: str
    text: str
    line: int
    end_line: int
    position: int
    parent: Optional[str] = None      # anchor of the enclosing item/paragraph (list items)
    section: Optional[str] = None     # text of the heading this block sits under


@dataclass
class Document:
    slug: str
    path: str
    blocks: list[Block]
    title: Optional[str] = None
    date: Optional[PartialDate] = None
    date_basis: str = "unknown"       # 'metadata' | 'stated' | 'unknown'
    kind: str = "Document"            # Letter | Report | DirectionsDocument | Minutes | Statement | Document
    publisher: Optional[str] = None
    source_url: Optional[str] = None
    licence: Optional[str] = None
    metadata: dict = field(default_factory=dict)

    def block(self, anchor: str) -> Block:
        for b in self.blocks:
            if b.anchor == anchor:
                return b
        raise KeyError(anchor)


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the block, the exact words and the rule that found it."""
    anchor: str
    start: int
    end: int
    exact: str
    rule: str

    @classmethod
    def of(cls, block: Block, start: int, end: int, rule: str) -> "Evidence":
        return cls(block.anchor, start, end, block.text[start:end], rule)


# ---------------------------------------------------------------- facts

@dataclass
class PersonMention:
    name: str                         # as written, e.g. 'Sir Alan Smith', 'Mr Okafor'
    evidence: Evidence
    honorifics: tuple[str, ...] = ()  # ('Sir',), ('Cllr',), ('Professor',)
    suffixes: tuple[str, ...] = ()    # ('CBE', 'DL')
    key: Optional[str] = None         # canonical name after resolution, e.g. 'Alan Smith'


@dataclass
class OrgMention:
    name: str                         # canonical name as best read, e.g. 'London Borough of Tower Hamlets'
    kind: str                         # authority | department | regulator | auditor | association |
                                      # group | board | committee | team | organisation
    evidence: Evidence
    abbreviation: Optional[str] = None
    key: Optional[str] = None


@dataclass
class Holding:
    """One attestation of someone (or no-one named) holding a role in an organisation.

    Interim is a capacity, not a role. Never invent a start or end: only what the text states.
    """
    role: str                         # role id from ontology/vocab/roles.yaml (or board-roles.yaml)
    role_as_written: str
    evidence: Evidence
    person: Optional[str] = None      # name as written; None = holder not named
    organisation: Optional[str] = None  # org name; None = the document's subject authority
    org_kind: str = "authority"       # authority | board | committee | department | team | organisation
    capacity: Optional[str] = None    # interim | acting | permanent | None (not stated)
    start: Optional[PartialDate] = None
    end: Optional[PartialDate] = None
    attested: Optional[PartialDate] = None   # the document date when the text shows it held then
    lead_for: tuple[str, ...] = ()    # theme ids a Board Lead leads ('Culture & Partnerships Lead': two)
    represents: Optional[str] = None  # group/body name the member sits for
    holders: Optional[int] = None     # how many hold it, when the text counts unnamed holders ('three Commissioners')
    extra_evidence: list[Evidence] = field(default_factory=list)

    def __post_init__(self):
        if isinstance(self.lead_for, str):   # one theme id given as a string: still one theme, not its letters
            self.lead_for = (self.lead_for,)


@dataclass
class DirectionItemFact:
    label: str                        # 'b', 'a(iv)'
    text: str
    evidence: Evidence
    deadline_duration: Optional[str] = None   # ISO 8601, 'P1M'
    deadline: Optional[PartialDate] = None    # computed from the direction date
    reporting_interval: Optional[str] = None  # 'P3M'
    reports_to: Optional[str] = None
    themes: tuple[str, ...] = ()


@dataclass
class DirectionFact:
    status: str                       # proposed | made
    evidence: Evidence
    date: Optional[PartialDate] = None
    authority: Optional[str] = None
    power: Optional["CitationFact"] = None
    items: list[DirectionItemFact] = field(default_factory=list)
    key: str = "directions"
    area: Optional[str] = None        # a Direction referred to by its area, as written ('Procurement')
    areas: tuple[str, ...] = ()       # areas a set of Directions covers ('powers in the areas of Grants, Property')
    outcome_sought: Optional[str] = None   # what the authority asks or claims: end | end shortly | fulfilled | remove | amend | continue
    extra_evidence: list[Evidence] = field(default_factory=list)


@dataclass
class CitationFact:
    act_id: str                       # legislation.gov.uk id path, e.g. 'ukpga/1999/27'
    act_title: str                    # 'Local Government Act 1999'
    evidence: Evidence
    part: Optional[str] = None
    section: Optional[str] = None
    subsection: Optional[str] = None  # pinpoint kept as a literal, e.g. '15(5)'


@dataclass
class ThemeFact:
    theme: str                        # theme id from ontology/vocab/themes.yaml
    evidence: Evidence
    judgement: Optional[str] = None   # failing | progress | improved | early | None


@dataclass
class EventFact:
    kind: str                         # Meeting | Election | Appointment | Departure | Rating | Recommendation | Event
    description: str
    evidence: Evidence
    date: Optional[PartialDate] = None
    participants: tuple[str, ...] = ()
    rating: Optional[str] = None
    end: Optional[PartialDate] = None         # the end of a stated period ('from 19th to 22nd June 2018')
    count: Optional[int] = None               # 'three statutory recommendations' -> 3
    subjects: tuple[str, ...] = ()            # what it concerns, as written ('procurement', ...)
    due_after: Optional[str] = None           # ISO 8601 duration after the intervention began ('P4M')


@dataclass
class InspectionFact:
    evidence: Evidence
    inspector: Optional[str] = None
    assistants: tuple[str, ...] = ()
    submitted: Optional[PartialDate] = None
    sent: Optional[PartialDate] = None
    authority: Optional[str] = None


@dataclass
class InterventionFact:
    evidence: Evidence
    authority: Optional[str] = None
    start: Optional[PartialDate] = None
    initial_duration: Optional[str] = None    # 'P3Y'


@dataclass
class DocumentFacts:
    """Everything found in one document: the unit each stage passes on."""
    document: Document
    people: list[PersonMention] = field(default_factory=list)
    organisations: list[OrgMention] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    directions: list[DirectionFact] = field(default_factory=list)
    citations: list[CitationFact] = field(default_factory=list)
    themes: list[ThemeFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    inspections: list[InspectionFact] = field(default_factory=list)
    interventions: list[InterventionFact] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)    # names as written
    recipients: list[str] = field(default_factory=list)     # names or roles as written
    copied_to: list[str] = field(default_factory=list)
