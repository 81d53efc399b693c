"""The seven Best Value themes discussed in a paragraph, with the judgement the text states.

Every paragraph that names a theme (labels from ontology/vocab/themes.yaml, case-insensitive) is
tagged with it, once per theme; a theme word inside another name ('Leadership Conference',
'Partnership Executive Group') does not count. The rule that found it says how strongly:
  - theme-heading: a heading that is a theme ('4. Culture', 'Political leadership');
  - theme-lead-in: 'On Leadership: ...', 'Governance: ...';
  - theme-list: an explicit list of two or more themes ('the themes of Continuous Improvement, ...');
  - theme-judged-*: a sentence that judges it: failing ('failing to comply ... the themes of'),
    progress ('good progress'), improved ('has changed and improved the culture'), early ('too early');
  - theme-anaphora-*: a judgement pointing back ('There is considerable progress in this area.');
  - theme-mention: named in passing, no judgement.
A judged fact is preferred to an unjudged one; the quote spans the theme words and the judgement
words. Abbreviations a document defines for a theme label ('Continuous Improvement Plan (CIP)')
count as that theme in that document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ingest.model import Block, Document, DocumentFacts, Evidence, ThemeFact
from ontology import vocab


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    theme: str


# Order is precedence only for identical distance; the nearest cue to a theme wins.
_CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("early", re.compile(r"\btoo early\b|\b(?:at (?:an|a very|the very|the|this) )?(?:very )?early stages?\b", re.I)),
    ("failing", re.compile(r"(?<!past )(?<!previous )(?<!historic )(?<!earlier )\b(?:failing|failings|failures?)\b"
                           r"|\bserious concerns\b|\bconcerns (?:have been|were|are) identified\b"
                           r"|\b(?:remains?|is|are)\s+(?:still\s+)?(?:weak|poor|inadequate)\b"
                           r"|\b(?:significant|serious|fundamental)\s+weakness(?:es)?\b", re.I)),
    ("progress", re.compile(r"\b(?:(?:some |very )?good|considerable|significant|real|strong|substantial) progress\b"
                            r"|\bsignificant improvements?\b|\bprogress has been made\b"
                            r"|\b(?:has|have) been (?:some|clear|steady) progress\b", re.I)),
    ("improved", re.compile(r"\bimproved\b", re.I)),
)
_NEGATION = re.compile(r"\b(?:not|no|nor|never|lack of|without|insufficient)\b[^.;]{0,25}$", re.I)
_LIST_SEP = re.compile(r"\s*(?:,\s*and|,|and|&|as well as)\s*", re.I)
_THEMES_OF = re.compile(r"\bthemes?(?:\s+of|\s*:)\s*$", re.I)
_LEAD_IN = re.compile(r"^\s*On\s+$")
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[a-z]\.|[ivx]+\.)\s+", re.I)
_SENTENCE = re.compile(r"[^.!?;]+(?:[.!?;]+|$)")
_ANAPHORA = re.compile(r"\bin (?:this|that|these|those) (?:area|areas|regard|respect)\b", re.I)
_ABBREV = re.compile(r"\s*\((?P<abbr>[A-Z][A-Za-z&]{1,7})\)")


class ThemeFinder:
    """Finds theme labels in text (case-insensitive, whole words, longest label first)."""

    def __init__(self, extra: Optional[dict[str, str]] = None):
        self.index = dict(vocab.scheme("themes").label_index())
        self._extra = dict(extra or {})
        self._compile()

    def _compile(self) -> None:
        labels = sorted(self.index, key=len, reverse=True)
        body = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels)
        self._re = re.compile(rf"(?<![\w&])(?:{body})(?![\w&])", re.I)
        self._abbr = (re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, self._extra)) + r")(?![\w])")
                      if self._extra else None)

    def learn(self, text: str) -> None:
        """'Continuous Improvement Plan (CIP)' makes 'CIP' a name of that theme in this document."""
        for m in self.find(text):
            a = _ABBREV.match(text, m.end)
            if a and a.group("abbr") not in self._extra:
                self._extra[a.group("abbr")] = m.theme
                self._compile()

    def find(self, text: str) -> list[Mention]:
        out = [Mention(m.start(), m.end(), self.index[re.sub(r"\s+", " ", m.group(0)).lower()])
               for m in self._re.finditer(text)]
        if self._abbr:
            out += [Mention(m.start(), m.end(), self._extra[m.group(0)]) for m in self._abbr.finditer(text)
                    if not any(x.start <= m.start() < x.end for x in out)]
        return sorted(out, key=lambda x: x.start)

    def themes_in(self, text: str) -> tuple[str, ...]:
        """Distinct themes named in a text, in order of first mention."""
        seen: list[str] = []
        for m in self.find(text):
            if m.theme not in seen:
                seen.append(m.theme)
        return tuple(seen)


def _sentences(text: str) -> Iterable[tuple[int, int]]:
    for m in _SENTENCE.finditer(text):
        if m.group(0).strip():
            yield m.start(), m.end()


def _explicit(text: str, mentions: list[Mention]) -> set[int]:
    """Indexes of mentions that are items of a list of two or more distinct themes, or follow 'themes of'."""
    out: set[int] = set()
    runs: list[list[int]] = []
    for i in range(len(mentions)):
        gap = text[mentions[i - 1].end:mentions[i].start] if i else None
        if gap is not None and _LIST_SEP.fullmatch(gap):
            runs[-1].append(i)
        else:
            runs.append([i])
    for r in runs:
        if len({mentions[i].theme for i in r}) >= 2:
            out.update(r)
        if _THEMES_OF.search(text[:mentions[r[0]].start]):
            out.update(r)
    return out


def _cues(text: str, s0: int, s1: int) -> list[tuple[int, int, str]]:
    found = []
    for judgement, rx in _CUES:
        for m in rx.finditer(text, s0, s1):
            if _NEGATION.search(text[max(s0, m.start() - 40):m.start()]):
                continue
            if any(a <= m.start() < b for a, b, _ in found):
                continue  # 'too early' already read; do not read 'early' again
            found.append((m.start(), m.end(), judgement))
    return found


def _names_theme(label: str, theme: str) -> bool:
    """A heading names a theme when it uses a word of the theme's own name ('Political leadership'),
    not a keyword that merely relates to it ('Procurement' is an area, not the Use of Resources theme)."""
    words = {w for w in re.findall(r"[a-z]+", vocab.scheme("themes").get(theme).pref_label.lower())
             if len(w) > 3}
    return bool(words & set(re.findall(r"[a-z]+", label.lower())))


def _in_proper_name(text: str, m: Mention) -> bool:
    """'Leadership Conference', 'Partnership Executive Group': a theme word naming something else."""
    return bool(re.match(r"\s+(?:[A-Z][a-z]|&\s+[A-Z])", text[m.end:m.end + 4]))


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def block_themes(block: Block, finder: ThemeFinder) -> list[ThemeFact]:
    """ThemeFacts of one block: at most one per theme, a judged one preferred to an unjudged one."""
    text = block.text
    if block.kind == "heading":
        label = _NUMBERING.sub("", text).strip().rstrip(":")
        ms = finder.find(label)
        if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(label) and _names_theme(label, ms[0].theme):
            off = text.index(label)
            return [ThemeFact(ms[0].theme, Evidence.of(block, off + ms[0].start, off + ms[0].end, "theme-heading"))]
        return []
    mentions = finder.find(text)
    if not mentions:
        return []
    explicit = _explicit(text, mentions)
    best: dict[str, ThemeFact] = {}
    for i, m in enumerate(mentions):
        s0, s1 = next(((a, b) for a, b in _sentences(text) if a <= m.start < b), (0, len(text)))
        cues = _cues(text, s0, s1)
        fact = None
        if cues:
            c0, c1, judgement = min(cues, key=lambda c: _distance((m.start, m.end), (c[0], c[1])))
            start, end = min(c0, m.start), max(c1, m.end)
            fact = ThemeFact(m.theme, Evidence.of(block, start, end, f"theme-judged-{judgement}"), judgement)
        elif _LEAD_IN.match(text[:m.start]):
            fact = ThemeFact(m.theme, Evidence.of(block, m.start, m.end, "theme-lead-in"))
        elif i in explicit:
            fact = ThemeFact(m.theme, Evidence.of(block, m.start, m.end, "theme-list"))
        elif not _in_proper_name(text, m):
            fact = ThemeFact(m.theme, Evidence.of(block, m.start, m.end, "theme-mention"))
        if fact is None:
            continue
        prior = best.get(m.theme)
        if prior is None or (prior.judgement is None and fact.judgement is not None):
            best[m.theme] = fact
    # 'I identified organisational culture as the biggest challenge. There is considerable progress
    # in this area.': the judgement of a sentence that names no theme but points back at one.
    sentences = list(_sentences(text))
    for (p0, p1), (s0, s1) in zip(sentences, sentences[1:]):
        if any(s0 <= m.start < s1 for m in mentions) or not _ANAPHORA.search(text, s0, s1):
            continue
        cues = _cues(text, s0, s1)
        if not cues:
            continue
        c0, c1, judgement = cues[0]
        for m in (m for m in mentions if p0 <= m.start < p1):
            prior = best.get(m.theme)
            if prior is None or prior.judgement is None:
                best[m.theme] = ThemeFact(m.theme, Evidence.of(block, m.start, c1, f"theme-anaphora-{judgement}"),
                                          judgement)
    return sorted(best.values(), key=lambda f: f.evidence.start)


def document_finder(doc: Document) -> ThemeFinder:
    finder = ThemeFinder()
    for block in doc.blocks:
        finder.learn(block.text)
    return finder


def extract(doc: Document, facts: DocumentFacts) -> None:
    finder = document_finder(doc)
    for block in doc.blocks:
        facts.themes.extend(block_themes(block, finder))
