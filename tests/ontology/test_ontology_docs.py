"""The /ontology page: one anchor per term, hierarchy, properties and the SKOS schemes."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from ontology.docs import render_ontology_html
from ontology.namespaces import BVKG, OWL, RDF
from ontology.skos import ontology_graph

NS = str(BVKG._NS)


class _Ids(HTMLParser):
    """Collects element ids, links and tag balance."""

    VOID = {"meta", "link", "br", "img", "hr", "input"}

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.srcs: list[str] = []
        self.stack: list[str] = []
        self.id_tag: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
            self.id_tag[a["id"]] = tag
        if "href" in a:
            self.hrefs.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


@pytest.fixture(scope="module")
def html() -> str:
    return render_ontology_html()


@pytest.fixture(scope="module")
def parsed(html) -> _Ids:
    p = _Ids()
    p.feed(html)
    return p


def test_every_class_has_an_anchor(parsed):
    g = ontology_graph()
    classes = {str(c)[len(NS):] for c in g.subjects(RDF.type, OWL.Class) if str(c).startswith(NS)}
    assert classes == {n for n in BVKG.__annotations__ if n[0].isupper()}
    assert sorted(classes - set(parsed.ids)) == []
    assert parsed.id_tag["RoleHolding"] == "article"


def test_every_term_has_exactly_one_anchor(parsed):
    for name in BVKG.__annotations__:
        assert parsed.ids.count(name) == 1, name
    assert len(parsed.ids) == len(set(parsed.ids))


def test_html_is_balanced_and_self_contained(html, parsed):
    assert html.startswith("<!DOCTYPE html>")
    assert parsed.stack == []
    assert parsed.srcs == []                       # no scripts, images or CDN assets
    assert "<link" not in html and "<script" not in html
    internal = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert sorted(set(internal) - set(parsed.ids)) == []   # every in-page link lands


def test_class_entry_shows_hierarchy_and_properties(html):
    start = html.index('<article id="RoleHolding">')
    entry = html[start:html.index("</article>", start)]
    assert "Role holding" in entry
    assert '<a href="#org-Membership"><code>org:Membership</code></a>' in entry
    assert '<a href="#hasAttestation"><code>bvkg:hasAttestation</code></a>' in entry
    assert '<a href="#holderUnnamed"><code>bvkg:holderUnnamed</code></a>' in entry
    # the hierarchy tree nests Letter under Document under foaf:Document
    assert ('<a href="#foaf-Document"><code>foaf:Document</code></a><ul><li>'
            '<a href="#Document"><code>bvkg:Document</code></a> Document<ul>') in html


def test_property_entry_shows_domain_and_range(html):
    start = html.index('<article id="capacity">')
    entry = html[start:html.index("</article>", start)]
    assert ("<dt>Domain</dt><dd><a href=\"#RoleHolding\"><code>bvkg:RoleHolding</code></a> or "
            "<a href=\"#Attestation\"><code>bvkg:Attestation</code></a></dd>") in entry
    assert '<dt>Range</dt><dd><a href="#Capacity"><code>bvkg:Capacity</code></a></dd>' in entry
    start = html.index('<article id="deadline">')
    entry = html[start:html.index("</article>", start)]
    assert "<code>xsd:date</code>" in entry


def test_schemes_list_concepts_with_alt_labels(html, parsed):
    for sid in ("scheme-roles", "scheme-board-roles", "scheme-capacities", "scheme-best-value-themes"):
        assert sid in parsed.ids
    assert ("<tr><td>Monitoring Officer</td><td><code>https://w3id.org/bvkg/id/role/monitoring-officer</code></td>"
            "<td>Borough Solicitor, City Solicitor, Director of Law") in html
    assert ">Local Government and Housing Act 1989, section 5</a>" in html


def test_text_is_escaped(html):
    # "Director of Children's Services" and "O&S Chair" come from the YAML and must be escaped
    assert "Director of Children&#x27;s Services" in html
    assert "O&amp;S Chair" in html
    assert "O&S Chair" not in html


def test_base_changes_concept_iris():
    assert "http://localhost:5000/id/role/monitoring-officer" in render_ontology_html("http://localhost:5000/")


def test_reused_classes_are_documented(html, parsed):
    for anchor in ("org-Post", "org-Membership", "foaf-Person", "time-Interval", "skos-Concept", "prov-Activity"):
        assert parsed.id_tag[anchor] == "article", anchor
    start = html.index('<article id="org-Post">')
    entry = html[start:html.index("</article>", start)]
    assert "holdings fill it through bvkg:post" in entry
    assert '<a href="http://www.w3.org/ns/org#Post"><code>http://www.w3.org/ns/org#Post</code></a>' in entry
