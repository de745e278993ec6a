"""E-mail: a newsletter or a forwarded letter, read from its HTML part or its text part.

`extract.extract_email` is the entry: the HTML part goes through the HTML extractor,
a text part through the page-copy extractor (`plain` undoes its hard wrapping first);
`apparatus` drops the footer and calls to action, `forward` finds a forwarded letter's
own subject and sender.
"""
