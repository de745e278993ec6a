"""HTML pages: the article's blocks among a page's furniture, each dropped one with its reason.

`extract.extract_html` is the entry. The page is read into blocks (`dom`), judged by
element and text rules (`rules`, `body`, `apparatus`, `tidy`, `short`), weighed by a
logistic block model (`features`, `model`, `weights`) with trafilatura's second opinion
(`second`), and its title, byline and date read from its markup (`meta`, `titles`).
E-mail, EPUB and Markdown hand their markup to `dom`'s reader.
"""
