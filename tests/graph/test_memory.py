"""graph.memory: freed heap really goes back to the OS, and the server and workers ask for it."""
import ctypes

import pytest

from graph import memory

pytestmark = pytest.mark.skipif(memory._glibc() is None, reason="malloc_trim is glibc's")


def test_release_returns_freed_heap_that_glibc_would_keep():
    libc = memory._glibc()
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    block = 64 * 1024  # under the mmap threshold: from the heap, like Oxigraph's small allocations
    blocks = [libc.malloc(block) for _ in range(3200)]  # 200 MB
    for b in blocks:
        ctypes.memset(b, 1, block)  # touched, so resident
    try:
        for b in blocks[::2]:
            libc.free(b)  # 100 MB of holes between live blocks: glibc keeps them resident
        held = memory.resident_mb()
        assert memory.release() is True
        assert memory.resident_mb() < held - 60
    finally:
        for b in blocks[1::2]:
            libc.free(b)


def test_limit_arenas_applies_a_count_and_ignores_zero():
    assert memory.limit_arenas(0) is False
    assert memory.limit_arenas(8) is True
