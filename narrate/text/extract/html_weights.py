"""Block model weights: written by benchmarks/train_blocks.py; do not edit by hand."""

from __future__ import annotations

ENABLED = False
FEATURES = ('kind_paragraph', 'kind_list_item', 'kind_quote', 'kind_heading', 'kind_table', 'kind_code', 'rule_kept', 'reason_outside', 'reason_nav', 'reason_footer', 'reason_related', 'reason_comments', 'reason_share', 'reason_ads', 'reason_byline', 'reason_caption', 'reason_boilerplate', 'reason_table', 'climb_1', 'climb_2', 'climb_far', 'log_chars', 'link_density', 'is_prose', 'ends_sentence', 'ends_colon', 'ends_ellipsis', 'punct_per_word', 'digit_share', 'marked_body', 'before_container', 'after_container', 'block_gap_log', 'prev_kept', 'next_kept', 'parent_kept_share', 'short_and_last', 'kept_share_of_page',)
WEIGHTS = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,)
BIAS = 0.0
DROP_BELOW = 0.0
KEEP_ABOVE = 1.0
