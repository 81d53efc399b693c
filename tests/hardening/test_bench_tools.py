"""The load and scale tools measure what they say: generated corpora are deterministic and carry no
bundled names; wrk's report is read correctly."""
from __future__ import annotations

from bench.load.run_load import parse_wrk
from bench.scale.make_corpus import CORPUS, gold_names, make

WRK_OUT = """Running 1m test @ http://127.0.0.1:40123
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.40s   402.11ms   3.20s    70.12%
    Req/Sec    12.31      7.02    40.00     65.00%
  Latency Distribution
     50%    1.35s 
     75%  850.00ms
     90%  920.5us
     99%    2.78s 
  1360 requests in 1.00m, 15.42MB read
  Socket errors: connect 0, read 2, write 0, timeout 5
  Non-2xx or 3xx responses: 3
Requests/sec:     22.62
Transfer/sec:    263.01KB
"""


def test_parse_wrk_report():
    assert parse_wrk(WRK_OUT) == {
        "requests": 1360, "requests_per_s": 22.62, "p50_ms": 1350.0, "p75_ms": 850.0, "p90_ms": 0.92,
        "p99_ms": 2780.0, "non_2xx_3xx": 3,
        "socket_errors": {"connect": 0, "read": 2, "write": 0, "timeout": 5}}


def test_generated_corpus_is_deterministic_and_renamed(tmp_path):
    a = make(2, tmp_path / "a")
    b = make(2, tmp_path / "b")
    templates = sorted(CORPUS.glob("*.txt"))
    assert len(a) == 2 * len(templates)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    for i, p in enumerate(a):   # each copy keeps its template's sidecar, renamed alike
        template_meta = templates[i % len(templates)].with_suffix(".meta.yaml")
        assert p.with_suffix(".meta.yaml").exists() == template_meta.exists()
    full_names = [n for n in gold_names() if len(n.split()) >= 2]
    assert len(full_names) > 30
    for p in a:
        text = p.read_text(encoding="utf-8")
        assert "Tower Hamlets" not in text and "LBTH" not in text
        assert [n for n in full_names if n in text] == [], p.name
    # the first copy of a template and the next differ (another council, other people)
    n = len(templates)
    assert a[0].read_text() != a[n].read_text()
    assert a[0].read_text().count("\n") == a[n].read_text().count("\n")   # same shape, other names
