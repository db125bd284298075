"""Near-duplicate articles: MinHash signatures (datasketch) and LSH band keys.

A wire story reprinted by several outlets differs by a headline, a byline or a trimmed paragraph.
Word 3-gram shingles, 128 permutations, 16 bands of 8 rows: a pair at Jaccard 0.8 shares a band with
probability > 0.99; candidates are then checked against `THRESHOLD` with the full signatures. The band
keys live in the store (`article_lsh`), so the index spans every run, not just this one.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS, ROWS = 16, 8
THRESHOLD = 0.8  # estimated Jaccard at or above this: the same story
SHINGLE = 3
_WORD = re.compile(r"\w+")


def signature(text: str) -> bytes:
    """The MinHash signature of a text (NUM_PERM uint32 values) as bytes."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=7, scheme="affine32")  # fixed: signatures are stored
    m.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def bands(sig: bytes) -> list[tuple[int, int]]:
    """(band, bucket) keys: articles sharing any key are near-duplicate candidates."""
    out = []
    width = ROWS * 4
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * width : (b + 1) * width], digest_size=8).digest()
        out.append((b, int.from_bytes(digest, "little") >> 1))  # 63 bits: fits signed and unsigned columns
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.mean(x == y))
