"""/as-of shows one authority, or a page of them, with a chooser of every authority that has holdings.

The web fixture has one authority (Tower Hamlets); the ``many`` app adds PAGE_SIZE + 2 generated
ones, one of them named with markup, so paging, the chooser and escaping can be checked.
"""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.store import OxigraphStore
from web.app import create_app
from web.asof import PAGE_SIZE, name_order

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "fixture.trig"
ID = "https://w3id.org/bvkg/id/"
ONT = "https://w3id.org/bvkg/ontology#"
ORG = "http://www.w3.org/ns/org#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
EXTRA = PAGE_SIZE + 2
EVIL = 'Zz <script>alert("a")</script> & Co'


def _extra_authorities(n: int) -> bytes:
    """n authorities "Extra 00".. each with one Monitoring Officer post and one holding; the last
    is named with markup."""
    lines = []
    for i in range(n):
        a, post, h = f"{ID}authority/x{i:02}", f"{ID}post/x{i:02}/mo", f"{ID}holding/x{i:02}/mo/p"
        name = EVIL if i == n - 1 else f"Extra {i:02}"
        lines += [f'<{a}> <{LABEL}> "{name.replace(chr(34), chr(92) + chr(34))}" .',
                  f"<{post}> <{ORG}postIn> <{a}> .", f"<{post}> <{ORG}role> <{ID}role/monitoring-officer> .",
                  f"<{h}> <{ONT}post> <{post}> .", f"<{h}> <{ORG}member> <{ID}person/x{i:02}> .",
                  f'<{ID}person/x{i:02}> <{LABEL}> "Person {i:02}" .']
    return "\n".join(lines).encode() + b"\n"


@pytest.fixture(scope="module")
def many(data_dir):
    s = OxigraphStore(None)
    # in a named graph, as the fixture's: a store with no default graph reads the union of its graphs
    extra = b"<https://w3id.org/bvkg/graph/test-extra> {\n" + _extra_authorities(EXTRA) + b"}\n"
    s.load_bytes(FIXTURE.read_bytes() + b"\n" + extra, ox.RdfFormat.TRIG)
    return create_app({"STORE": s, "DATA_DIR": str(data_dir)}).test_client()


def _options(html: str) -> list[str]:
    return [re.sub(r"\s+", " ", o).strip() for o in re.findall(r"<option[^>]*>(.*?)</option>", html, re.S)]


def _sections(html: str) -> list[str]:
    return re.findall(r'<section class="authority">\s*<h2><a href="[^"]*">(.*?)</a></h2>', html, re.S)


def test_one_authority_is_shown_with_a_chooser(client):
    html = client.get("/as-of", query_string={"date": "2024-11-25"}).get_data(as_text=True)
    assert _sections(html) == ["London Borough of Tower Hamlets"]
    count = re.search(r"London Borough of Tower Hamlets \((\d+) holdings?\)", " ".join(_options(html)))
    assert count and int(count.group(1)) >= 2
    assert 'class="pager"' not in html  # one authority: nothing to page through


def test_authority_by_slug_and_by_iri(client):
    for wanted in ("tower-hamlets", ID + "authority/tower-hamlets"):
        r = client.get("/as-of", query_string={"date": "2024-11-25", "authority": wanted})
        html = r.get_data(as_text=True)
        assert r.status_code == 200
        assert _sections(html) == ["London Borough of Tower Hamlets"]
        assert '<option value="tower-hamlets" selected>' in html
        assert "Linda Walker" in html


def test_first_page_of_many_then_the_next(many):
    html = many.get("/as-of", query_string={"date": "2024-11-25"}).get_data(as_text=True)
    shown = _sections(html)
    assert len(shown) == PAGE_SIZE
    assert shown == sorted(shown, key=name_order) and shown[0] == "Extra 00"
    assert len(_options(html)) == EXTRA + 2  # "All ..." + the fixture's authority + the extra ones
    assert f"Authorities 1–{PAGE_SIZE} of {EXTRA + 1}" in html
    nxt = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "page=2" in nxt and "date=2024-11-25" in nxt
    html2 = many.get(nxt).get_data(as_text=True)
    rest = _sections(html2)
    assert len(rest) == EXTRA + 1 - PAGE_SIZE and not set(rest) & set(shown)
    assert 'rel="prev"' in html2 and 'rel="next"' not in html2


def test_store_text_is_escaped_in_the_chooser_and_the_table(many):
    r = many.get("/as-of", query_string={"date": "2024-11-25", "authority": "x%02d" % (EXTRA - 1)})
    html = r.get_data(as_text=True)
    assert r.status_code == 200
    assert "<script>alert" not in html
    assert "Zz &lt;script&gt;alert(&#34;a&#34;)&lt;/script&gt; &amp; Co" in html
    assert _sections(html) == ["Zz &lt;script&gt;alert(&#34;a&#34;)&lt;/script&gt; &amp; Co"]


def test_unknown_authority_is_a_404_with_the_chooser_and_escaped(many):
    r = many.get("/as-of", query_string={"date": "2024-11-25", "authority": '"><script>x</script>'})
    html = r.get_data(as_text=True)
    assert r.status_code == 404
    assert "<script>x" not in html and "&#34;&gt;&lt;script&gt;x&lt;/script&gt;" in html
    assert "No authority" in html and len(_options(html)) == EXTRA + 2
    assert _sections(html) == []
    assert many.get("/as-of", query_string={"authority": "nowhere"}).status_code == 404


def test_a_page_that_does_not_exist_is_a_400(many):
    for page in ("0", "99", "two", "1e9"):
        r = many.get("/as-of", query_string={"date": "2024-11-25", "page": page})
        assert r.status_code == 400, page
        assert "The page is a number from 1 to 2." in r.get_data(as_text=True)


def test_without_a_date_the_chooser_asks_for_one(many):
    r = many.get("/as-of")
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and _sections(html) == [] and "Choose a date" in html
    assert len(_options(html)) == EXTRA + 2


def test_names_sort_with_numbers_as_numbers():
    assert sorted(["Authority 10", "authority 2", "Authority 1"], key=name_order) == \
        ["Authority 1", "authority 2", "Authority 10"]
