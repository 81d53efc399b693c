"""Closed namespaces: a typo in a term fails at import, not silently in a query.

Standard vocabularies come from rdflib (ORG, PROV, TIME, SKOS, DCTERMS, FOAF, SDO); the Web
Annotation vocabulary and our own terms are declared here. Every BVKG term below must be defined,
with rdfs:label and rdfs:comment, in ontology/bvkg.ttl (a test checks both directions).
"""
from rdflib import Namespace, URIRef
from rdflib.namespace import (  # noqa: F401  (re-exported for one import site)
    DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SKOS, TIME, VOID, XSD, DCAT, DefinedNamespace,
)

ONTOLOGY_IRI = "https://w3id.org/bvkg/ontology"
LEG = Namespace("http://www.legislation.gov.uk/id/")


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary (the subset we use)."""
    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


class BVKG(DefinedNamespace):
    """bvkg's own terms: only what ORG, PROV-O, OWL-Time, SKOS, DCTERMS, FOAF/schema.org and OA lack."""
    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # organisations
    LocalAuthority: URIRef
    GovernmentDepartment: URIRef
    Regulator: URIRef
    Auditor: URIRef
    Association: URIRef
    PoliticalGroup: URIRef
    Board: URIRef
    Committee: URIRef
    InterventionTeam: URIRef
    # roles, posts, holdings
    RoleHolding: URIRef          # subclass of org:Membership
    Attestation: URIRef
    Capacity: URIRef             # SKOS concept class for interim / acting / permanent
    post: URIRef                 # holding -> org:Post
    capacity: URIRef             # holding or attestation -> Capacity
    holderUnnamed: URIRef        # holding -> xsd:boolean true when the text names no holder
    holderCount: URIRef          # unnamed holding -> xsd:integer, how many holders the text counts ('three Commissioners')
    roleAsWritten: URIRef        # attestation -> literal, the role words of the text
    hasAttestation: URIRef       # holding -> Attestation
    attestedOn: URIRef           # attestation -> time:Instant (document date)
    statedStart: URIRef          # attestation -> time:Instant (a start the text states)
    statedEnd: URIRef            # attestation -> time:Instant (an end the text states)
    leadFor: URIRef              # board holding -> theme concept
    represents: URIRef           # board holding -> org:Organization (group or body sat for)
    predecessor: URIRef          # holding -> holding (same post, earlier)
    successor: URIRef            # holding -> holding (same post, later)
    foundBy: URIRef              # any fact -> literal name of the extraction rule
    statutoryBasis: URIRef       # role concept -> legislation provision that creates it
    # intervention machinery
    Inspection: URIRef
    Intervention: URIRef
    Direction: URIRef
    DirectionItem: URIRef
    status: URIRef               # direction -> "proposed" | "made"
    powerCited: URIRef           # direction -> legislation provision
    addressedTo: URIRef          # direction / inspection / intervention -> authority
    hasItem: URIRef              # direction -> item (and item -> sub-item)
    itemLabel: URIRef            # item -> "b", "a(iv)"
    requirement: URIRef          # item -> literal text of what is required
    deadlineDuration: URIRef     # item -> xsd:duration, e.g. "P3M"
    deadline: URIRef             # item -> xsd:date computed from the direction date
    reportingInterval: URIRef    # item -> xsd:duration of a recurring report
    reportsTo: URIRef            # item -> agent reported to
    inspector: URIRef            # inspection -> person
    assistantInspector: URIRef   # inspection -> person
    submittedOn: URIRef          # inspection -> time:Instant
    sentOn: URIRef               # inspection -> time:Instant
    initialDuration: URIRef      # intervention -> xsd:duration
    outcomeSought: URIRef        # direction -> literal: end | end shortly | fulfilled | remove | amend | continue
    # themes
    Theme: URIRef
    ThemeJudgement: URIRef
    theme: URIRef
    judgement: URIRef            # literal: failing | progress | good progress | improved | early
    # documents
    Document: URIRef
    Letter: URIRef
    Report: URIRef
    DirectionsDocument: URIRef
    Minutes: URIRef
    Statement: URIRef
    Paragraph: URIRef
    number: URIRef               # paragraph -> its own numbering "1.7", "14(a)(iv)"
    anchor: URIRef               # paragraph -> fragment id "p1.7"
    position: URIRef             # paragraph -> xsd:integer order in the document
    blockKind: URIRef            # paragraph -> heading | paragraph | item | signature | letterhead ...
    startLine: URIRef            # paragraph -> xsd:integer 1-based line in the source file
    mentions: URIRef             # paragraph -> entity it names
    sourceFile: URIRef           # document -> literal file name
    DateInference: URIRef        # a curator's inferred date of an undated document, with its evidence
    hasDateInference: URIRef     # document -> DateInference
    inferredDate: URIRef         # document / DateInference -> xsd:gYear|gYearMonth|date (never dcterms:date)
    dateBasis: URIRef            # document / DateInference -> literal: why that date
    # legislation
    LegislationProvision: URIRef
    Citation: URIRef
    cites: URIRef                # citation -> provision
    pinpoint: URIRef             # citation -> literal "15(5)"
    # events
    Event: URIRef
    Meeting: URIRef
    Election: URIRef
    Appointment: URIRef
    Departure: URIRef
    Rating: URIRef
    Recommendation: URIRef
    rating: URIRef               # rating event -> literal "C3"
    participant: URIRef          # event -> agent
    count: URIRef                # event -> xsd:integer, how many as written ('three recommendations')
    dueAfter: URIRef             # event -> xsd:duration after the intervention began ('after four months')
    # analytics
    degreeCentrality: URIRef
    betweennessCentrality: URIRef


PREFIXES: dict[str, str] = {
    "bvkg": str(BVKG._NS),
    "org": str(ORG),
    "prov": str(PROV),
    "time": str(TIME),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "schema": str(SDO),
    "oa": str(OA._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "leg": str(LEG),
}


def sparql_prefixes() -> str:
    return "\n".join(f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()) + "\n"
