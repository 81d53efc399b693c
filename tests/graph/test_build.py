"""`bvkg build`: complete builds, failures kept out, atomic switching of `current`, determinism."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import kill_build_while_writing

import graph.build as gb
from rdflib import URIRef
from graph.build import BuildError, build
from graph.store import open_store
from tests.graph.conftest import BASE, DOC_A, DOC_B, ID

QUIET = dict(echo=lambda _m: None)
HOLDERS = "SELECT ?p WHERE { ?h <http://www.w3.org/ns/org#member> ?p } ORDER BY ?p"


def _holders(data: Path) -> list[str]:
    return [str(r["p"]) for r in open_store({"DATA_DIR": str(data)}).select(HOLDERS).rows]


def test_build_fixture_corpus(built):
    data, result = built
    assert result.documents == 2 and result.failures == []
    assert result.latest_document_date == "2024-11-12"
    assert os.readlink(data / "current") == f"builds/{result.build_id}"
    meta = json.loads((result.build_dir / "build.json").read_text())
    assert meta["document_files"] == ["900_fixture_a.trig", "901_fixture_b.trig"]
    assert meta["documents"] == 2 and meta["failures"] == [] and meta["latest_document_date"] == "2024-11-12"
    # triple_count: distinct triples of the union (a fact stated by two documents counts once)
    union = {q[:3] for q in open_store({"DATA_DIR": str(data)}).quads()}
    assert meta["triple_count"] == result.triple_count == len(union) < sum(meta["graphs"].values())
    assert meta["graphs"][DOC_A] == 139 and meta["graphs"][DOC_B] == 180
    assert set(meta["graphs"]) == {DOC_A, DOC_B, BASE + "graph/vocab", BASE + "graph/derived"}
    assert meta["validation"].startswith("conforms:")
    assert result.summary().startswith(f"built {result.build_id}: 2 documents, latest dated 2024-11-12, ")


def test_dump_is_sorted_nquads_of_every_graph(built):
    _, result = built
    lines = (result.build_dir / "dumps" / "bvkg.nq").read_bytes().splitlines()
    graphs = json.loads((result.build_dir / "build.json").read_text())["graphs"]
    assert lines == sorted(lines) and len(lines) == sum(graphs.values())
    assert (f"<{ID}holding/exampleton/monitoring-officer/carol-clark> <https://w3id.org/bvkg/ontology#predecessor> "
            f"<{ID}holding/exampleton/monitoring-officer/bob-baker> <{BASE}graph/derived> .").encode() in lines


def test_vocab_and_ontology_in_vocab_graph(built):
    data, _ = built
    s = open_store({"DATA_DIR": str(data)})
    assert s.ask("ASK { GRAPH <%sgraph/vocab> { <%srole/monitoring-officer> "
                 "<http://www.w3.org/2004/02/skos/core#prefLabel> \"Monitoring Officer\"@en } }" % (BASE, ID))
    assert s.ask("ASK { GRAPH <%sgraph/vocab> { <https://w3id.org/bvkg/ontology#LocalAuthority> "
                 "<http://www.w3.org/2000/01/rdf-schema#subClassOf> ?c } }" % BASE)


def test_two_builds_give_identical_dumps(fixture_corpus, tmp_path):
    # the second in a fresh interpreter (blank-node labels and hash seeds differ there), started
    # at the same time so both read the same vocabulary files even while the checkout is edited
    proc = subprocess.Popen([sys.executable, "-c", "from graph.build import build; import sys; "
                             "build(sys.argv[1], sys.argv[2], sys.argv[3], echo=lambda m: None)",
                             str(fixture_corpus), str(tmp_path / "b"), BASE], env={**os.environ, "PYTHONHASHSEED": "7"})
    a = build(fixture_corpus, tmp_path / "a", BASE, **QUIET)
    assert proc.wait(timeout=300) == 0
    dump_a = (a.build_dir / "dumps" / "bvkg.nq").read_bytes()
    dump_b = (tmp_path / "b" / "current" / "dumps" / "bvkg.nq").read_bytes()
    assert dump_a == dump_b
    assert b"_:" in dump_a   # the ontology's blank nodes are there, canonically labelled


def test_failed_document_is_listed_and_the_rest_builds(fixture_corpus, tmp_path):
    (fixture_corpus / "902_broken.trig").write_text("<a> <b> .\n")
    result = build(fixture_corpus, tmp_path / "data", BASE, **QUIET)
    assert result.documents == 2
    assert len(result.failures) == 1 and result.failures[0].startswith(f"{fixture_corpus / '902_broken.trig'}: ")
    assert "line 1" in result.failures[0]
    assert json.loads((result.build_dir / "build.json").read_text())["failures"] == result.failures
    assert os.readlink(tmp_path / "data" / "current") == f"builds/{result.build_id}"


def test_no_document_fails_and_keeps_previous(fixture_corpus, tmp_path):
    data = tmp_path / "data"
    first = build(fixture_corpus, data, BASE, **QUIET)
    for f in fixture_corpus.glob("*.trig"):
        f.write_text("not rdf at all")
    with pytest.raises(BuildError, match="no document could be loaded, the previous graph is kept: "):
        build(fixture_corpus, data, BASE, **QUIET)
    assert os.readlink(data / "current") == f"builds/{first.build_id}"
    assert sorted(p.name for p in (data / "builds").iterdir()) == [first.build_id]


def test_failure_midway_leaves_current_serving(fixture_corpus, tmp_path, monkeypatch):
    data = tmp_path / "data"
    first = build(fixture_corpus, data, BASE, **QUIET)
    before = _holders(data)

    def broken(store, base):
        raise RuntimeError("consolidation exploded")

    monkeypatch.setattr(gb, "consolidate", broken)
    (fixture_corpus / "901_fixture_b.trig").unlink()   # the failed build would have dropped Carol and Dan
    with pytest.raises(RuntimeError, match="consolidation exploded"):
        build(fixture_corpus, data, BASE, **QUIET)
    assert os.readlink(data / "current") == f"builds/{first.build_id}"
    assert sorted(p.name for p in (data / "builds").iterdir()) == [first.build_id]   # the .tmp is gone
    assert _holders(data) == before == [ID + "person/alice-archer", ID + "person/bob-baker",
                                         ID + "person/carol-clark", ID + "person/dan-davis"]


def test_shacl_violation_fails_naming_node_and_rule(fixture_corpus, tmp_path):
    data = tmp_path / "data"
    first = build(fixture_corpus, data, BASE, **QUIET)
    f = fixture_corpus / "900_fixture_a.trig"
    f.write_text(f.read_text().replace("oa:start 0 ; oa:end 29", "oa:start 1 ; oa:end 29"))
    with pytest.raises(BuildError) as err:
        build(fixture_corpus, data, BASE, **QUIET)
    msg = str(err.value)
    assert msg.startswith("SHACL validation failed, the previous graph is kept:\n1 SHACL violation:")
    assert f"{ID}document/900-fixture-a/quote/p2/0-29: Quote's oa:exact must equal the paragraph text from oa:start to oa:end" in msg
    assert os.readlink(data / "current") == f"builds/{first.build_id}"


def test_keeps_last_two_builds(fixture_corpus, tmp_path):
    data = tmp_path / "data"
    ids = [build(fixture_corpus, data, BASE, **QUIET).build_id for _ in range(3)]
    assert ids == sorted(ids)
    assert sorted(p.name for p in (data / "builds").iterdir()) == ids[1:]
    assert os.readlink(data / "current") == f"builds/{ids[2]}"


def test_missing_corpus_folder(tmp_path):
    with pytest.raises(BuildError, match="corpus folder .*nope does not exist"):
        build(tmp_path / "nope", tmp_path / "data", BASE, **QUIET)


def test_killed_build_process_leaves_previous_graph(fixture_corpus, tmp_path):
    """A real `bvkg build`, kill -9 once it has started writing its build folder."""
    data = tmp_path / "data"
    first = build(fixture_corpus, data, BASE, **QUIET)
    before = _holders(data)
    (fixture_corpus / "901_fixture_b.trig").unlink()
    caught, code = kill_build_while_writing(fixture_corpus, data, timeout=60)
    assert caught is not None, "the build finished before it could be killed"
    assert code == -signal.SIGKILL
    assert os.readlink(data / "current") == f"builds/{first.build_id}"
    assert _holders(data) == before
    # the next build clears the unfinished folder and switches
    second = build(fixture_corpus, data, BASE, **QUIET)
    assert not caught.exists()
    assert sorted(p.name for p in (data / "builds").iterdir()) == [first.build_id, second.build_id]
    assert _holders(data) == [ID + "person/alice-archer", ID + "person/bob-baker"]


def test_concurrent_build_is_refused(fixture_corpus, tmp_path):
    import fcntl
    data = tmp_path / "data"
    data.mkdir()
    with open(data / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(BuildError, match="another build is running in"):
            build(fixture_corpus, data, BASE, **QUIET)


def test_cli_build_exits_nonzero_listing_failures(fixture_corpus, tmp_path):
    (fixture_corpus / "902_broken.trig").write_text("<a> <b> .\n")
    bvkg = Path(sys.executable).parent / "bvkg"
    out = subprocess.run([str(bvkg), "build", "--corpus", str(fixture_corpus), "--data", str(tmp_path / "data")],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stdout.startswith("built ") and ": 2 documents, 1 failed, latest dated 2024-11-12, " in out.stdout
    assert f"Failed documents:\n  {fixture_corpus / '902_broken.trig'}: " in out.stderr
    assert _holders(tmp_path / "data")[0] == ID + "person/alice-archer"


# ---------------------------------------------------------------- the real corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def real_builds(tmp_path_factory):
    """The real corpus built twice: in-process, and by the `bvkg build` CLI in a fresh interpreter."""
    a = tmp_path_factory.mktemp("real-a")
    b = tmp_path_factory.mktemp("real-b")
    # both at once, so both read the same ingest code even while the checkout is being edited
    proc = subprocess.Popen([str(Path(sys.executable).parent / "bvkg"), "build", "--data", str(b)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "BVKG_CORPUS_DIR": str(CORPUS)})
    first = build(CORPUS, a, BASE, **QUIET)
    stdout, stderr = proc.communicate(timeout=600)
    assert proc.returncode == 0, stderr
    return first, a, b, subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


@pytest.mark.slow
def test_real_corpus_builds_completely(real_builds):
    first, a, _, out = real_builds
    assert first.documents == 5 and first.failures == []
    assert first.latest_document_date == "2025-05-21"
    assert first.validation.startswith("conforms:")
    meta = json.loads((a / "current" / "build.json").read_text())
    assert meta["document_files"] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert len([g for g in meta["graphs"] if "/id/document/" in g]) == 5
    assert "ingesting 5 documents" in out.stderr and "[5/5] 004_ba66b6f40f8a4a5c.txt" in out.stderr


@pytest.mark.slow
def test_real_corpus_dumps_are_byte_identical(real_builds):
    _, a, b, _ = real_builds
    assert (a / "current" / "dumps" / "bvkg.nq").read_bytes() == (b / "current" / "dumps" / "bvkg.nq").read_bytes()


@pytest.mark.slow
def test_real_corpus_chief_executive_succession(real_builds):
    """Gold: Will Tuckley was Chief Executive in 2018 (D004); Stephen Halsey holds the post in 2024."""
    _, a, _, _ = real_builds
    s = open_store({"DATA_DIR": str(a)})
    rows = s.select("SELECT ?earlier WHERE { <%sholding/tower-hamlets/head-of-paid-service/stephen-halsey> "
                    "<https://w3id.org/bvkg/ontology#predecessor> ?earlier }" % ID).rows
    assert rows == [{"earlier": URIRef(ID + "holding/tower-hamlets/head-of-paid-service/will-tuckley")}]
    # type closure: the authority is an org:Organization through bvkg:LocalAuthority
    assert s.ask("ASK { <%sauthority/tower-hamlets> a <http://www.w3.org/ns/org#Organization> }" % ID)


def test_cli_failed_build_is_one_line(fixture_corpus, tmp_path):
    for f in fixture_corpus.glob("*.trig"):
        f.write_text("not rdf")
    out = subprocess.run([str(Path(sys.executable).parent / "bvkg"), "build", "--corpus", str(fixture_corpus),
                          "--data", str(tmp_path / "data")], capture_output=True, text=True)
    assert out.returncode == 1
    assert out.stderr.splitlines()[-1].startswith("Error: no document could be loaded, the previous graph is kept: ")
    assert "Traceback" not in out.stderr


def test_cli_query_reads_current(built):
    data, _ = built
    out = subprocess.run([str(Path(sys.executable).parent / "bvkg"), "query", "--data", str(data), "--format", "csv",
                          "SELECT ?later WHERE { ?later <https://w3id.org/bvkg/ontology#predecessor> ?x }"],
                         capture_output=True, check=True)
    assert out.stdout == f"later\r\n{ID}holding/exampleton/monitoring-officer/carol-clark\r\n".encode()


def test_the_store_is_closed_before_the_build_folder_is_synced(fixture_corpus, tmp_path):
    """No handle may keep RocksDB open once the build writes its files: its background compaction
    deleted .sst files under the fsync walk and failed a build."""
    import pyoxigraph as ox

    store, loaded = gb._load_corpus(tmp_path / "store", fixture_corpus, BASE, echo=lambda m: None)
    gb._write_build(tmp_path, store, loaded, BASE, "b1", gb.datetime.now(gb.timezone.utc), lambda m: None)
    del store
    ox.Store(str(tmp_path / "store"))  # RocksDB's lock: fails while any handle is still open


def test_fsync_walk_skips_a_file_that_vanished(tmp_path, monkeypatch):
    (tmp_path / "kept").write_text("x")
    (tmp_path / "gone").write_text("x")
    real_open = os.open

    def open_(path, flags, *a):
        if str(path).endswith("gone"):
            raise FileNotFoundError(path)
        return real_open(path, flags, *a)
    monkeypatch.setattr(gb.os, "open", open_)
    gb._fsync_tree(tmp_path)  # no error
