"""Line model weights: written by benchmarks/train_lines.py; do not edit by hand."""

from __future__ import annotations

ENABLED = True
FEATURES_DIGEST = "8eb729f07b965d49"
WEIGHTS = (
    4.6901,  # log_words
    0.7855,  # ends_sentence
    0.3675,  # has_clause
    0.2897,  # prose
    -0.4822,  # repeated
    -3.4222,  # form_text
    -1.5297,  # timestamp
    -3.0420,  # credit
    -1.5331,  # truncated
    1.0072,  # digits
    1.7287,  # list_marker
    0.4484,  # ends_colon
    2.6842,  # listed
    0.9772,  # position
    -1.4254,  # position_sq
    -0.8900,  # last_tenth
    -2.6559,  # prose_before_share
    1.4575,  # prose_near
    1.1285,  # prose_prev
    0.4469,  # prose_next
    0.4612,  # group_prose_share
)
BIAS = -3.5260
MIX = 6.0
CENTER = 0.45
TAIL_KEEP = 0.6
KEEP_ABOVE = 0.8
DROP_BELOW = 0.2
REACH_GAP = 2
UNION = True
HEADING_BELOW = 0.1
