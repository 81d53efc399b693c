"""Best Value themes and judgements on short hand-written snippets (other councils, other years)."""
from ingest.model import Block, Document, DocumentFacts
from ingest.themes import ThemeFinder, block_themes, extract


def _doc(*blocks: tuple[str, str]) -> Document:
    return Document(slug="t", path="t.txt", blocks=[
        Block(f"b{i}", None, kind, text, i + 1, i + 1, i) for i, (kind, text) in enumerate(blocks)])


def _theme_facts(doc):
    facts = DocumentFacts(document=doc)
    extract(doc, facts)
    return facts.themes


def _facts(doc):
    facts = DocumentFacts(document=doc)
    extract(doc, facts)
    return [(t.evidence.anchor, t.theme, t.judgement, t.evidence.exact) for t in facts.themes]


def test_explicit_failing_list_gives_one_fact_per_theme_with_its_quote():
    doc = _doc(("paragraph", "The Secretary of State is satisfied that Barsetshire Borough Council is failing to "
                             "comply with its Best Value Duty, specifically the themes of Governance and Use of Resources."))
    assert _facts(doc) == [
        ("b0", "governance", "failing",
         "failing to comply with its Best Value Duty, specifically the themes of Governance"),
        ("b0", "use-of-resources", "failing",
         "failing to comply with its Best Value Duty, specifically the themes of Governance and Use of Resources"),
    ]


def test_nearest_judgement_wins_and_too_early_is_not_progress():
    doc = _doc(("paragraph", "The council has made good progress on service delivery. "
                             "It is too early to judge progress on community engagement."))
    assert _facts(doc) == [
        ("b0", "service-delivery", "progress", "good progress on service delivery"),
        ("b0", "partnerships-and-community-engagement", "early",
         "too early to judge progress on community engagement"),
    ]


def test_headings_and_lead_ins_name_themes_without_judgement():
    doc = _doc(("heading", "5. Partnerships and community engagement"),
               ("item", "On Leadership: members described a lack of trust."),
               ("heading", "Procurement"))
    assert _facts(doc) == [
        ("b0", "partnerships-and-community-engagement", None, "Partnerships and community engagement"),
        ("b1", "leadership", None, "Leadership"),
    ]


def test_a_theme_word_in_passing_is_tagged_without_judgement_and_negated_progress_is_ignored():
    doc = _doc(("paragraph", "Staff described the culture of the canteen. "
                             "The council has not made good progress on governance."))
    assert [(r[1], r[2], r[3], t.evidence.rule) for r, t in zip(_facts(doc), _theme_facts(doc))] == [
        ("culture", None, "culture", "theme-mention"),
        ("governance", None, "governance", "theme-mention"),
    ]


def test_theme_words_inside_other_names_are_not_themes():
    doc = _doc(("paragraph", "Managers attended the Leadership Conference and the Partnership Executive Group."))
    assert _facts(doc) == []


def test_past_failings_are_not_a_failing_judgement():
    doc = _doc(("paragraph", "To correct past failings the council put detailed decision making processes in place."))
    assert _facts(doc) == [("b0", "governance", None, "decision making")]


def test_anaphora_carries_the_judgement_back_to_the_theme():
    doc = _doc(("paragraph", "Last year I identified organisational culture as our biggest challenge. "
                             "There is considerable progress in this area."))
    assert _facts(doc) == [("b0", "culture", "progress",
                            "organisational culture as our biggest challenge. There is considerable progress")]


def test_document_abbreviation_counts_as_the_theme_and_improved():
    doc = _doc(("paragraph", "Wessex adopted a Continuous Improvement Plan (CIP) in March."),
               ("paragraph", "The board has made significant progress on the CIP. Scrutiny has improved markedly."))
    rows = _facts(doc)
    assert ("b1", "continuous-improvement", "progress", "significant progress on the CIP") in rows
    assert ("b1", "governance", "improved", "Scrutiny has improved") in rows


def test_themes_in_lists_distinct_themes_in_order():
    finder = ThemeFinder()
    assert finder.themes_in("a programme of cultural change and better scrutiny of procurement") == (
        "culture", "governance", "use-of-resources")


def test_offsets_match_block_text():
    block = Block("p3", "3", "paragraph", "The Authority has changed and improved the culture of the organisation.",
                  1, 1, 0)
    (fact,) = block_themes(block, ThemeFinder())
    assert (fact.theme, fact.judgement, fact.evidence.exact) == ("culture", "improved", "improved the culture")
    assert block.text[fact.evidence.start:fact.evidence.end] == fact.evidence.exact
