"""Plain text -> paragraph-like blocks with their own numbering, nesting and source lines.

Works from the genre, not from any one document: letters (letterhead, addresses, date line,
references, salutation, closing, signature blocks, cc lines), reports (numbered headings and
paragraphs, lettered and roman sub-items, bullets) and conversion artefacts (paragraphs split
by page breaks, markdown emphasis, Word bookmarks).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from ingest.dates import is_date_line
from ingest.model import Block

# ---------------------------------------------------------------- line patterns

_BULLET = r"(?:[-•*–]\s+)"
_NUMBER = r"(?:\((?P<pnum>\d{1,2})\)|(?P<cnum>\d{1,2})\)|(?P<num>\d{1,3}(?:\.\d{1,3})*)(?P<numdot>\.)?)"
_LETTER = r"(?:\((?P<lp>[a-zA-Z])\)|(?P<ld>[a-zA-Z])[.)])"
_ROMAN = r"(?:\((?P<rp>[ivxlc]{1,6})\)|(?P<rd>[ivxlc]{1,6})[.)])"
_MARKER = re.compile(
    rf"^\s*(?P<bullet>{_BULLET})?(?:{_NUMBER}(?=\s)|{_ROMAN}(?=\s)|{_LETTER}(?=\s))?\s*")
_SALUTATION = re.compile(r"^\s*(?:Dear\s+\S|To whom it may concern)", re.I)
_CLOSING = re.compile(r"^\s*(?:Yours\s+(?:sincerely|faithfully|truly|ever)|(?:With\s+)?(?:Kind|Best|Warm)\s+regards"
                      r"|Regards)\b[,.]?\s*$", re.I)
_REFERENCE = re.compile(r"^\s*(?:Our|Your|My)\s+ref(?:erence)?\b|^\s*Ref(?:erence)?\s*(?:no\.?)?\s*:", re.I)
_CC = re.compile(r"^\s*(?:cc|c\.c\.|copy to|copied to|copies to)\b\s*:?", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_CONTACT = re.compile(r"@|^\s*(?:tel|telephone|email|e-mail|fax|web|www\.)|^\s*by (?:e-?mail|post|hand)\b", re.I)
_ATTENDANCE = re.compile(r"^\s*(?:Present|In\s+attendance|Also\s+(?:present|in\s+attendance)|Apologies(?:\s+for\s+absence)?"
                         r"|Attendees|Members\s+present|Officers\s+present)\s*:", re.I)
_TABLE_ROW = re.compile(r"^\s*\|?\s*[^|\s][^|]*(?:\|\s*[^|]*){2,}$")
_LIST_LEAD = re.compile(r"\b(?:members?|membership|are|were|include[sd]?|comprises?|following|as\s+follows)\s*:\s*$", re.I)
_MEMO_LINE = re.compile(r"^\s*(?:From|To)\s*:\s*\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_ANNEX = re.compile(r"^(?:annex|appendix|schedule|attachment)\b", re.I)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_SENTENCE_END = tuple(".!?:;\"”’')]")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_ARTEFACT = re.compile(r"\[bookmark:[^\]]*\]\s*", re.I)


def roman_value(s: str) -> Optional[int]:
    """'iv' -> 4; None when not a well-formed roman numeral."""
    s = s.lower()
    if not s or any(ch not in _ROMAN_VALUES for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN_VALUES[a]
        total += -v if b != " " and _ROMAN_VALUES[b] > v else v
    return total if _to_roman(total) == s else None


def _to_roman(n: int) -> str:
    out = ""
    for v, sym in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out, n = out + sym, n - v
    return out


def clean_text(s: str) -> str:
    """Markdown emphasis and conversion artefacts removed; whitespace collapsed; quotes kept."""
    s = _ARTEFACT.sub("", s).replace("**", "").replace("__", "")
    s = _EMPHASIS.sub(r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


def _join_lines(lines: list[str]) -> str:
    out = ""
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        # 'Sub-' + 'Committee' is one hyphenated word split by wrapping, not two words
        if out and re.search(r"[A-Za-z]-$", out) and re.match(r"[A-Za-z]", ln):
            out += ln
        else:
            out = f"{out} {ln}" if out else ln
    return out


# ---------------------------------------------------------------- raw pieces

@dataclass
class _Piece:
    """A run of source lines that will become one block."""
    lines: list[str]
    first: int                      # 1-based line number
    last: int
    marker: Optional[str] = None    # 'bullet' | 'number' | 'letter' | 'roman' | 'letter-or-roman'
    token: Optional[str] = None     # '1.7', 'a', 'iv'
    numdot: bool = False            # number written '1.' rather than '1 '
    body: list[str] = field(default_factory=list)   # lines with the marker stripped
    chunk: int = 0                  # index of the blank-line separated chunk it came from
    alone: bool = False             # the only piece in its chunk


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _marker(line: str) -> tuple[Optional[str], Optional[str], bool, str]:
    md = _MD_HEADING.match(line)
    if md:
        # '## 4.6 Political leadership' (markdown from a converter): the heading's own numbering still counts
        kind, tok, numdot, rest = _marker(line[md.end():])
        return ("heading-md", tok, numdot, rest) if kind in (None, "number") else ("heading-md", None, False, line[md.end():])
    m = _MARKER.match(line)
    if not m or m.end() == 0:
        return None, None, False, line
    g = m.groupdict()
    rest = line[m.end():]
    if g["pnum"] or g["cnum"]:
        return "number", g["pnum"] or g["cnum"], True, rest     # '(1)' and '1)' number like '1.'
    if g["num"]:
        # '2023 was' or '160 Whitechapel Road' are not numbering: a bare integer needs its dot
        if "." not in g["num"] and not g["numdot"]:
            return ("bullet", None, False, rest) if g["bullet"] else (None, None, False, line)
        return "number", g["num"], bool(g["numdot"]), rest
    if g["rp"] or g["rd"]:
        tok = g["rp"] or g["rd"]
        if roman_value(tok):
            return ("letter-or-roman" if len(tok) == 1 else "roman"), tok, False, rest
    if g["lp"] or g["ld"]:
        tok = g["lp"] or g["ld"]
        # 'A.' followed by more capitals is an initial ('A. N. Other'), not a list item
        if g["ld"] and tok.isupper() and not g["bullet"]:
            return None, None, False, line
        return "letter", tok, False, rest
    if g["bullet"] and rest.strip():
        return "bullet", None, False, rest
    return None, None, False, line


def _pieces(lines: list[str]) -> list[_Piece]:
    """Split into blank-line separated chunks, then split chunks at lines that start a list item."""
    pieces: list[_Piece] = []
    chunk_no, cur_chunk = 0, []

    def flush():
        nonlocal cur_chunk, chunk_no
        if not cur_chunk:
            return
        start = len(pieces)
        # a date line at the top or bottom of a chunk is its own block ('March 2019' / 'On behalf of …')
        ends = (0, len(cur_chunk) - 1) if len(cur_chunk) > 1 else ()
        split_at = next((i for i in ends if is_date_line(cur_chunk[i][1])), None)
        # 'Present:' / 'In attendance:' lists and 'A | B | C' table rows: one line, one entry; so are
        # short capitalised lines right after a paragraph ending 'The Board's members are:'
        listed = bool(pieces) and bool(_LIST_LEAD.search(pieces[-1].lines[-1])) and len(cur_chunk) > 1 and \
            all(len(ln.strip()) <= 100 and re.match(r"\s*[A-Z]", ln) for _, ln in cur_chunk)
        for i, (no, ln) in enumerate(cur_chunk):
            kind, tok, numdot, rest = _marker(ln)
            own_line = split_at is not None and i in (split_at, split_at + 1)
            if _TABLE_RULE.match(ln):
                continue                  # a markdown table's '|---|---|' line carries no text
            if _ATTENDANCE.match(ln):
                listed, own_line = True, True
            elif _MEMO_LINE.match(ln) and len(cur_chunk) > 1:
                own_line = True           # 'From: A, Lead Commissioner' / 'To: B, Minister': two blocks, two people
            elif _TABLE_ROW.match(ln) and not kind:
                # the first row of a table is its header: the rows hang under it as entries
                prev_row = i > 0 and _TABLE_ROW.match(cur_chunk[i - 1][1])
                kind, own_line = ("bullet" if prev_row else None), True
            elif listed and not kind:
                kind = "bullet"
            if kind or own_line or not pieces[start:]:
                pieces.append(_Piece([ln], no, no, kind, tok, numdot, [rest], chunk_no))
            else:
                p = pieces[-1]
                p.lines.append(ln)
                p.body.append(ln)
                p.last = no
        if len(pieces) - start == 1:
            pieces[-1].alone = True
        chunk_no += 1
        cur_chunk = []

    for i, ln in enumerate(lines, 1):
        if ln.strip():
            cur_chunk.append((i, ln))
        else:
            flush()
    flush()
    return pieces


# ---------------------------------------------------------------- classification helpers

def _looks_heading(text: str, piece: _Piece) -> bool:
    """Short line(s) without final punctuation: 'Political leadership', '4.6 Leadership of Place'."""
    if not piece.alone or len(piece.lines) > 2:
        return False
    t = text.strip()
    if not t or t[0].islower() or t.startswith(("(", '"', "“", "'")):
        return False
    words = t.split()
    if re.search(r"\w[.!?]\s+\w", t):
        return False                     # two sentences are prose, not a heading
    if re.match(r"[A-Z][\w-]*:\s+\S", t):
        return False                     # 'Apologies: …', 'Chair: …' are labelled entries
    if piece.marker == "number" and not piece.numdot and "." in (piece.token or "") \
            and (t.endswith("?") or not t.endswith(_SENTENCE_END)):
        return len(words) <= 30          # '4.3 To review if the Council … businesses?'
    if t.endswith((".", ",", ";", ":", "!", "?", '"', "”")):
        return False
    return len(words) <= 16 and len(t) <= 140


def _looks_name(text: str) -> bool:
    """A signatory's name line: two to five capitalised words, no commas, no lower-case words."""
    t = re.sub(r"\s+(?:[A-Z]{2,5})(?=\s|$)", "", text).strip()   # post-nominals (CBE, DL)
    words = t.split()
    if not 1 < len(words) <= 5 or "," in t or "(" in t:
        return False
    return all(re.fullmatch(r"[A-Z][A-Za-z'’.\-]*", w) for w in words)


def _looks_trailing_signature(piece: _Piece, idx: int, total: int) -> bool:
    """A report's closing contact block with no 'Yours …': name line then short role/contact lines."""
    return (piece.marker is None and idx >= total - 4 and len(piece.lines) >= 2
            and all(len(ln.strip()) <= 60 for ln in piece.lines)
            and _looks_name(clean_text(piece.lines[0])))


# ---------------------------------------------------------------- numbering state

@dataclass
class _Numbering:
    number: Optional[str] = None      # current decimal paragraph '14'
    letter: Optional[str] = None      # current letter 'a'
    roman: Optional[str] = None       # current roman 'iv'
    prefix: str = ""                  # 'annex-' after an Annex restarts numbering

    def resolve(self, kind: str, token: str, prev_text: str) -> str:
        """Decide 'letter' or 'roman' for a single-character token such as 'i', 'v', 'x'."""
        if kind != "letter-or-roman":
            return kind
        t = token.lower()
        rv = roman_value(t)
        if self.roman and roman_value(self.roman) and rv == roman_value(self.roman) + 1:
            return "roman"            # '… iv.' then 'v.'
        follows_letter = self.letter is not None and ord(t) == ord(self.letter.lower()) + 1
        if follows_letter and not prev_text.rstrip().endswith(":"):
            return "letter"           # 'h.' then 'i.' is the ninth letter
        if t == "i":
            return "roman"            # 'e. … components:' then 'i.' starts roman numerals
        return "letter" if follows_letter or self.roman is None else "roman"


# ---------------------------------------------------------------- main entry

def parse_structure(text: str, slug: str = "") -> list[Block]:
    """Blocks in document order with unique anchors; Block.line is the 1-based source line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pieces = _merge_page_breaks(_pieces(lines))

    # a letter's front matter is short lines; 'Dear …' after prose is a letter quoted inside a report
    has_salutation = False
    for p in pieces[:40]:
        if _SALUTATION.match(p.lines[0]):
            has_salutation = True
            break
        if len(" ".join(p.body).split()) > 40:
            break
    blocks: list[Block] = []
    used: set[str] = set()
    numbered_seen = False
    state = _Numbering()
    section: Optional[str] = None
    region = "front" if has_salutation else "body"
    list_parent: Optional[str] = None
    prev_text = ""
    pending_sig: Optional[dict] = None
    sublist: Optional[dict] = None    # a numbered list restarting at 1 inside a paragraph

    def unique(anchor: str) -> str:
        a, n = anchor, 2
        while a in used:
            a, n = f"{anchor}-{n}", n + 1
        used.add(a)
        return a

    def emit(kind: str, body: str, piece: _Piece, number=None, anchor=None, parent=None, end=None):
        pos = len(blocks) + 1
        a = unique(anchor or f"b{pos}")
        blk = Block(anchor=a, number=number, kind=kind, text=body, line=piece.first,
                    end_line=end or piece.last, position=pos, parent=parent, section=section)
        blocks.append(blk)
        return blk

    def flush_sig():
        nonlocal pending_sig
        if pending_sig:
            emit("signature", clean_text(" ".join(pending_sig["texts"])), pending_sig["piece"],
                 end=pending_sig["last"])
            pending_sig = None

    for idx, piece in enumerate(pieces):
        raw = _join_lines(piece.body)
        body = clean_text(raw)
        if not body:
            continue
        first_line = clean_text(piece.lines[0])

        # ---- letter front matter: everything before the salutation
        if region == "front":
            if _SALUTATION.match(piece.lines[0]):
                region = "body"
                emit("salutation", body, piece)
                prev_text = body
                continue
            if _REFERENCE.match(piece.lines[0]):
                # 'Our Ref: …' lines each become a reference block
                for off, ln in enumerate(piece.lines):
                    t = clean_text(ln)
                    if t:
                        emit("reference", t, piece, end=piece.first + off)
                        blocks[-1] = replace(blocks[-1], line=piece.first + off)
                continue
            if len(piece.lines) == 1 and is_date_line(body):
                emit("date", body, piece)
                continue
            if any(_POSTCODE.search(ln) or _CONTACT.search(ln) for ln in piece.lines):
                emit("address", body, piece)
            else:
                emit("letterhead", body, piece)
            continue

        # ---- closing and what follows it
        if _CLOSING.match(body):
            flush_sig()
            region = "signature"
            emit("closing", body, piece)
            prev_text = body
            continue
        if len(piece.lines) > 1 and _CLOSING.match(clean_text(piece.lines[0])):
            # 'Yours sincerely,' with the signatory on the next lines of the same paragraph
            flush_sig()
            region = "signature"
            closing = clean_text(piece.lines[0])
            emit("closing", closing, piece, end=piece.first)
            rest = _Piece(piece.lines[1:], piece.first + 1, piece.last, body=piece.body[1:])
            pending_sig = {"texts": [clean_text(_join_lines(rest.body))], "piece": rest, "last": rest.last}
            prev_text = closing
            continue
        if _CC.match(piece.lines[0]) and (region == "signature" or len(body) < 200):
            flush_sig()
            emit("cc", body, piece)
            continue
        if region == "signature":
            ends_region = (piece.marker in ("number", "letter", "roman")
                           or _ANNEX.match(body) or len(body.split()) > 25
                           or (body.isupper() and len(body.split()) <= 6))
            if not ends_region:
                if pending_sig and (not _looks_name(first_line) or body.startswith("(")):
                    pending_sig["texts"].append(body)         # role or capacity line of the same signatory
                    pending_sig["last"] = piece.last
                else:
                    flush_sig()
                    pending_sig = {"texts": [body], "piece": piece, "last": piece.last}
                continue
            flush_sig()
            region = "body"

        if _looks_trailing_signature(piece, idx, len(pieces)):
            emit("signature", body, piece)
            continue

        # ---- headings, including numbered ones ('1. Introduction', '4.6 Leadership of Place')
        if piece.marker == "heading-md" or (
                piece.marker in (None, "number") and _looks_heading(body, piece) and not is_date_line(body)):
            if _ANNEX.match(body) and numbered_seen:
                state = _Numbering(prefix=f"{_slugify_word(body)}-")
            number = piece.token if piece.marker in ("number", "heading-md") else None
            anchor = f"{state.prefix}p{number}" if number else None
            if number:
                state.number, state.letter, state.roman = number, None, None
                numbered_seen = True
            section = body
            emit("heading", body, piece, number=number, anchor=anchor)
            list_parent, sublist = None, None
            prev_text = body
            continue

        if len(piece.lines) == 1 and piece.marker is None and is_date_line(body):
            emit("date", body, piece)
            continue

        kind = state.resolve(piece.marker, piece.token, prev_text) if piece.marker else None
        if kind == "number" and piece.token.isdigit():
            # '… as follows:' then '1.', '2.': a list inside that paragraph, not the document's numbering
            n = int(piece.token)
            if n == 1 and blocks and blocks[-1].kind in ("paragraph", "item") and prev_text.rstrip().endswith(":"):
                sublist = {"parent": blocks[-1].anchor, "last": 0}
            if sublist and n == sublist["last"] + 1:
                sublist["last"] = n
                emit("item", body, piece, number=piece.token, anchor=f"{sublist['parent']}.{n}",
                     parent=sublist["parent"])
                prev_text = body
                continue
            sublist = None
        if kind == "number":
            state.number, state.letter, state.roman = piece.token, None, None
            numbered_seen = True
            blk = emit("paragraph", body, piece, number=piece.token, anchor=f"{state.prefix}p{piece.token}")
            list_parent = blk.anchor
        elif kind == "letter":
            state.letter, state.roman = piece.token, None
            parts = [state.number, piece.token] if state.number else [piece.token]
            number = state.number + f"({piece.token})" if state.number else piece.token
            blk = emit("item", body, piece, number=number, anchor=f"{state.prefix}p" + ".".join(parts),
                       parent=_anchor_of(blocks, state, "number"))
            numbered_seen = True
        elif kind == "roman":
            state.roman = piece.token
            parts = [x for x in (state.number, state.letter, piece.token) if x]
            number = (state.number or "") + (f"({state.letter})" if state.letter and state.number else state.letter or "")
            number = f"{number}({piece.token})" if number else piece.token
            blk = emit("item", body, piece, number=number, anchor=f"{state.prefix}p" + ".".join(parts),
                       parent=_anchor_of(blocks, state, "letter") or _anchor_of(blocks, state, "number"))
            numbered_seen = True
        elif kind == "bullet":
            parent = list_parent if list_parent and (prev_text.rstrip().endswith(":") or _TABLE_ROW.match(prev_text) or
                                                      (blocks and blocks[-1].kind == "item")) else None
            blk = emit("item", body, piece, parent=parent)
        else:
            if _SALUTATION.match(piece.lines[0]) and not blocks:
                emit("salutation", body, piece)
                prev_text = body
                continue
            blk = emit("paragraph", body, piece)
            list_parent = blk.anchor
        prev_text = body
    flush_sig()
    return blocks


def _slugify_word(text: str) -> str:
    """'Annex' -> 'annex'; 'Appendix 2: Terms' -> 'appendix-2'; 'ANNEX B' -> 'annex-b'."""
    m = re.match(r"(\w+)(?:\s+([A-Z0-9]{1,3})\b)?", text.strip())
    word = m.group(1).lower() if m else "annex"
    return f"{word}-{m.group(2).lower()}" if m and m.group(2) else word


def _anchor_of(blocks: list[Block], state: _Numbering, level: str) -> Optional[str]:
    """Anchor of the block holding the current number (or letter), searching backwards."""
    want = state.number if level == "number" else state.letter
    if want is None:
        return None
    for b in reversed(blocks):
        if b.number is None:
            continue
        if level == "number" and b.number == state.number:
            return b.anchor
        if level == "letter" and b.kind == "item" and re.search(rf"(?:^|\(){re.escape(want)}\)?$", b.number):
            return b.anchor
    return None


def _merge_page_breaks(pieces: list[_Piece]) -> list[_Piece]:
    """A paragraph split by a page break: the first part stops mid-sentence and the next part,
    after blank lines, starts in lower case with no list marker. Join them."""
    out: list[_Piece] = []
    for p in pieces:
        if out and p.marker is None and out[-1].chunk != p.chunk:
            prev = out[-1]
            head = p.lines[0].lstrip()
            tail = prev.lines[-1].rstrip()
            mid_sentence = not tail.endswith(_SENTENCE_END) and not _CLOSING.match(tail)
            words = len(" ".join(prev.body).split())
            prose = not _looks_heading(_join_lines(prev.body), prev)
            prev_long, prev_prose = prose and words > 16, prose and words > 8
            next_long = len(p.lines[0].split()) > 16 or p.lines[0].rstrip().endswith(_SENTENCE_END)
            # lower-case or digit start ('2025) and …'), or a long paragraph cut after a word
            # a short first part is a signature or role line, not half of a paragraph ('… Interventions' / 'cc: …')
            if mid_sentence and prev_prose and not _CC.match(head) and (head[:1].islower() or (prev_long and next_long and (
                    head[:1].isdigit() or tail[-1:].isalnum() or tail.endswith((",", "(", "-", "–"))))):
                prev.lines += p.lines
                prev.body += p.body
                prev.last = p.last
                prev.alone = False
                continue
        out.append(p)
    return out
