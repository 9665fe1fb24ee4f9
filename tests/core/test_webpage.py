"""Web pages: the article and only the article, with what the page says about itself.

Every page here is a small one written for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.ingest import load
from workbench.core.webpage import read_page

STORY = [
    "The Harbour Board of Kellport voted on Tuesday to spend £12 million on a new sea wall "
    "along the eastern quay, the largest project the board has approved since 2009.",
    "Engineers told the board that the old wall, built of timber and rubble in the 1950s, had "
    "moved by almost 30 centimetres during the storms of last winter.",
    "Construction is due to begin in the spring and should take about two years, with the "
    "fish market staying open throughout the work.",
    "Local traders welcomed the decision but said the board had waited too long, pointing out "
    "that three shops on the quay flooded twice in the past eighteen months.",
]
QUOTE = (
    "We cannot keep patching a wall that the sea has already beaten, and this plan finally "
    "gives the quay the protection it has needed for a generation."
)
HEADING = "What happens next"


def article_html(
    *, head: str = "", wrapper: tuple[str, str] = ("<main>", "</main>"), extra: str = ""
) -> str:
    """A news page: menus, the article, related stories, comments and a footer."""
    paragraphs = "\n".join(f"<p>{text}</p>" for text in STORY[:2])
    rest = "\n".join(f"<p>{text}</p>" for text in STORY[2:])
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kellport backs new sea wall | Coastline Courier</title>
{head}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
{wrapper[0]}
<article>
<h1>Kellport backs new sea wall</h1>
<div class="byline">By Ruth Amsel</div>
{paragraphs}
<blockquote><p>{QUOTE}</p></blockquote>
<h2>{HEADING}</h2>
{rest}
{extra}
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Ferry timetable changes announced for the winter season</a></li>
<li><a href="/b">Lifeboat crew rescues two walkers cut off by the tide</a></li>
<li><a href="/c">Council opens consultation on parking charges near the beach</a></li>
</ul></aside>
<section id="comments" class="comments"><h3>3 comments</h3>
<div class="comment"><p>Posted by harbourfan: about time they fixed that wall, I have been saying so for years.</p></div>
<div class="comment"><p>Posted by quaywatcher: the money would be better spent on the roads into town.</p></div>
</section>
{wrapper[1]}
<footer><p>Copyright Coastline Courier. All rights reserved.</p>
<p>Subscribe to our newsletter for the latest news from the coast.</p></footer>
</body></html>"""


def test_boilerplate_goes_and_the_article_keeps_its_shape() -> None:
    page = read_page(article_html())
    for paragraph in [*STORY, QUOTE, HEADING]:
        assert paragraph in page.body
    for noise in (
        "Home",
        "Ferry timetable",
        "Lifeboat crew",
        "harbourfan",
        "quaywatcher",
        "3 comments",
        "All rights reserved",
        "newsletter",
        "Related stories",
    ):
        assert noise not in page.body, noise
    blocks = page.body.split("\n\n")
    # paragraphs, the quotation and the heading are each a paragraph of their own
    assert blocks.index(QUOTE) == blocks.index(STORY[1]) + 1
    assert blocks.index(HEADING) == blocks.index(QUOTE) + 1
    # the headline is the title, not a line of the body
    assert page.title == "Kellport backs new sea wall"
    assert not page.body.startswith("Kellport backs")


def test_a_body_inside_a_form_is_read() -> None:
    html = article_html(
        wrapper=('<form id="aspnetForm" method="post" action="./story.aspx">', "</form>")
    )
    page = read_page(html)
    for paragraph in STORY:
        assert paragraph in page.body


def test_paragraphs_in_a_layout_table_stay_apart() -> None:
    cells = "".join(f"<p>{text}</p>" for text in STORY)
    html = (
        "<html><head><title>Kellport backs new sea wall</title></head><body>"
        '<table width="100%"><tr><td class="menu"><a href="/">Home</a></td>'
        f'<td class="story"><h1>Kellport backs new sea wall</h1>{cells}</td></tr></table>'
        "</body></html>"
    )
    blocks = read_page(html).body.split("\n\n")
    for paragraph in STORY:  # each one a paragraph of its own, not run together
        assert paragraph in blocks


def test_json_ld_metadata(tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Kellport backs new sea wall",
        "datePublished": "2024-03-05T18:40:00+00:00",
        "dateModified": "2024-03-07T09:00:00+00:00",
        "author": [
            {"@type": "Person", "name": "Ruth Amsel"},
            {"@type": "Person", "name": "Tomas Quill"},
        ],
        "publisher": {"@type": "NewsMediaOrganization", "name": "Coastline Courier"},
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<link rel="canonical" href="https://courier.example/news/sea-wall-vote">'
    )
    path = tmp_path / "saved.html"
    path.write_text(article_html(head=head), encoding="utf-8")
    doc = load(path).document
    assert doc.title == "Kellport backs new sea wall"
    assert doc.published == "2024-03-05"
    assert doc.authors == ("Ruth Amsel", "Tomas Quill")
    assert doc.source == "Coastline Courier"
    assert doc.url == "https://courier.example/news/sea-wall-vote"
    assert doc.original_text.startswith("<!DOCTYPE html>")  # the page is kept as it was


def test_the_outlet_is_never_a_person(tmp_path: Path) -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": "Kellport backs new sea wall",
        "author": {"@type": "Person", "name": "Ruth Amsel"},
        "publisher": {"@type": "Person", "name": "Ruth Amsel"},
    }
    head = (
        '<meta name="author" content="Ruth Amsel">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta property="og:url" content="https://www.ruthamsel.example/2024/sea-wall">'
    )
    path = tmp_path / "0f3a9c2e71.html"
    path.write_text(article_html(head=head), encoding="utf-8")
    doc = load(path).document
    assert doc.authors == ("Ruth Amsel",)
    assert doc.source == "ruthamsel.example"  # the domain: not the author, not the file name


def test_open_graph_site_name_wins_over_the_domain(tmp_path: Path) -> None:
    head = (
        '<meta property="og:site_name" content="Coastline Courier">'
        '<link rel="canonical" href="https://courier.example/news/sea-wall-vote">'
    )
    path = tmp_path / "page.html"
    path.write_text(article_html(head=head), encoding="utf-8")
    assert load(path).document.source == "Coastline Courier"


def test_a_free_text_date_in_a_meta_tag() -> None:
    head = '<meta property="article:published_time" content="November 19, 2019, 07:47 PM EST">'
    assert read_page(article_html(head=head)).published == "2019-11-19"


def test_a_date_written_only_in_the_page() -> None:
    extra = '<p class="date">Published November 19, 2019, 07:47 PM EST</p>'
    assert read_page(article_html(extra=extra)).published == "2019-11-19"


def test_declared_dates_win_over_the_date_in_the_address() -> None:
    head = (
        '<meta property="article:published_time" content="2019-11-19T07:03:25+00:00">'
        '<link rel="canonical" href="https://courier.example/2019/11/18/sea-wall">'
    )
    assert read_page(article_html(head=head)).published == "2019-11-19"
