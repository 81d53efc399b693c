"""SHACL shapes: the sample pattern graph conforms; each broken variant fails with the message
that names the broken rule (and only that one)."""
from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

import ontology
from ontology.namespaces import sparql_prefixes

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample.ttl"
ID = "https://w3id.org/bvkg/id/"

# nodes of the sample graph
DOC = f"<{ID}document/doc-1>"
P1 = f"<{ID}document/doc-1#p1>"
P2 = f"<{ID}document/doc-1#p2.b>"
Q1 = f"<{ID}document/doc-1/quote/p1/0-40>"
Q1_EXACT = f"<{ID}document/doc-1/quote/p1/0-40#exact>"
Q1_POS = f"<{ID}document/doc-1/quote/p1/0-40#position>"
NAMED = f"<{ID}holding/example/monitoring-officer/jane-example>"
UNNAMED = f"<{ID}holding/example/section-151-officer/unnamed-doc-1-p1-0>"
ATT = f"<{ID}holding/example/monitoring-officer/jane-example/doc-1/p1/0>"
DIRECTION = f"<{ID}direction/doc-1/directions>"
ITEM = f"<{ID}direction/doc-1/directions/b>"
CITATION = f"<{ID}citation/doc-1/p2.b/0>"
JUDGEMENT = f"<{ID}judgement/doc-1/p2.b/0>"
PERSON = f"<{ID}person/jane-example>"
AUTHORITY = f"<{ID}authority/example>"
INSTANT = f"<{ID}time/2024-11-12>"

HOLDER = "RoleHolding needs a named member or holderUnnamed true, not both"
EVIDENCE = "{} needs evidence: prov:wasDerivedFrom a quoted passage (oa:SpecificResource)"

# (case id, SPARQL Update breaking the sample, expected messages, expected focus node)
CASES = [
    ("holding-both-member-and-unnamed", f"INSERT DATA {{ {NAMED} bvkg:holderUnnamed true }}", {HOLDER}, NAMED),
    ("holding-neither-member-nor-unnamed", f"DELETE WHERE {{ {UNNAMED} bvkg:holderUnnamed ?x }}", {HOLDER}, UNNAMED),
    ("holding-no-interval-no-attestation", f"DELETE WHERE {{ {UNNAMED} bvkg:hasAttestation ?x }}",
     {"RoleHolding needs an org:memberDuring interval or at least one bvkg:hasAttestation"}, UNNAMED),
    ("holding-two-organisations", f"INSERT DATA {{ {NAMED} org:organization <{ID}authority/other> }}",
     {"RoleHolding needs exactly one org:organization"}, NAMED),
    ("holding-no-organisation", f"DELETE WHERE {{ {UNNAMED} org:organization ?x }}",
     {"RoleHolding needs exactly one org:organization"}, UNNAMED),
    ("holding-no-role", f"DELETE WHERE {{ {NAMED} org:role ?x }}", {"RoleHolding needs exactly one org:role"}, NAMED),
    ("holding-no-evidence", f"DELETE WHERE {{ {NAMED} prov:wasDerivedFrom ?x }}", {EVIDENCE.format("RoleHolding")}, NAMED),
    ("holding-evidence-not-a-quote", f"DELETE WHERE {{ {NAMED} prov:wasDerivedFrom ?x }} ;"
                                     f"INSERT DATA {{ {NAMED} prov:wasDerivedFrom {P1} }}",
     {EVIDENCE.format("RoleHolding")}, NAMED),
    ("holding-interval-is-an-instant", f"DELETE WHERE {{ {NAMED} org:memberDuring ?x }} ;"
                                       f"INSERT DATA {{ {NAMED} org:memberDuring {INSTANT} }}",
     {"RoleHolding has at most one org:memberDuring, a time:Interval"}, NAMED),
    ("holding-attestation-is-a-quote", f"INSERT DATA {{ {NAMED} bvkg:hasAttestation {Q1} }}",
     {"RoleHolding's bvkg:hasAttestation must point to a bvkg:Attestation"}, NAMED),
    ("holding-unnamed-not-boolean", f'INSERT DATA {{ {NAMED} bvkg:holderUnnamed "no" }}',
     {"RoleHolding's bvkg:holderUnnamed is one xsd:boolean"}, NAMED),
    ("attestation-no-evidence", f"DELETE WHERE {{ {ATT} prov:wasDerivedFrom ?x }}", {EVIDENCE.format("Attestation")}, ATT),
    ("attestation-no-role-as-written", f"DELETE WHERE {{ {ATT} bvkg:roleAsWritten ?x }}",
     {"Attestation needs bvkg:roleAsWritten, the role words as the text writes them"}, ATT),
    ("attestation-two-dates", f"INSERT DATA {{ {ATT} bvkg:attestedOn <{ID}time/2024-11-13> . <{ID}time/2024-11-13> a time:Instant }}",
     {"Attestation has at most one bvkg:attestedOn, a time:Instant"}, ATT),
    ("quote-no-source", f"DELETE WHERE {{ {Q1} oa:hasSource ?x }}",
     {"Quote needs exactly one oa:hasSource, a bvkg:Paragraph"}, Q1),
    ("quote-source-is-the-document", f"DELETE WHERE {{ {Q1} oa:hasSource ?x }} ; INSERT DATA {{ {Q1} oa:hasSource {DOC} }}",
     {"Quote needs exactly one oa:hasSource, a bvkg:Paragraph"}, Q1),
    ("quote-no-quote-selector", f"DELETE DATA {{ {Q1} oa:hasSelector {Q1_EXACT} }}",
     {"Quote needs one oa:TextQuoteSelector"}, Q1),
    ("quote-no-position-selector", f"DELETE DATA {{ {Q1} oa:hasSelector {Q1_POS} }}",
     {"Quote needs one oa:TextPositionSelector"}, Q1),
    ("quote-exact-differs-from-text", f'DELETE WHERE {{ {Q1_EXACT} oa:exact ?x }} ;'
                                      f'INSERT DATA {{ {Q1_EXACT} oa:exact "Jane Example, Acting Monitoring Officer" }}',
     {"Quote's oa:exact must equal the paragraph text from oa:start to oa:end"}, Q1),
    ("quote-offsets-shifted", f"DELETE WHERE {{ {Q1_POS} oa:start ?s ; oa:end ?e }} ;"
                              f"INSERT DATA {{ {Q1_POS} oa:start 1 ; oa:end 41 }}",
     {"Quote's oa:exact must equal the paragraph text from oa:start to oa:end"}, Q1),
    ("quote-selector-no-exact", f"DELETE WHERE {{ {Q1_EXACT} oa:exact ?x }}",
     {"TextQuoteSelector needs exactly one non-empty oa:exact"}, Q1_EXACT),
    ("position-start-not-integer", f'DELETE WHERE {{ {Q1_POS} oa:start ?x }} ; INSERT DATA {{ {Q1_POS} oa:start "0" }}',
     {"TextPositionSelector needs exactly one integer oa:start >= 0",
      "TextPositionSelector needs oa:start <= oa:end"}, Q1_POS),  # a string does not compare with an integer
    ("position-no-end", f"DELETE WHERE {{ {Q1_POS} oa:end ?x }}",
     {"TextPositionSelector needs exactly one integer oa:end"}, Q1_POS),
    ("position-start-after-end", f"DELETE WHERE {{ {Q1_POS} oa:start ?s ; oa:end ?e }} ;"
                                 f"INSERT DATA {{ {Q1_POS} oa:start 40 ; oa:end 0 }}",
     {"TextPositionSelector needs oa:start <= oa:end",
      "Quote's oa:exact must equal the paragraph text from oa:start to oa:end"}, Q1_POS),
    ("paragraph-not-part-of-a-document", f"DELETE WHERE {{ {P1} dcterms:isPartOf ?x }}",
     {"Paragraph needs dcterms:isPartOf exactly one bvkg:Document"}, P1),
    ("paragraph-part-of-a-person", f"DELETE WHERE {{ {P1} dcterms:isPartOf ?x }} ; INSERT DATA {{ {P1} dcterms:isPartOf {PERSON} }}",
     {"Paragraph needs dcterms:isPartOf exactly one bvkg:Document"}, P1),
    ("paragraph-no-text", f"DELETE WHERE {{ {P2} rdf:value ?x }}", {"Paragraph needs exactly one rdf:value, its text"}, P2),
    ("paragraph-no-anchor", f"DELETE WHERE {{ {P2} bvkg:anchor ?x }}", {"Paragraph needs exactly one bvkg:anchor"}, P2),
    ("paragraph-anchor-not-fragment", f'DELETE WHERE {{ {P2} bvkg:anchor ?x }} ; INSERT DATA {{ {P2} bvkg:anchor "p2b" }}',
     {"Paragraph's bvkg:anchor must be the fragment of its IRI"}, P2),
    ("document-no-title-no-file", f"DELETE WHERE {{ {DOC} dcterms:title ?t }} ; DELETE WHERE {{ {DOC} bvkg:sourceFile ?f }}",
     {"Document needs a dcterms:title or a bvkg:sourceFile"}, DOC),
    ("document-date-as-prose", f'DELETE WHERE {{ {DOC} dcterms:date ?x }} ; INSERT DATA {{ {DOC} dcterms:date "12 November 2024" }}',
     {"Document has at most one dcterms:date, an xsd:date, xsd:gYearMonth or xsd:gYear"}, DOC),
    ("direction-status-draft", f'DELETE WHERE {{ {DIRECTION} bvkg:status ?x }} ; INSERT DATA {{ {DIRECTION} bvkg:status "draft" }}',
     {"Direction needs bvkg:status 'proposed' or 'made'"}, DIRECTION),
    ("direction-no-status", f"DELETE WHERE {{ {DIRECTION} bvkg:status ?x }}",
     {"Direction needs bvkg:status 'proposed' or 'made'"}, DIRECTION),
    ("direction-not-addressed", f"DELETE WHERE {{ {DIRECTION} bvkg:addressedTo ?x }}",
     {"Direction needs bvkg:addressedTo, the authority it is addressed to"}, DIRECTION),
    ("direction-item-is-a-quote", f"INSERT DATA {{ {DIRECTION} bvkg:hasItem {Q1} }}",
     {"Direction's bvkg:hasItem must point to a bvkg:DirectionItem"}, DIRECTION),
    ("item-no-label", f"DELETE WHERE {{ {ITEM} bvkg:itemLabel ?x }}", {"DirectionItem needs exactly one bvkg:itemLabel"}, ITEM),
    ("item-no-requirement", f"DELETE WHERE {{ {ITEM} bvkg:requirement ?x }}",
     {"DirectionItem needs bvkg:requirement, the text of what is required"}, ITEM),
    ("item-no-evidence", f"DELETE WHERE {{ {ITEM} prov:wasDerivedFrom ?x }}", {EVIDENCE.format("DirectionItem")}, ITEM),
    ("item-duration-as-prose", f'DELETE WHERE {{ {ITEM} bvkg:deadlineDuration ?x }} ;'
                               f'INSERT DATA {{ {ITEM} bvkg:deadlineDuration "one month" }}',
     {"DirectionItem's bvkg:deadlineDuration is one xsd:duration such as P3M"}, ITEM),
    ("item-deadline-a-month", f'DELETE WHERE {{ {ITEM} bvkg:deadline ?x }} ;'
                              f'INSERT DATA {{ {ITEM} bvkg:deadline "2024-12"^^xsd:gYearMonth }}',
     {"DirectionItem's bvkg:deadline is one xsd:date"}, ITEM),
    ("citation-no-provision", f"DELETE WHERE {{ {CITATION} bvkg:cites ?x }}",
     {"Citation needs exactly one bvkg:cites, a legislation provision IRI"}, CITATION),
    ("citation-provision-as-text", f'DELETE WHERE {{ {CITATION} bvkg:cites ?x }} ; INSERT DATA {{ {CITATION} bvkg:cites "s.15" }}',
     {"Citation needs exactly one bvkg:cites, a legislation provision IRI"}, CITATION),
    ("citation-no-evidence", f"DELETE WHERE {{ {CITATION} prov:wasDerivedFrom ?x }}", {EVIDENCE.format("Citation")}, CITATION),
    ("judgement-no-theme", f"DELETE WHERE {{ {JUDGEMENT} bvkg:theme ?x }}", {"ThemeJudgement needs exactly one bvkg:theme"}, JUDGEMENT),
    ("judgement-no-evidence", f"DELETE WHERE {{ {JUDGEMENT} prov:wasDerivedFrom ?x }}", {EVIDENCE.format("ThemeJudgement")}, JUDGEMENT),
]


def _validate(data: Graph) -> tuple[bool, list[tuple[str, str]]]:
    # The same call graph/validate.py makes: SHACL Core and SHACL-SPARQL, no advanced features.
    conforms, report, _ = pyshacl.validate(data, shacl_graph=str(ontology.shapes_path()), inference="none")
    # Only the report's own results: nested sh:detail results repeat what their parent says.
    # A result names the broken node as its focus node, or, for the corpus-wide text checks, as its sh:value.
    results = [(str(report.value(r, SH.resultMessage)), report.value(r, SH.focusNode).n3(),
                report.value(r, SH.value).n3() if report.value(r, SH.value) is not None else None)
               for top in report.subjects(RDF.type, SH.ValidationReport)
               for r in report.objects(top, SH.result)]
    return conforms, results


@pytest.fixture(scope="module")
def sample() -> Graph:
    return Graph().parse(SAMPLE, format="turtle")


def test_sample_conforms(sample):
    conforms, results = _validate(sample)
    assert results == []
    assert conforms is True


@pytest.mark.parametrize("case_id,update,messages,focus", CASES, ids=[c[0] for c in CASES])
def test_broken_sample_fails_naming_the_rule(sample, case_id, update, messages, focus):
    data = Graph()
    data += sample
    data.update(sparql_prefixes() + update)
    assert len(data) != len(sample) or set(data) != set(sample), "the update changed nothing"
    conforms, results = _validate(data)
    assert conforms is False
    assert {m for m, _, _ in results} == messages
    assert focus in {f for _, f, _ in results} | {v for _, _, v in results}


def test_every_shape_message_is_exercised():
    shapes = Graph().parse(ontology.shapes_path(), format="turtle")
    declared = {str(m) for m in shapes.objects(None, SH.message)}
    exercised = set().union(*(c[2] for c in CASES))
    assert sorted(declared - exercised) == []


def test_every_constraint_names_its_rule():
    """Property shapes carry sh:name and sh:message; node-level xone/or/sparql carry sh:message."""
    shapes = Graph().parse(ontology.shapes_path(), format="turtle")
    for ps in shapes.objects(None, SH.property):
        assert shapes.value(ps, SH.name) is not None, ps
        assert isinstance(shapes.value(ps, SH.message), Literal), ps
    for node in set(shapes.subjects(SH.xone, None)) | set(shapes.subjects(SH.sparql, None)):
        holder = node if (node, SH.xone, None) in shapes else shapes.value(node, SH.sparql)
        assert isinstance(shapes.value(holder, SH.message), Literal), node
    for node in shapes.subjects(SH["or"], None):
        if (node, SH.targetClass, None) in shapes:
            assert isinstance(shapes.value(node, SH.message), Literal), node


def test_shapes_path_points_at_the_shapes_file():
    path = ontology.shapes_path()
    assert path.name == "shapes.ttl" and path.is_file()
    assert URIRef("https://w3id.org/bvkg/shapes#RoleHolding") in set(
        Graph().parse(path, format="turtle").subjects())
