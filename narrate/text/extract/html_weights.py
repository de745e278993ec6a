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
    -0.7178,  # kind_paragraph
    0.8066,  # kind_list_item
    0.3726,  # kind_quote
    -0.4613,  # kind_heading
    0.0000,  # kind_table
    0.0000,  # kind_code
    2.1175,  # rule_kept
    1.5696,  # reason_outside
    -0.6598,  # reason_nav
    -1.1195,  # reason_footer
    1.0131,  # reason_related
    1.3805,  # reason_comments
    -0.1323,  # reason_share
    -0.7601,  # reason_ads
    0.7360,  # reason_byline
    -0.8256,  # reason_caption
    -1.6073,  # reason_boilerplate
    0.0000,  # reason_table
    -0.4783,  # climb_1
    -0.0394,  # climb_2
    0.5528,  # climb_far
    5.0336,  # log_chars
    -1.2871,  # link_density
    0.5923,  # is_prose
    0.6791,  # ends_sentence
    0.0739,  # ends_colon
    -0.6489,  # ends_ellipsis
    -0.7254,  # punct_per_word
    -3.5216,  # digit_share
    0.4971,  # marked_body
    1.2937,  # before_container
    -1.2586,  # after_container
    0.2063,  # block_gap_log
    0.3928,  # prev_kept
    1.0092,  # next_kept
    0.6920,  # parent_kept_share
    -0.1589,  # short_and_last
    -0.7737,  # kept_share_of_page
    -1.0693,  # starts_with_link
    -1.1718,  # list_size_log
    1.1325,  # same_shape_as_kept
)
BIAS = -5.3827
DROP_BELOW = 0.3
KEEP_ABOVE = 0.8
