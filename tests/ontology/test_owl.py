"""HermiT (through owlready2) finds the ontology consistent, offline.

These tests FAIL, not skip, when Java is missing: the check is part of the build's contract.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from ontology import owl_check
from ontology.namespaces import BVKG
from ontology.owl_check import JavaMissing, hermit_check, is_consistent

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "sample.ttl"


def test_ontology_is_consistent_with_no_unsatisfiable_class():
    report = hermit_check()
    assert report.consistent, report.message
    assert report.unsatisfiable == ()
    assert is_consistent() is True


def test_sample_pattern_data_is_consistent_with_the_ontology():
    """The domains and ranges do not clash with data shaped as docs/rdf-patterns.md."""
    data = Graph().parse(SAMPLE, format="turtle")
    report = hermit_check(data)
    assert report.consistent, report.message
    assert report.unsatisfiable == ()


def test_hermit_reports_a_node_typed_as_two_disjoint_kinds():
    data = Graph().parse(data=f"<http://example.org/x> a <{BVKG.Document}>, <{BVKG.Event}> .", format="turtle")
    report = hermit_check(data)
    assert report.consistent is False
    assert report.ok is False


def test_hermit_reports_an_unsatisfiable_class():
    extra = Graph().parse(data=f"<{BVKG.Letter}> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{BVKG.Event}> .",
                          format="turtle")
    report = hermit_check(extra)
    assert report.consistent is True
    assert report.unsatisfiable == (str(BVKG.Letter),)
    assert report.message == f"unsatisfiable: {BVKG.Letter}"


def test_missing_java_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(owl_check.shutil, "which", lambda name: None)
    with pytest.raises(JavaMissing, match="HermiT needs Java"):
        hermit_check()


def test_module_entry_point_reports_and_exits_zero(capsys):
    assert owl_check.main() == 0
    assert capsys.readouterr().out == "consistent, no unsatisfiable class\n"
