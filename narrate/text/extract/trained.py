"""What a learned model was trained on: a digest of its feature names.

The generated weights files (`html/weights.py`, `pagecopy/weights.py`) keep this
digest instead of a second copy of the names; a model whose code's features no
longer match its weights refuses to run until it is retrained.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def names_digest(names: Sequence[str]) -> str:
    """A short, stable digest of feature names in their order."""
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:16]
