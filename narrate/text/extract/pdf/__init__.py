"""PDF documents: PDFium's characters -> lines -> blocks in reading order.

`extract.extract_pdf` is the entry: `read` (characters with size and font -> line
pieces), `layout` (running heads and feet, columns, reading order), `notes`
(footnotes and their markers), `blocks` (headings, paragraphs, hyphenation, captions).
"""
