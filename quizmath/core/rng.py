"""A small seeded random generator of our own.

Python's ``random`` only promises a reproducible ``random()``; its ``randrange``/``sample``
algorithms have changed between versions. A problem named ``id@seed`` must be the same on every
machine and every Python we support, so draws use SplitMix64 with integer-only rejection
sampling: the same seed gives the same numbers everywhere, forever.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TypeVar

_MASK = (1 << 64) - 1
T = TypeVar("T")


class Rng:
    """SplitMix64 generator; one instance per problem, no global state."""

    __slots__ = ("_state",)

    def __init__(self, seed: int, stream: str = "") -> None:
        # Mixing a stream name (the template id) into the seed keeps two templates drawn with the
        # same seed independent of each other.
        digest = hashlib.blake2b(f"{stream}\x00{seed}".encode(), digest_size=8).digest()
        self._state = int.from_bytes(digest, "little")

    def next64(self) -> int:
        self._state = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = self._state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """Uniform integer in [0, n) by rejection, so there is no modulo bias."""
        if n <= 0:
            raise ValueError("below() needs a positive bound")
        if n == 1:
            return 0
        if n > _MASK:
            raise ValueError("range too large")
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            r = self.next64()
            if r < limit:
                return r % n

    def randint(self, a: int, b: int) -> int:
        """Uniform integer with a ≤ n ≤ b (both ends included)."""
        if b < a:
            raise ValueError(f"empty range: randint({a}, {b})")
        return a + self.below(b - a + 1)

    def random(self) -> float:
        """Uniform float in [0, 1) with 53 random bits."""
        return (self.next64() >> 11) * (1.0 / (1 << 53))

    def choice(self, items: Sequence[T]) -> T:
        if not items:
            raise ValueError("choice from an empty list")
        return items[self.below(len(items))]

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A shuffled copy (Fisher–Yates)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = self.below(i + 1)
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """k distinct positions of items, in random order."""
        if not 0 <= k <= len(items):
            raise ValueError(f"cannot sample {k} from {len(items)} items")
        return self.shuffled(items)[:k]
