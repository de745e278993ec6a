"""EPUB books: the spine's chapters read as HTML, without the web's boilerplate rules.

`extract.extract_epub` is the entry: `book` opens the container (OPF, spine, contents,
landmarks, cover, DRM), `matter` finds front and back matter and notes; each chapter
goes through the HTML reader (`html.dom`).
"""
