"""Line model weights: written by benchmarks/train_lines.py; do not edit by hand."""

from __future__ import annotations

ENABLED = True
FEATURES = (
    "log_words",
    "ends_sentence",
    "has_clause",
    "prose",
    "repeated",
    "form_text",
    "timestamp",
    "credit",
    "truncated",
    "headline_like",
    "shouted",
    "menu_box",
    "digits",
    "list_marker",
    "ends_colon",
    "listed",
    "position",
    "position_sq",
    "last_tenth",
    "prose_before_share",
    "prose_near",
    "prose_prev",
    "prose_next",
    "group_prose_share",
    "lone_line",
)
WEIGHTS = (
    4.8809,  # log_words
    0.8153,  # ends_sentence
    0.3766,  # has_clause
    0.3903,  # prose
    -0.4974,  # repeated
    -3.4398,  # form_text
    -1.3314,  # timestamp
    -2.9300,  # credit
    -1.4970,  # truncated
    0.2248,  # headline_like
    -0.5081,  # shouted
    0.0781,  # menu_box
    0.9551,  # digits
    1.7356,  # list_marker
    0.4259,  # ends_colon
    2.6547,  # listed
    0.9876,  # position
    -1.4106,  # position_sq
    -0.8859,  # last_tenth
    -2.6591,  # prose_before_share
    1.4747,  # prose_near
    1.1265,  # prose_prev
    0.4434,  # prose_next
    0.4794,  # group_prose_share
    -0.0225,  # lone_line
)
BIAS = -3.8336
MIX = 4.0
CENTER = 0.3
TAIL_KEEP = 0.6
KEEP_ABOVE = 0.8
KEEP_BEFORE = 1.1
DROP_BELOW = 0.2
REACH_GAP = 2
