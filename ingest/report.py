"""Readable listings of one document's facts (`bvkg ingest FILE`): text for people, Turtle for machines.

Each fact is shown with its paragraph anchor, the rule that found it and the quoted words, so a
reader can check every line against the source.
"""
from __future__ import annotations

from typing import Iterable

from ingest.model import DocumentFacts, Evidence


def _ev(ev: Evidence) -> str:
    return f'#{ev.anchor} [{ev.rule}] "{ev.exact}"'


def _section(title: str, rows: Iterable[str]) -> list[str]:
    rows = list(rows)
    return [f"{title} ({len(rows)})", *(f"  {r}" for r in rows), ""] if rows else []


def facts_as_text(facts: DocumentFacts) -> str:
    d = facts.document
    date = d.date.iso() if d.date else "undated"
    inferred = d.metadata.get("date_inferred")
    out = [
        f"{d.slug}  ({d.kind}, {date}, date {d.date_basis}{f'; inferred {inferred}' if inferred else ''})",
        f"title: {d.title or '-'}",
        f"blocks: {len(d.blocks)}",
        "",
    ]
    out += _section("signatories", facts.signatories)
    out += _section("recipients", facts.recipients)
    out += _section("copied to", facts.copied_to)
    out += _section("people", (f"{p.name}" + (f" -> {p.key}" if p.key and p.key != p.name else "")
                               + (f" {list(p.honorifics)}" if p.honorifics else "") + f"  {_ev(p.evidence)}"
                               for p in facts.people))
    out += _section("organisations", (f"{o.name} [{o.kind}]" + (f" ({o.abbreviation})" if o.abbreviation else "")
                                      + f"  {_ev(o.evidence)}" for o in facts.organisations))
    out += _section("role holdings", (
        f"{h.person or '(not named)'} — {h.role} ({h.role_as_written!r}) at {h.organisation or 'the authority'}"
        + (f", {h.capacity}" if h.capacity else "") + (f", lead for {' & '.join(h.lead_for)}" if h.lead_for else "")
        + (f", for {h.represents}" if h.represents else "")
        + (f", from {h.start.iso()}" if h.start else "") + (f", to {h.end.iso()}" if h.end else "")
        + (f", attested {h.attested.iso()}" if h.attested else "") + f"  {_ev(h.evidence)}"
        for h in facts.holdings))
    for dr in facts.directions:
        out += [f"directions ({dr.status}{', ' + dr.date.iso() if dr.date else ''})  {_ev(dr.evidence)}"]
        for it in dr.items:
            extra = ", ".join(x for x in (
                f"deadline {it.deadline_duration}" + (f" = {it.deadline.iso()}" if it.deadline else "") if it.deadline_duration else "",
                f"reports every {it.reporting_interval}" if it.reporting_interval else "",
                f"to {it.reports_to}" if it.reports_to else "") if x)
            out.append(f"  ({it.label}) {it.text[:90]}{'…' if len(it.text) > 90 else ''}" + (f"  [{extra}]" if extra else ""))
        out.append("")
    out += _section("citations", (f"{c.act_title} {c.subsection or c.section or c.part or ''}  {_ev(c.evidence)}"
                                  for c in facts.citations))
    out += _section("themes", (f"{t.theme}" + (f" = {t.judgement}" if t.judgement else "") + f"  {_ev(t.evidence)}"
                               for t in facts.themes))
    out += _section("events", (f"{e.kind} {e.date.iso() if e.date else '?'}: {e.description}"
                               + (f" rating {e.rating}" if e.rating else "") + f"  {_ev(e.evidence)}" for e in facts.events))
    out += _section("inspections", (f"inspector {i.inspector or '?'}, assistants {list(i.assistants)}"
                                    + (f", submitted {i.submitted.iso()}" if i.submitted else "")
                                    + (f", sent {i.sent.iso()}" if i.sent else "") + f"  {_ev(i.evidence)}"
                                    for i in facts.inspections))
    out += _section("interventions", (f"{v.authority or 'the authority'}"
                                      + (f" from {v.start.iso()}" if v.start else "")
                                      + (f" for {v.initial_duration}" if v.initial_duration else "") + f"  {_ev(v.evidence)}"
                                      for v in facts.interventions))
    return "\n".join(out).rstrip() + "\n"


def facts_as_turtle(facts: DocumentFacts, base: str) -> str:
    from ingest.rdf import document_graph

    return document_graph(facts, base).serialize(format="turtle")
