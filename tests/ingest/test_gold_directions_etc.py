"""The seed corpus against the hand-checked gold (seeds-gold.yaml) and competency questions:
Directions and their items, legislation citations, themes, events, inspections, interventions.

Scores are printed (run with -s); each floor below is the level actually reached, so a change that
loses a fact fails here.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ingest import directions, events, legislation, themes
from ingest.legislation import provision_key
from ingest.model import DocumentFacts, PartialDate

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "acceptance" / "seeds-gold.yaml"
ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("*", "").replace("’", "'").replace("‘", "'")).strip()


@pytest.fixture(scope="module")
def gold() -> dict:
    with open(GOLD, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def facts(corpus_docs) -> dict[str, DocumentFacts]:
    out = {}
    for key, doc in corpus_docs.items():
        f = DocumentFacts(document=doc)
        for mod in (legislation, directions, themes, events):
            mod.extract(doc, f)
        out[key] = f
    return out


def _by_label(f: DocumentFacts) -> dict[str, object]:
    (d,) = [d for d in f.directions if d.items]
    return {i.label: i for i in d.items}


# ------------------------------------------------------------------ Directions

def test_d000_proposed_directions_header(facts):
    (d,) = [d for d in facts["000"].directions if d.items]
    assert (d.status, d.date, d.authority) == ("proposed", PartialDate(2024, 11, 12), "London Borough of Tower Hamlets")
    assert (d.power.act_id, d.power.section, d.power.subsection, d.power.evidence.exact) == (
        "ukpga/1999/27", "15", "15(5)", "section 15(5) of the 1999 Act")
    assert [x.key for x in facts["000"].directions] == ["directions"]


def test_d000_direction_items_against_gold(gold, facts):
    (regime,) = [r for r in gold["interventions_and_directions"]["directions_regimes"] if r["id"] == "DIR2024P"]
    gold_items = {i["item"]: i for i in regime["items"]}
    items = _by_label(facts["000"])
    top = {k for k in items if "(" not in k}
    subs = {k for k in items if "(" in k}
    hit = top & set(gold_items)
    # a sub-item is right when the gold subject of its parent lists that roman numeral
    sub_ok = {k for k in subs if f"({k.split('(')[1]}" in gold_items.get(k[0], {}).get("subject", "")}
    recall, precision = len(hit) / len(gold_items), (len(hit) + len(sub_ok)) / len(items)
    print(f"\nDirection items D000: recall {recall:.2f} precision {precision:.2f} "
          f"({len(hit)}/{len(gold_items)} items, {len(sub_ok)}/{len(subs)} sub-items)")
    assert (recall, precision) == (1.0, 1.0)
    assert sorted(subs) == ["a(i)", "a(ii)", "a(iii)", "a(iv)", "a(v)", "a(vi)", "e(i)", "e(ii)", "e(iii)",
                            "e(iv)", "e(v)", "k(i)", "k(ii)", "k(iii)"]
    for label, g in gold_items.items():
        assert squash(g["src"]["quote"]).lower() in squash(items[label].text).lower(), label
        assert items[label].evidence.exact == items[label].text


def test_d000_deadlines_and_reporting(facts, gold):
    items = _by_label(facts["000"])
    rows = {k: (i.deadline_duration, i.deadline and i.deadline.iso(), i.reporting_interval, i.reports_to)
            for k, i in items.items() if i.deadline_duration or i.reporting_interval}
    assert rows == {
        "b": ("P1M", "2024-12-12", None, None),
        "c": ("P3M", "2025-02-12", None, None),
        "d": ("P3M", "2025-02-12", None, None),
        "e": ("P3M", "2025-02-12", None, None),
        "g": (None, None, "P3M", "Transformation and Assurance Board"),
        "j": (None, None, "P6M", "Secretary of State"),
    }
    (regime,) = [r for r in gold["interventions_and_directions"]["directions_regimes"] if r["id"] == "DIR2024P"]
    summary = regime["deadline_summary"]
    assert sorted(k for k, v in rows.items() if v[0] == "P1M") == summary["within_one_month"]
    assert sorted(k for k, v in rows.items() if v[0] == "P3M") == summary["within_three_months"]


def test_cq12_one_month_direction(facts):
    hits = [i for i in _by_label(facts["000"]).values() if i.deadline_duration == "P1M"]
    assert [i.label for i in hits] == ["b"]
    assert "suitable permanent appointment to lead the improvement work" in hits[0].text


def test_cq13_recurring_reporting(facts):
    rows = sorted((i.label, i.reporting_interval, i.reports_to) for i in _by_label(facts["000"]).values()
                  if i.reporting_interval)
    assert rows == [("g", "P3M", "Transformation and Assurance Board"), ("j", "P6M", "Secretary of State")]
    g = _by_label(facts["000"])["g"]
    assert "report to the Board on the delivery of the Continuous Improvement Plan" in g.text
    assert g.themes == ("continuous-improvement", "culture")


def test_directions_referred_to_in_other_documents(facts):
    def rows(key):
        return [(d.key, d.status, d.date and d.date.iso(), d.items) for d in facts[key].directions]

    assert rows("004") == [("best-value-directions-2014-12", "made", "2014-12", []),
                           ("revised-directions", "made", None, [])]
    assert facts["004"].directions[0].date.precision == "month"
    assert rows("001") == [("ministerial-directions", "made", None, [])]
    assert rows("003") == [("direction-elections", "made", None, []), ("direction-statutory-officers", "made", None, []),
                           ("direction-procurement", "made", None, []), ("direction-communications", "made", None, []),
                           ("direction-grant-management", "made", None, []), ("direction-property", "made", None, [])]
    # CQ27: what the 2016 letter asks for each area
    assert [(d.area, d.outcome_sought) for d in facts["003"].directions] == [
        ("elections", "end"), ("Statutory Officers", "fulfilled"), ("Procurement", "remove"),
        ("communications", "end shortly"), ("grant management", "amend"), ("Property", "continue")]
    assert rows("002") == []


# ------------------------------------------------------------------ legislation

def test_legislation_against_gold_precision_is_total(gold, facts):
    expected = {("000", "ukpga/1999/27", k) for k in ("Part 1", "s3", "s13(3)", "s15(5)", "s15(9)", "s26")}
    expected.add(("001", "ukpga/1989/42", "Act"))
    found = {(key, c.act_id, provision_key(c)) for key, f in facts.items() for c in f.citations}
    precision = len(found & expected) / len(found)
    recall = len(found & expected) / len(expected)
    print(f"\nLegislation citations: recall {recall:.2f} precision {precision:.2f} ({len(found)} distinct)")
    assert found == expected
    quotes = {squash(c.evidence.exact) for c in facts["000"].citations}
    (leg,) = [g for g in gold["legislation"] if g["act"] == "Local Government Act 1999"]
    for p in leg["provisions"]:
        q = squash(p["src"]["quote"])
        assert any(x in q or q in x for x in quotes), q


def test_cq15_and_documents_citing_no_section(facts):
    assert sorted(provision_key(c) for c in facts["000"].citations) == [
        "Part 1", "Part 1", "s13(3)", "s15(5)", "s15(5)", "s15(9)", "s15(9)", "s26", "s26", "s3"]
    assert facts["002"].citations == facts["003"].citations == facts["004"].citations == []
    (c,) = facts["001"].citations
    assert (c.act_title, c.section, c.evidence.exact) == ("Local Government and Housing Act 1989", None,
                                                          "the 1989 Local Government Act")


# ------------------------------------------------------------------ themes

GOLD_JUDGEMENTS = [
    ("000", t, "failing") for t in ("continuous-improvement", "governance", "leadership", "culture",
                                    "partnerships-and-community-engagement")
] + [
    ("000", "use-of-resources", "progress"), ("000", "service-delivery", "progress"),
    ("001", "governance", "early"), ("001", "culture", "early"),
    ("001", "partnerships-and-community-engagement", "early"), ("001", "continuous-improvement", "progress"),
    ("001", "governance", "improved"), ("003", "culture", "progress"), ("004", "culture", "improved"),
]


def test_theme_judgements_against_gold(facts):
    found = {(k, t.theme, t.judgement) for k, f in facts.items() for t in f.themes if t.judgement}
    hit = [g for g in GOLD_JUDGEMENTS if g in found]
    print(f"\nTheme judgements: {len(hit)}/{len(GOLD_JUDGEMENTS)} gold judgements found; "
          f"{len(found)} judged (document, theme, judgement) found")
    assert hit == GOLD_JUDGEMENTS
    # nothing judged 'failing' outside the letter that states the failure
    assert {k for k, _, j in found if j == "failing"} == {"000"}


def test_theme_quotes_state_the_theme(facts):
    letter = [t for t in facts["000"].themes if t.evidence.anchor == facts["000"].themes[0].evidence.anchor]
    assert [(t.theme, t.judgement) for t in letter] == [
        ("continuous-improvement", "failing"), ("governance", "failing"), ("leadership", "failing"),
        ("culture", "failing"), ("partnerships-and-community-engagement", "failing")]
    assert letter[0].evidence.exact == ("failing to comply with its Best Value Duty, specifically the themes of "
                                        "Continuous Improvement")
    for f in facts.values():
        by_anchor = {b.anchor: b for b in f.document.blocks}
        for t in f.themes:
            assert by_anchor[t.evidence.anchor].text[t.evidence.start:t.evidence.end] == t.evidence.exact
        keys = [(t.evidence.anchor, t.theme) for t in f.themes]
        assert len(keys) == len(set(keys))  # one ThemeFact per theme per paragraph


# ------------------------------------------------------------------ events

STRICT_FLOOR = (0.65, 0.76)    # (recall, precision): the levels reached, see the printed scores
LENIENT_FLOOR = (0.68, 0.98)


def _gold_events(gold):
    files = {v: k[1:] for k, v in gold["meta"]["files"].items()}
    for e in gold["events"]:
        m = ISO.match(str(e["date"]))
        if not m:
            continue
        for src in e.get("sources") or [e["src"]]:
            yield e["id"], files[src["file"]], src["line"], m.group(0)


def test_events_against_gold(gold, facts):
    gold_rows = list(_gold_events(gold))
    ours = []
    for key, f in facts.items():
        by_anchor = {b.anchor: b for b in f.document.blocks}
        for e in f.events:
            if e.date is None:
                continue
            b = by_anchor[e.evidence.anchor]
            ours.append((key, b.line, b.end_line, e.date.iso(), e))

    def strict(o, g):  # same document, same date, and the gold quote's line inside our paragraph
        return o[0] == g[1] and o[1] <= g[2] <= o[2] and o[3] == g[3]

    def lenient(o, g):  # same document and date (gold cites one place; documents repeat themselves),
        # or ours at the coarser precision the quoted text gives ('in August' for gold's 2024-08-08)
        return o[0] == g[1] and (o[3] == g[3] or (g[3].startswith(o[3]) and o[1] <= g[2] <= o[2]))

    all_ids = {g[0] for g in gold_rows}
    scores = {}
    for name, match in (("strict", strict), ("lenient", lenient)):
        hit_ids = {g[0] for g in gold_rows if any(match(o, g) for o in ours)}
        good = [o for o in ours if any(match(o, g) for g in gold_rows)]
        scores[name] = (round(len(hit_ids) / len(all_ids), 2), round(len(good) / len(ours), 2))
        print(f"\nEvents ({name}): recall {scores[name][0]:.2f} ({len(hit_ids)}/{len(all_ids)}) "
              f"precision {scores[name][1]:.2f} ({len(good)}/{len(ours)})")
        if name == "lenient":
            for o in ours:
                if o not in good:
                    print("   ours, not in gold:", o[0], o[3], o[4].kind, o[4].evidence.exact)
            for g in gold_rows:
                if g[0] not in hit_ids:
                    print("   gold, not found:", g)
    assert scores["strict"][0] >= STRICT_FLOOR[0] and scores["strict"][1] >= STRICT_FLOOR[1]
    assert scores["lenient"][0] >= LENIENT_FLOOR[0] and scores["lenient"][1] >= LENIENT_FLOOR[1]


def test_cq30_cq31_rating_and_recommendations(facts):
    (r,) = [e for e in facts["001"].events if e.rating == "C3"]
    assert (r.kind, r.date, r.evidence.exact) == ("Rating", PartialDate(2025, 4), "C3 rating in April")
    assert "year inferred from the document date" in r.description
    assert r.participants == ("Regulator of Social Housing",)
    (rec,) = [e for e in facts["001"].events if e.kind == "Recommendation"]
    assert rec.date == PartialDate(2025, 2)
    assert rec.evidence.exact == ("February 2025, the council's external auditor issued three statutory "
                                  "recommendations to the council relating to procurement, the internal control "
                                  "environment and financial reporting")
    assert (rec.count, rec.subjects) == (3, ("procurement", "the internal control environment", "financial reporting"))
    (o,) = [e for e in facts["001"].events if e.rating == "Outstanding"]
    assert o.date is None


def test_cq17_inspection(facts):
    ins = facts["000"].inspections
    assert [(i.inspector, i.assistants, i.submitted, i.sent) for i in ins] == [
        ("Kim Bromley-Derry", (), None, PartialDate(2024, 8, 8)),
        ("Kim Bromley Derry", ("Suki Binjal", "Sir John Jenkins", "Philip Simpkins"), PartialDate(2024, 7, 31), None),
    ]
    assert all(i.authority == "London Borough of Tower Hamlets" for i in ins)
    for key in ("001", "002", "003", "004"):
        assert facts[key].inspections == []


def test_cq40_intervention_duration_and_start(facts):
    assert [(i.initial_duration, i.start, i.evidence.exact) for i in facts["000"].interventions] == [
        ("P3Y", None, "for an initial period of three years")]
    assert [(i.initial_duration, i.start, i.evidence.exact) for i in facts["001"].interventions] == [
        (None, PartialDate(2025, 1, 22), "intervention began on 22nd January 2025")]


def test_undated_letter_dates_nothing_it_does_not_state(facts):
    """D003 is undated: 'the GLA Elections in May' keeps no year; 'July 2015' is stated."""
    rows = [(e.kind, e.date and e.date.iso(), e.evidence.exact) for e in facts["003"].events]
    assert rows == [("Election", "2015-07", "election in July 2015"),
                    ("Election", None, "Elections in May"),
                    ("Election", None, "Referendum in June"),
                    ("Meeting", None, "meeting with your predecessor in May")]
    assert all("year not stated" in e.description for e in facts["003"].events if e.date is None)
