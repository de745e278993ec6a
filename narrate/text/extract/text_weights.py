"""Line model weights: written by benchmarks/train_lines.py; do not edit by hand."""

from __future__ import annotations

ENABLED = False
FEATURES: tuple[str, ...] = ()
WEIGHTS: tuple[float, ...] = ()
BIAS = 0.0
MIX = 0.0
CENTER = 0.5
