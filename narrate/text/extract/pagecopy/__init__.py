"""Page copies: a web page saved or pasted as plain text, its article found among its lines.

`extract.extract_text` is the entry. A copy keeps the page's layout only as line breaks,
so the page is split into lines grouped by blank lines (`lines`); line rules (`rules`,
`edges`, `headings`, `lists`, `apparatus`) and a logistic line model (`features`,
`model`, `weights`, `scores`) find the body (`body`, `lead`); title, byline and date
come from the lines around it (`meta`).
"""
