"""Markdown: markdown-it-py's token stream -> blocks; front matter gives title, byline, date.

`extract.extract_markdown` is the entry; inline HTML is read by the HTML reader (`html.dom`).
"""
