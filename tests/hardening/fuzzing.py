"""Shared hypothesis settings and strategies for the fuzz tests.

CI runs a small fixed budget; a longer run is one environment variable away:

    BVKG_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/hardening -k fuzz
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("BVKG_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 60,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Text without surrogates (they cannot be written as UTF-8, nor sent in a URL).
TEXT = st.characters(blacklist_categories=("Cs",))
WORDS = st.sampled_from([
    "Council", "Monitoring Officer", "Section 151 Officer", "Chief Executive", "the Secretary of State",
    "Commissioners", "Direction", "within three months", "12 November 2024", "October 2024", "2016",
    "31 February 2024", "19th – 22nd June 2018", "Sir", "Cllr", "Dr", "Ms", "CBE", "Zoë Ångström",
    "Łukasz Żółć", "O'Connell", "Tudor-Evans", "section 15(5) of the Local Government Act 1999",
    "interim", "acting", "appointed", "Best Value", "Leader", "Mayor", "Board", "(", ")", ",", ".", ";",
    "“quoted”", "—", "\u00a0", "\u200b", "é", "\t", "**", "*", "_", "[bookmark: _Toc1]", "#"])
MARKERS = st.sampled_from(["", "", "", "- ", "• ", "* ", "– ", "1. ", "1.7 ", "2.3. ", "10.12 ", "(a) ",
                           "a) ", "b. ", "(iv) ", "iv. ", "xi) ", "- 4.2. ", "### ", "**", "Annex A ",
                           "Dear Minister,", "Yours sincerely,", "cc: ", "Our Ref: ", "Tel: 0207 ",
                           "London SW1P 4DF"])


@st.composite
def line(draw) -> str:
    words = draw(st.lists(st.one_of(WORDS, st.text(TEXT, max_size=12)), max_size=12))
    return draw(MARKERS) + " ".join(words)


@st.composite
def document_text(draw) -> str:
    """Lines in the genre's shapes (numbering, bullets, letters' furniture) mixed with any unicode."""
    lines = draw(st.lists(st.one_of(line(), st.just(""), st.text(TEXT, max_size=40)), min_size=0, max_size=40))
    sep = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return sep.join(lines)
