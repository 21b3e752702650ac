"""Near-duplicate articles: MinHash signatures and an LSH index.

One wire story runs in forty outlets with a new headline, a byline and a
different footer. Those copies share most of their word 5-grams (shingles),
so the Jaccard similarity of their shingle sets stays high while unrelated
articles score near zero. A MinHash signature of ``PERMUTATIONS`` numbers
estimates that similarity; locality-sensitive hashing in ``BANDS`` bands of
``ROWS`` numbers finds the candidates without comparing every pair (two
articles with similarity 0.8 share a band with probability above 0.999, with
similarity 0.3 about 0.12), and the signatures then decide.

The hash family is multiply-shift on 64-bit shingle hashes, with fixed seeds:
a signature computed today matches one computed by another process or
machine, so the index can live in the event store.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from hashlib import blake2b
from itertools import accumulate

import numpy as np
import numpy.typing as npt

PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
SHINGLE = 5
THRESHOLD = 0.8  # estimated Jaccard similarity at or above which two articles are copies

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20261124)
_A = _rng.integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, size=PERMUTATIONS, dtype=np.uint64)
del _rng

Signature = npt.NDArray[np.uint32]


def shingles(text: str, *, size: int = SHINGLE) -> set[bytes]:
    """The word ``size``-grams of a text, lower-cased; short texts give one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    # Each shingle is a slice of the words joined once, not a join of its own.
    joined = " ".join(words)
    starts = list(accumulate([len(w) + 1 for w in words], initial=0))
    data = joined.encode()
    if len(data) != len(joined):  # not ASCII: characters and bytes differ, slice the text
        return {joined[a : b - 1].encode() for a, b in zip(starts, starts[size:], strict=False)}
    return {data[a : b - 1] for a, b in zip(starts, starts[size:], strict=False)}


def signature(text: str) -> Signature:
    """A MinHash signature: for each hash function, the least hash over the shingles."""
    grams = shingles(text)
    if not grams:
        return np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
    # 64-bit BLAKE2b of every shingle, read as little-endian integers.
    digests = b"".join([blake2b(g, digest_size=8).digest() for g in grams])
    hashes = np.frombuffer(digests, dtype="<u8").astype(np.uint64)
    # (a * x + b) mod 2**64, top 32 bits: numpy's uint64 arithmetic wraps.
    mixed = np.multiply.outer(hashes, _A)
    mixed += _B
    mixed >>= np.uint64(32)
    least: Signature = mixed.min(axis=0).astype(np.uint32)
    return least


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two texts behind two signatures."""
    return float(np.count_nonzero(a == b)) / PERMUTATIONS


def band_keys(sig: Signature) -> list[int]:
    """One 63-bit key per band (the band's index mixed in), for the LSH buckets."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


class DuplicateIndex:
    """The originals seen so far, looked up by LSH band; ``find`` then ``add``."""

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._buckets: dict[int, list[str]] = {}
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def find(self, sig: Signature) -> tuple[str, float] | None:
        """The most similar original at or above the threshold, with its similarity."""
        best: tuple[str, float] | None = None
        seen: set[str] = set()
        for key in band_keys(sig):
            for article_id in self._buckets.get(key, ()):
                if article_id in seen:
                    continue
                seen.add(article_id)
                score = similarity(sig, self._signatures[article_id])
                if score >= self.threshold and (best is None or score > best[1]):
                    best = (article_id, score)
        return best

    def add(self, article_id: str, sig: Signature) -> None:
        if article_id in self._signatures:
            return
        self._signatures[article_id] = sig
        for key in band_keys(sig):
            self._buckets.setdefault(key, []).append(article_id)

    def remove(self, article_id: str) -> None:
        """Forget an original (it was not coded after all)."""
        sig = self._signatures.pop(article_id, None)
        if sig is None:
            return
        for key in band_keys(sig):
            bucket = self._buckets.get(key)
            if bucket and article_id in bucket:
                bucket.remove(article_id)

    def extend(self, items: Iterable[tuple[str, Signature]]) -> None:
        for article_id, sig in items:
            self.add(article_id, sig)
