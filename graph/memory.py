"""Hand freed heap back to the operating system, so a long-lived process does not keep its peak.

glibc keeps what a page or query freed inside the process: each thread may get its own arena
(eight times the cores), and an arena is only shrunk from its top. Oxigraph's query engine
allocates through the same malloc, so one big answer leaves the server or a query worker holding
its size for good. Capping the arenas and calling ``malloc_trim`` after each request or answer
gives it back (a trim costs about a millisecond). Off glibc both are no-ops.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from functools import lru_cache

M_ARENA_MAX = -8  # mallopt parameter number, from glibc's malloc.h


@lru_cache(maxsize=1)
def _glibc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    if libc is None or not hasattr(libc, "malloc_trim") or not hasattr(libc, "mallopt"):
        return None  # musl, macOS: no trim to call
    return libc


def limit_arenas(count: int) -> bool:
    """Let at most ``count`` malloc arenas exist (0 leaves glibc's default); True if applied."""
    libc = _glibc()
    if libc is None or count <= 0:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, int(count)))


def release() -> bool:
    """Return free heap pages to the OS; True if glibc gave any back."""
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False


def resident_mb() -> float:
    """This process's resident memory now (not its peak)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0
