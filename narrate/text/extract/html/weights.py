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
    "second_has",
    "second_lacks",
    "second_has_outside",
    "second_lacks_kept",
    "second_page_agree",
)
WEIGHTS = (
    -0.8955,  # kind_paragraph
    0.7988,  # kind_list_item
    0.5552,  # kind_quote
    -0.4585,  # kind_heading
    0.0000,  # kind_table
    0.0000,  # kind_code
    1.7215,  # rule_kept
    1.1022,  # reason_outside
    -1.3716,  # reason_nav
    -0.4134,  # reason_footer
    1.1007,  # reason_related
    2.1495,  # reason_comments
    -0.3092,  # reason_share
    -0.5439,  # reason_ads
    -0.4033,  # reason_byline
    -1.3682,  # reason_caption
    -0.9711,  # reason_boilerplate
    0.0000,  # reason_table
    -0.7543,  # climb_1
    -0.0619,  # climb_2
    0.6859,  # climb_far
    2.9153,  # log_chars
    -1.4893,  # link_density
    0.7926,  # is_prose
    1.0837,  # ends_sentence
    0.0164,  # ends_colon
    -0.6677,  # ends_ellipsis
    -1.3031,  # punct_per_word
    -1.9001,  # digit_share
    0.2974,  # marked_body
    1.3550,  # before_container
    -1.4852,  # after_container
    -1.0623,  # block_gap_log
    0.4128,  # prev_kept
    0.6543,  # next_kept
    0.1653,  # parent_kept_share
    -0.2428,  # short_and_last
    0.4578,  # kept_share_of_page
    -1.2844,  # starts_with_link
    -0.0913,  # list_size_log
    0.5734,  # same_shape_as_kept
    1.2253,  # second_has
    -1.2253,  # second_lacks
    1.8474,  # second_has_outside
    -1.5850,  # second_lacks_kept
    -0.5321,  # second_page_agree
)
BIAS = -3.1398
# without a second opinion (trafilatura missing, failed or found nothing)
ALONE_WEIGHTS = (
    -0.6730,  # kind_paragraph
    0.7162,  # kind_list_item
    0.3302,  # kind_quote
    -0.3734,  # kind_heading
    0.0000,  # kind_table
    0.0000,  # kind_code
    1.9050,  # rule_kept
    1.4280,  # reason_outside
    -0.7722,  # reason_nav
    -1.0371,  # reason_footer
    0.8609,  # reason_related
    1.1565,  # reason_comments
    -0.2824,  # reason_share
    -0.3667,  # reason_ads
    0.5887,  # reason_byline
    -0.9522,  # reason_caption
    -1.5539,  # reason_boilerplate
    0.0000,  # reason_table
    -0.4767,  # climb_1
    -0.0312,  # climb_2
    0.5152,  # climb_far
    4.3054,  # log_chars
    -1.2554,  # link_density
    0.7500,  # is_prose
    0.7181,  # ends_sentence
    0.0865,  # ends_colon
    -0.5888,  # ends_ellipsis
    -0.7765,  # punct_per_word
    -2.4462,  # digit_share
    0.4890,  # marked_body
    1.2511,  # before_container
    -1.2438,  # after_container
    0.1671,  # block_gap_log
    0.3870,  # prev_kept
    0.9913,  # next_kept
    0.7242,  # parent_kept_share
    -0.2260,  # short_and_last
    -0.7865,  # kept_share_of_page
    -1.0331,  # starts_with_link
    -0.9149,  # list_size_log
    1.1502,  # same_shape_as_kept
    0.0000,  # second_has
    0.0000,  # second_lacks
    0.0000,  # second_has_outside
    0.0000,  # second_lacks_kept
    0.0000,  # second_page_agree
)
ALONE_BIAS = -4.9337
DROP_BELOW = 0.3
KEEP_ABOVE = 0.8
