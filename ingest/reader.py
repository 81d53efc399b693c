"""Read one corpus file as text, or fail with an IngestError that names the file and the reason.

A broken file must be reported precisely (which file, which line, which byte) so that a build can
list it and carry on with the rest of the corpus.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from bvkg import settings
from ingest.model import IngestError


def read_text(path: str | Path, max_bytes: Optional[int] = None) -> str:
    """UTF-8 text with CRLF/CR normalised to LF (a UTF-8 byte-order mark is dropped)."""
    p = Path(path)
    limit = int(max_bytes if max_bytes is not None else settings.get("MAX_DOCUMENT_BYTES"))
    try:
        size = p.stat().st_size
        if size > limit:
            raise IngestError(str(p), f"file too large: {size} bytes, more than MAX_DOCUMENT_BYTES={limit}")
        data = p.read_bytes()
    except IngestError:
        raise
    except IsADirectoryError:
        raise IngestError(str(p), "unreadable: is a directory") from None
    except OSError as exc:
        raise IngestError(str(p), f"unreadable: {exc.strerror or exc}") from None
    return decode(data, str(p))


def decode(data: bytes, name: str) -> str:
    """Bytes -> normalised text; the checks every document must pass, in the order a reader cares."""
    if not data.strip():
        raise IngestError(name, "empty document (no text, or only whitespace)")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(name, "UTF-16 text (byte-order mark at offset 0); save the file as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise IngestError(name, f"binary file: NUL byte at offset {nul}", line=data.count(b"\n", 0, nul) + 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IngestError(name, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} "
                                f"({exc.reason}); save the file as UTF-8", line=line) from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(name, "empty document (no text, or only whitespace)")
    return text
