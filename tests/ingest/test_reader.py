"""reader: every broken file fails with a message naming the file and the reason."""
from __future__ import annotations

import os

import pytest

from ingest.model import IngestError
from ingest.reader import read_text


def write(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_crlf_normalised_and_bom_dropped(tmp_path):
    p = write(tmp_path, "ok.txt", "\ufeffDear Sir,\r\nLine two\rLine three\r\n".encode("utf-8"))
    assert read_text(p) == "Dear Sir,\nLine two\nLine three\n"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  "])
def test_empty_or_whitespace(tmp_path, data):
    p = write(tmp_path, "empty.txt", data)
    with pytest.raises(IngestError) as e:
        read_text(p)
    assert str(e.value) == f"{p}: empty document (no text, or only whitespace)"


def test_binary_names_line_and_offset(tmp_path):
    p = write(tmp_path, "bin.txt", b"first line\nsecond\x00line\n")
    with pytest.raises(IngestError) as e:
        read_text(p)
    assert str(e.value) == f"{p}:2: binary file: NUL byte at offset 17"
    assert e.value.line == 2 and e.value.path == str(p)


def test_latin1_names_first_bad_byte(tmp_path):
    p = write(tmp_path, "latin.txt", "Dear Sir,\nThe Council’s plan\nCafé closed\n".replace("’", "'").encode("latin-1"))
    with pytest.raises(IngestError) as e:
        read_text(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:3: not UTF-8: byte 0xe9 at offset 32")
    assert "save the file as UTF-8" in msg


def test_too_large(tmp_path):
    p = write(tmp_path, "big.txt", b"x" * 101)
    with pytest.raises(IngestError) as e:
        read_text(p, max_bytes=100)
    assert str(e.value) == f"{p}: file too large: 101 bytes, more than MAX_DOCUMENT_BYTES=100"


def test_too_large_uses_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("BVKG_MAX_DOCUMENT_BYTES", "10")
    p = write(tmp_path, "big.txt", b"Dear Sir, hello world")
    with pytest.raises(IngestError, match="MAX_DOCUMENT_BYTES=10"):
        read_text(p)


def test_missing_and_unreadable(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError) as e:
        read_text(missing)
    assert str(e.value) == f"{missing}: unreadable: No such file or directory"
    with pytest.raises(IngestError, match="is a directory"):
        read_text(tmp_path)
    if os.geteuid() != 0:  # root can read anything
        p = write(tmp_path, "locked.txt", b"text")
        p.chmod(0)
        with pytest.raises(IngestError, match="unreadable: Permission denied"):
            read_text(p)


def test_utf16_is_named_as_such(tmp_path):
    p = write(tmp_path, "u16.txt", "Dear Sir,\n".encode("utf-16"))
    with pytest.raises(IngestError) as e:
        read_text(p)
    assert str(e.value) == f"{p}: UTF-16 text (byte-order mark at offset 0); save the file as UTF-8"
