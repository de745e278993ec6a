"""Block model weights: written by benchmarks/train_blocks.py; do not edit by hand."""

from __future__ import annotations

ENABLED = True
FEATURES = (
    "kind_paragraph",
    "kind_list_item",
    "kind_quote",
    "kind_heading",
    "kind_table",
    "kind_code",
    "rule_kept",
    "reason_outside",
    "reason_nav",
    "reason_footer",
    "reason_related",
    "reason_comments",
    "reason_share",
    "reason_ads",
    "reason_byline",
    "reason_caption",
    "reason_boilerplate",
    "reason_table",
    "climb_1",
    "climb_2",
    "climb_far",
    "log_chars",
    "link_density",
    "is_prose",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "punct_per_word",
    "digit_share",
    "marked_body",
    "before_container",
    "after_container",
    "block_gap_log",
    "prev_kept",
    "next_kept",
    "parent_kept_share",
    "short_and_last",
    "kept_share_of_page",
    "starts_with_link",
    "list_size_log",
    "same_shape_as_kept",
)
WEIGHTS = (
    0.1033,  # kind_paragraph
    1.4082,  # kind_list_item
    0.9445,  # kind_quote
    0.3832,  # kind_heading
    2.4691,  # kind_table
    0.8483,  # kind_code
    1.7845,  # rule_kept
    1.1701,  # reason_outside
    -1.0099,  # reason_nav
    -1.2602,  # reason_footer
    0.6289,  # reason_related
    0.9489,  # reason_comments
    -0.4763,  # reason_share
    -0.3948,  # reason_ads
    0.3862,  # reason_byline
    -1.2080,  # reason_caption
    -1.7564,  # reason_boilerplate
    3.3124,  # reason_table
    -0.4786,  # climb_1
    -0.0993,  # climb_2
    0.3927,  # climb_far
    4.2728,  # log_chars
    -1.1553,  # link_density
    0.7147,  # is_prose
    0.8161,  # ends_sentence
    0.0980,  # ends_colon
    -0.5934,  # ends_ellipsis
    -0.7661,  # punct_per_word
    -1.9176,  # digit_share
    0.4621,  # marked_body
    1.1523,  # before_container
    -1.3375,  # after_container
    0.3463,  # block_gap_log
    0.3715,  # prev_kept
    1.0179,  # next_kept
    0.6523,  # parent_kept_share
    -0.2038,  # short_and_last
    -0.8717,  # kept_share_of_page
    -0.9613,  # starts_with_link
    -0.8991,  # list_size_log
    1.0750,  # same_shape_as_kept
)
BIAS = -5.4136
DROP_BELOW = 0.3
KEEP_ABOVE = 0.8
