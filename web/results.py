"""SPARQL 1.1 result serialisations (JSON, XML, CSV, TSV) for capped SELECT/ASK answers.

The store can serialise too, but the public endpoint cuts rows at ROW_CAP first, so it writes the
capped rows itself, following the W3C formats exactly (CSV: plain values; TSV: N-Triples terms).
"""
from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

from rdflib.term import BNode, Literal, Node, URIRef

MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def _json_term(t: Node) -> dict:
    if isinstance(t, URIRef):
        return {"type": "uri", "value": str(t)}
    if isinstance(t, BNode):
        return {"type": "bnode", "value": str(t)}
    d = {"type": "literal", "value": str(t)}
    if isinstance(t, Literal):
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype is not None:
            d["datatype"] = str(t.datatype)
    return d


def _xml_term(t: Node) -> str:
    if isinstance(t, URIRef):
        return f"<uri>{escape(str(t))}</uri>"
    if isinstance(t, BNode):
        return f"<bnode>{escape(str(t))}</bnode>"
    attrs = ""
    if isinstance(t, Literal) and t.language:
        attrs = f" xml:lang={quoteattr(t.language)}"
    elif isinstance(t, Literal) and t.datatype is not None:
        attrs = f" datatype={quoteattr(str(t.datatype))}"
    return f"<literal{attrs}>{escape(str(t))}</literal>"


def _tsv_term(t: Node) -> str:
    if isinstance(t, BNode):
        return f"_:{t}"
    return t.n3()  # N-Triples/Turtle form; rdflib escapes tabs and newlines in literals


def select_bytes(vars_: list[str], rows: list[dict], fmt: str) -> bytes:
    if fmt == "json":
        body = {"head": {"vars": vars_},
                "results": {"bindings": [{v: _json_term(r[v]) for v in vars_ if v in r} for r in rows]}}
        return json.dumps(body, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in vars_]
        out.append("</head>\n<results>")
        for r in rows:
            out.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_xml_term(r[v])}</binding>"
                                            for v in vars_ if v in r) + "</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(vars_)
        for r in rows:
            w.writerow([("_:" + str(r[v])) if isinstance(r.get(v), BNode) else str(r[v]) if v in r else ""
                        for v in vars_])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in vars_)]
        lines += ["\t".join(_tsv_term(r[v]) if v in r else "" for v in vars_) for r in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown result format {fmt!r}")


def ask_bytes(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": bool(value)}).encode("utf-8")
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head/>\n'
                f"<boolean>{'true' if value else 'false'}</boolean>\n</sparql>\n").encode("utf-8")
    if fmt == "csv":
        return f"_askResult\r\n{'true' if value else 'false'}\r\n".encode("utf-8")
    if fmt == "tsv":
        return f"?_askResult\n{'true' if value else 'false'}\n".encode("utf-8")
    raise ValueError(f"unknown result format {fmt!r}")
