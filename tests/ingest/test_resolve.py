"""Name resolution: variants of one person meet, different people stay apart, holdings follow the key."""
from __future__ import annotations

from ingest.model import Block, Document, DocumentFacts, Evidence, Holding, PersonMention
from ingest.resolve import cluster, first_compatible, resolve_corpus, resolve_document


def test_cluster_within_a_document():
    got = cluster(["Stephen Halsey", "Mr Halsey", "Kim Bromley Derry CBE DL", "Kim Bromley-Derry",
                   "Mayor Biggs", "John Biggs", "Sir Steve Bullock"])
    assert got == {
        "Stephen Halsey": "Stephen Halsey", "Halsey": "Stephen Halsey",
        "Kim Bromley Derry": "Kim Bromley-Derry", "Kim Bromley-Derry": "Kim Bromley-Derry",
        "Biggs": "John Biggs", "John Biggs": "John Biggs", "Steve Bullock": "Steve Bullock",
    }


def test_different_people_stay_apart():
    got = cluster(["Shafi Ahmed", "Shibbir Ahmed", "Asma Islam", "Sirajul Islam", "Steve Bullock", "Steve Halsey",
                   "Alan Finch", "Alan Wood", "Ahmed"])
    assert sorted(set(got.values())) == ["Ahmed", "Alan Finch", "Alan Wood", "Asma Islam", "Shafi Ahmed",
                                         "Shibbir Ahmed", "Sirajul Islam", "Steve Bullock", "Steve Halsey"]
    # a surname shared by two people is never guessed
    assert got["Ahmed"] == "Ahmed"


def test_first_name_equivalents_from_data():
    assert first_compatible("Steve", "Stephen")
    assert first_compatible("Kate", "Katherine")
    assert first_compatible("J", "John")
    assert not first_compatible("Steve", "Stuart")
    assert not first_compatible("Shafi", "Shibbir")


def _facts(slug, mentions, holders):
    block = Block("p1", "1", "paragraph", " ".join(mentions), 1, 1, 0)
    doc = Document(slug, f"{slug}.txt", [block])
    facts = DocumentFacts(document=doc)
    pos = 0
    for m in mentions:
        facts.people.append(PersonMention(m, Evidence.of(block, pos, pos + len(m), "test")))
        pos += len(m) + 1
    for name, role in holders:
        facts.holdings.append(Holding(role, role, Evidence.of(block, 0, len(mentions[0]), "test"), person=name))
    return facts


def test_resolve_document_and_corpus_rewrite_keys_and_holdings():
    d1 = _facts("d1", ["Stephen Halsey", "Mr Halsey"], [("Stephen Halsey", "head-of-paid-service"),
                                                        ("Mr Halsey", "head-of-paid-service")])
    d2 = _facts("d2", ["Steve Halsey", "Sir Steve Bullock"], [("Steve Halsey", "head-of-paid-service"),
                                                              ("Sir Steve Bullock", "board-lead")])
    resolve_document(d1)
    resolve_document(d2)
    assert [p.key for p in d1.people] == ["Stephen Halsey", "Stephen Halsey"]
    # the two attestations in one document are one holding with both quotes
    assert [(h.person, len(h.extra_evidence)) for h in d1.holdings] == [("Stephen Halsey", 1)]
    assert [p.key for p in d2.people] == ["Steve Halsey", "Steve Bullock"]
    mapping = resolve_corpus([d1, d2])
    assert mapping["Steve Halsey"] == "Stephen Halsey"
    assert [p.key for p in d2.people] == ["Stephen Halsey", "Steve Bullock"]
    assert [h.person for h in d2.holdings] == ["Stephen Halsey", "Steve Bullock"]
    # the name as written is kept
    assert [p.name for p in d2.people] == ["Steve Halsey", "Sir Steve Bullock"]


def test_middle_names_and_hyphens():
    got = cluster(["Abu Talha Chowdhury", "Abu Chowdhury", "Mary Jane Smith", "Mr Smith", "Mary Jones",
                   "Ann Lyons Smith", "Ann Lyons-Smith"])
    assert got["Abu Chowdhury"] == "Abu Talha Chowdhury"
    assert got["Ann Lyons Smith"] == "Ann Lyons-Smith"
    assert got["Mary Jones"] == "Mary Jones"
    # two people share the surname Smith here, so 'Mr Smith' stays unresolved
    assert got["Smith"] == "Smith"
    assert cluster(["Mary Jane Smith", "Mr Smith"])["Smith"] == "Mary Jane Smith"


def _cluster_by_scan(names):
    """cluster as first written: every name compared with every group (the definition)."""
    from ingest.names import strip_name
    from ingest.resolve import _preference, _title, parts, same_surname

    bare = sorted({strip_name(n)[0] for n in names if n and n.strip()})
    full = [n for n in bare if parts(n)[0]]
    groups = []
    for n in sorted(full, key=_preference, reverse=True):
        f, s = parts(n)
        for g in groups:
            gf, gs = parts(g[0])
            if same_surname(gs, s) and first_compatible(gf, f):
                g.append(n)
                break
        else:
            groups.append([n])
    out = {n: _title(max(g, key=_preference)) for g in groups for n in g}
    for n in bare:
        if n not in out:
            owners = {out[m] for m in full if same_surname(parts(m)[1], parts(n)[1])}
            out[n] = owners.pop() if len(owners) == 1 else n
    return out


def test_cluster_finds_the_groups_a_scan_of_every_group_finds():
    """Groups looked up by surname key give the mapping of comparing with every group, on random
    names with initials, equivalent first names, middle names, hyphens, capitals and titles."""
    import random

    rng = random.Random(11)
    firsts = ["Steve", "Stephen", "S", "Kate", "Katherine", "Mary", "Mary Jane", "Abu", "Abu Talha", "Ann", "J", "John"]
    surnames = ["Smith", "Lyons-Smith", "Lyons Smith", "Jane Smith", "O'Brien", "OBrien", "Chowdhury", "Halsey"]
    for _ in range(300):
        names = []
        for _ in range(rng.randint(1, 14)):
            first, last = rng.choice(firsts), rng.choice(surnames)
            name = rng.choice([f"{first} {last}", f"Mr {last}", f"Ms {last}", last, f"{first} {last} CBE"])
            names.append(name.upper() if rng.random() < 0.1 else name)
        assert cluster(names) == _cluster_by_scan(names), names
