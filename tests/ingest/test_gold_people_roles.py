"""People, role holdings and board seats from the real pipeline, scored against the hand-checked gold.

Scores are printed (run with -s to see them). Where the issue's target is reached it is asserted;
where it is not, the level reached is asserted as a floor so a regression fails.
Gold: tests/fixtures/acceptance/seeds-gold.yaml (people, role_tenures, boards.memberships).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ingest.orgs import authority_key
from ingest.pipeline import ingest_corpus
from ingest.resolve import first_compatible, parts, surname_key
from ingest.roles import find_roles

ROOT = Path(__file__).resolve().parents[2]
GOLD = yaml.safe_load((ROOT / "tests/fixtures/acceptance/seeds-gold.yaml").read_text(encoding="utf-8"))

# The gold's normalised role names -> concept ids of ontology/vocab/roles.yaml. The vocabulary files
# 'Associate Director' and 'Principal Adviser' under programme-manager, so the gold's forms map there.
GOLD_ROLE = {
    "Head of Paid Service / Chief Executive": "head-of-paid-service",
    "Executive Mayor": "executive-mayor",
    "Divisional Director": "service-head",
    "Divisional Director (Children's Services), interim": "service-head",
    "Divisional Director (Children's Services)": "service-head",
    "Service Head": "service-head",
    "LGA Associate (peer)": "peer",
    "Commissioner (Lead)": "lead-commissioner",
    "Commissioner": "commissioner",
    "Non-Executive Director": "non-executive-director",
    "Leader of the Opposition": "leader-of-the-opposition",
    "Corporate Director": "corporate-director",
    "Associate Director": "programme-manager",
    "Programme Manager": "programme-manager",
    "LGA Principal Adviser": "programme-manager",
    "Best Value Inspector (lead)": "inspector",
    "Best Value Assistant Inspector": "assistant-inspector",
    "Deputy Director (senior civil servant)": "deputy-director",
    "Section 151 Officer / Chief Finance Officer": "section-151-officer",
    "Monitoring Officer": "monitoring-officer",
    "Minister (central government)": "minister-of-state",
    "Minister of State": "minister-of-state",
    "Secretary of State": "secretary-of-state",
    "Chair of Overview and Scrutiny": "chair-of-overview-and-scrutiny",
    "Chair of Audit Committee": "chair-of-audit-committee",
    "Ministerial Envoy": "ministerial-envoy",
    "Ministerial Envoy (Lead)": "ministerial-envoy",
    "Returning Officer": "returning-officer",
    "Head of Communications": "head-of-communications",
    "Young Mayor": "young-mayor",
    "Director of HR": "director-of-human-resources",
    "Director of Human Resources (interim)": "director-of-human-resources",
    "Strategic Director (improvement lead)": "strategic-director-change",
}
SUBJECT = "tower hamlets"            # every seed document is about LBTH (gold meta)
BOARD_IDS = {"Transformation and Assurance Board": "B02", "Partnership Executive Group": "B13",
             "Children's Services Improvement Board": "B14", "Corporate Leadership Team": "B06",
             "Corporate Peer Challenge Team": "O04", "Internal Assurance Board": "B03"}
BOARD_ROLES = {"chair", "vice-chair", "board-lead", "board-member"}
WILDCARD = None                      # a gold authority the text does not name matches any


def org_key(name):
    """Normalise an organisation as written (ours or the gold's) to a comparable key."""
    if name is None:
        return SUBJECT
    low = name.lower()
    if "tower hamlets" in low or "lbth" in low:
        return SUBJECT
    if "ministry of housing" in low or "mhclg" in low:
        return "mhclg"
    if "local government association" in low or "(lga)" in low:
        return "lga"
    if low.startswith(("not named", "not stated", "central government")):
        return WILDCARD
    return authority_key(name).lower()


def gold_role(text: str):
    if text in GOLD_ROLE:
        return GOLD_ROLE[text]
    for cand in (text, text.title()):
        hits = find_roles(cand)
        if hits:
            return hits[0].role
    return None


def same_person(a: str, b: str) -> bool:
    fa, sa = parts(a)
    fb, sb = parts(b)
    return surname_key(sa) == surname_key(sb) and first_compatible(fa, fb)


def file_of(src) -> str:
    return (src.get("file") if isinstance(src, dict) else None) or ""


def tenure_sources(t):
    return [s["file"] for s in ([t["src"]] if "src" in t else t.get("sources", []))]


def test_every_quote_is_in_its_block(corpus):
    """Evidence offsets hold: block.text[start:end] == exact, for every person, org and holding."""
    bad = []
    for f in corpus.values():
        evs = [p.evidence for p in f.people] + [o.evidence for o in f.organisations]
        evs += [e for h in f.holdings for e in (h.evidence, *h.extra_evidence)]
        for ev in evs:
            if f.document.block(ev.anchor).text[ev.start:ev.end] != ev.exact or not ev.exact:
                bad.append(ev)
    assert bad == []


@pytest.fixture(scope="module")
def corpus():
    result = ingest_corpus(ROOT / "corpus")
    assert result.failures == []
    return {f.document.path.split("/")[-1]: f for f in result.facts}


def _ours(corpus, named: bool):
    rows = []
    for fname, f in corpus.items():
        for h in f.holdings:
            if (h.person is not None) != named:
                continue
            if h.org_kind in ("board", "committee", "team") or h.role in BOARD_ROLES:
                continue
            org = WILDCARD if h.organisation is None and h.org_kind == "department" else org_key(h.organisation)
            rows.append((fname, h.person, h.role, org, h))
    return rows


def _match(row, gold_rows) -> bool:
    fname, person, role, org, _ = row
    for gf, gp, gr, go in gold_rows:
        if gf == fname and gr == role and (go is WILDCARD or org is WILDCARD or go == org) and \
                (gp is None and person is None or gp and person and same_person(gp, person)):
            return True
    return False


def test_people_found(corpus):
    gold = [p["name"] for p in GOLD["people"]]
    keys = {pm.key for f in corpus.values() for pm in f.people}
    found = [g for g in gold if g in keys]
    extra = sorted(k for k in keys if not any(same_person(k, g) for g in gold))
    # every variant resolves to one key: no gold person is split into two keys
    split = [g for g in gold if sum(1 for k in keys if parts(k)[0] and same_person(k, g)) > 1]
    print(f"\npeople: {len(found)}/{len(gold)} found; not found: {sorted(set(gold) - set(found))}; "
          f"extra keys: {extra}; split: {split}")
    assert len(found) == 40
    assert split == []
    assert extra == []


def test_named_tenures(corpus):
    gold_rows = []
    for t in GOLD["role_tenures"]:
        if not t.get("person"):
            continue
        for fname in tenure_sources(t)[:1]:
            gold_rows.append((fname, t["person"], GOLD_ROLE.get(t["normalised_role"]), org_key(t["authority"])))
    ours = _ours(corpus, named=True)
    hit = [g for g in gold_rows if _match((g[0], g[1], g[2], g[3], None),
                                          [(o[0], o[1], o[2], o[3]) for o in ours])]
    recall = len(hit) / len(gold_rows)
    # precision: against the tenures plus the roles the gold lists under each person
    allowed = list(gold_rows)
    for p in GOLD["people"]:
        for r in p.get("roles", []):
            srcs = [r["src"]] if "src" in r else r.get("sources", [])
            role = gold_role(r.get("normalised") or r["role"])
            for s in srcs[:1]:
                allowed.append((file_of(s), p["name"], role, org_key(r.get("organisation"))))
    wrong = [o for o in ours if not _match(o, allowed)]
    precision = 1 - len(wrong) / len(ours)
    missed = [g for g in gold_rows if g not in hit]
    print(f"\nnamed tenures: recall {recall:.3f} ({len(hit)}/{len(gold_rows)}), precision {precision:.3f} "
          f"({len(ours) - len(wrong)}/{len(ours)})\n  missed: {missed}\n  wrong: "
          f"{[(o[0][:3], o[1], o[2], o[3], o[4].evidence.exact) for o in wrong]}")
    assert recall >= 0.95
    assert precision >= 0.98


def test_unnamed_tenures(corpus):
    gold_rows = []
    for t in GOLD["role_tenures"]:
        if t.get("person"):
            continue
        for fname in tenure_sources(t)[:1]:
            gold_rows.append((fname, None, GOLD_ROLE.get(t["normalised_role"]), org_key(t["authority"])))
    ours = _ours(corpus, named=False)
    hit = [g for g in gold_rows if _match((g[0], None, g[2], g[3], None), [(o[0], None, o[2], o[3]) for o in ours])]
    recall = len(hit) / len(gold_rows)
    right = [o for o in ours if _match(o, gold_rows)]
    precision = len(right) / len(ours)
    print(f"\nunnamed holders: recall {recall:.3f} ({len(hit)}/{len(gold_rows)}); precision {precision:.3f} "
          f"({len(right)}/{len(ours)}); missed: {[(g[0][:3], g[2]) for g in gold_rows if g not in hit]}; "
          f"not in gold: {[(o[0][:3], o[2], o[4].evidence.exact) for o in ours if o not in right]}")
    assert recall >= FLOOR_UNNAMED
    assert precision >= FLOOR_UNNAMED_PRECISION


def test_board_memberships(corpus):
    people = {p["id"]: p["name"] for p in GOLD["people"]}
    gold = {(m["board"], people[m["person_id"]]) for m in GOLD["boards"]["memberships"] if m.get("person_id")}
    ours = set()
    for f in corpus.values():
        for h in f.holdings:
            if not h.person:
                continue
            if h.org_kind in ("board", "committee", "team") and h.organisation in BOARD_IDS:
                ours.add((BOARD_IDS[h.organisation], h.person))
            if h.role == "ministerial-envoy":
                ours.add(("O06", h.person))
            if h.role in ("inspector", "assistant-inspector"):
                ours.add(("O05", h.person))
    hit = {g for g in gold if any(g[0] == o[0] and same_person(g[1], o[1]) for o in ours)}
    recall = len(hit) / len(gold)
    print(f"\nboard memberships (named): recall {recall:.3f} ({len(hit)}/{len(gold)}); missed: {sorted(gold - hit)}")
    assert recall >= FLOOR_BOARDS


# Floors: the levels reached when this test was written (unnamed holders have no issue target).
FLOOR_UNNAMED = 0.88
FLOOR_UNNAMED_PRECISION = 0.8
FLOOR_BOARDS = 0.95
