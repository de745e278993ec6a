"""HTML extraction's last pass: a heading that only labels a dropped link list."""

from __future__ import annotations

from narrate.core.models import Document
from narrate.text.extract.html import extract_html

PROSE = (
    "The valley's orchards were planted by monks in the twelfth century, and the same "
    "walls still shelter the oldest pear trees from the cold wind that comes down the hills."
)

PAGE = f"""<!doctype html>
<html lang="de"><head><title>Die Obstgärten im Tal</title></head><body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/themen">Themen</a></li></ul></nav>
<main><article>
<h1>Die Obstgärten im Tal</h1>
<p>{PROSE}</p>
<h2>Die alten Mauern</h2>
<p>{PROSE.replace("pear", "apple")}</p>
<h2>Schlagworte</h2>
<div class="related-tags"><ul>
<li><a href="/tag/obst">Obstbau</a></li>
<li><a href="/tag/kloster">Klöster</a></li>
<li><a href="/tag/tal">Talgeschichte</a></li>
</ul></div>
</article></main>
<footer><p>Impressum</p></footer>
</body></html>"""


def test_heading_over_a_dropped_link_list_is_dropped_as_its_label() -> None:
    article = extract_html(Document("p.html", PAGE, "html", "utf-8"))
    read = [block.text for block in article.blocks]
    assert "Die alten Mauern" in read  # a chapter heading over prose stays
    assert "Schlagworte" not in read
    reasons = {d.text: d.reason for d in article.dropped}
    assert reasons["Schlagworte"] == "list-heading"
    assert reasons["Obstbau"] in {"related", "nav"}
