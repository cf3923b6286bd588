"""Each HTML extraction rule on small pages written here (fictional text)."""

from __future__ import annotations

import lxml.html
import pytest

from presswatch.extract.boilerplate import (
    detach_standfirst,
    is_furniture_name,
    prune_boilerplate,
    unwrap_layout_tables,
)
from presswatch.extract.html import (
    drop_bare_links,
    drop_byline_lines,
    drop_menu_runs,
    drop_title_lines,
    extract_html,
)

STORY = [
    "The harbour board in Wexley voted on Tuesday to close the old ferry pier after inspectors found the pilings rotten.",
    "Board chair Mara Quell said the decision had been coming for years and that a replacement would be tendered in spring.",
    "Fishermen who use the pier said they had not been consulted and would petition the council before the closure takes effect.",
    "The pier, built in 1911, carried the island ferry until the new terminal opened across the bay two decades ago.",
]


def _page(body: str, head: str = "") -> str:
    return f"<html><head><title>Pier to close - Wexley Gazette</title>{head}</head><body>{body}</body></html>"


def _story_html() -> str:
    return "".join(f"<p>{p}</p>" for p in STORY)


def _texts(tree: lxml.html.HtmlElement) -> str:
    return " ".join(tree.text_content().split())


# --- pre-cleaning ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "related-articles",
        "relatedStories",
        "newsletter-signup",
        "share-bar",
        "social_links",
        "most-read",
        "comments",
        "sidebar",
        "breadcrumb",
        "outbrain-widget",
        "latestNews",
        "read-more",
    ],
)
def test_furniture_names_are_recognised(name):
    assert is_furniture_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "article-body",
        "story-content",
        "entry-content",
        "headline",
        "byline",
        "shared-pier",
    ],
)
def test_content_names_are_not_furniture(name):
    assert not is_furniture_name(name)


@pytest.mark.parametrize(
    ("name", "furniture"),
    [
        # a furniture word inside a longer word is not the word
        ("headshot", False),
        ("uploads-grid", False),
        ("sharpened-photo", False),
        ("col-md-6 container", False),
        # compounds glued or split, in camelCase or with separators
        ("YouMayAlsoLike", True),
        ("you_may-also like", True),
        ("mostPopularList", True),
        ("ReadMore", True),
        # the article's own body named beside a furniture word stays
        ("ArticleBody shareTools", False),
        ("post-content related", False),
    ],
)
def test_furniture_names_are_whole_words_or_their_compounds(name, furniture):
    assert is_furniture_name(name) is furniture


def test_prune_drops_nav_aside_footer_and_named_furniture_but_keeps_the_story():
    html = _page(
        "<nav><a href='/'>Home</a><a href='/news'>News</a></nav>"
        f"<article>{_story_html()}"
        "<div class='related-articles'><h3>Related</h3><p>Council approves new bus lanes on the quay</p></div>"
        "<div class='newsletter-signup'><p>Get the Gazette in your inbox every morning</p></div>"
        "<div class='share-tools'><a href='#'>Share on social</a></div>"
        "</article>"
        "<aside><p>Most read: Lighthouse keeper retires after forty years</p></aside>"
        "<footer><p>Copyright Wexley Gazette</p></footer>"
    )
    tree = lxml.html.fromstring(html)
    report = prune_boilerplate(tree)
    text = _texts(tree)
    assert all(p in text for p in STORY)
    for junk in (
        "Home",
        "bus lanes",
        "inbox every morning",
        "Share on social",
        "Lighthouse keeper",
        "Copyright",
    ):
        assert junk not in text
    assert report.removed_blocks >= 6


def test_a_furniture_name_on_the_block_holding_the_story_does_not_remove_it():
    # some pages wrap the whole article in a "share-container" or similar; the text decides
    html = _page(
        f"<div class='share-container'>{_story_html()}</div><div class='sidebar'><p>Weather</p></div>"
    )
    tree = lxml.html.fromstring(html)
    prune_boilerplate(tree)
    text = _texts(tree)
    assert all(p in text for p in STORY)
    assert "Weather" not in text


def test_a_list_that_is_mostly_links_goes_and_a_list_in_the_story_stays():
    links = "".join(
        f"<li><a href='/s{i}'>Another story headline number {i}</a></li>"
        for i in range(6)
    )
    story_list = "<ul><li>Rotten pilings on the north side</li><li>Loose railings near the steps</li></ul>"
    tree = lxml.html.fromstring(_page(f"{_story_html()}{story_list}<ul>{links}</ul>"))
    prune_boilerplate(tree)
    text = _texts(tree)
    assert "Rotten pilings" in text and "Loose railings" in text
    assert "Another story headline" not in text


def test_hidden_blocks_go_by_whole_class_token_only():
    tree = lxml.html.fromstring(
        _page(
            f"<div class='field label-hidden'>{_story_html()}</div>"
            "<div class='email-popup hidden'><p>Thanks for signing up!</p></div>"
        )
    )
    prune_boilerplate(tree)
    text = _texts(tree)
    assert STORY[0] in text
    assert "Thanks for signing up" not in text


def test_layout_tables_become_blocks_and_data_tables_stay():
    layout = f"<table><tr><td><div>{_story_html()}</div></td><td><div>Ads</div></td></tr></table>"
    data = "<table><tr><th>Year</th><th>Ferries</th></tr><tr><td>1911</td><td>2</td></tr></table>"
    tree = lxml.html.fromstring(_page(layout + data))
    assert unwrap_layout_tables(tree) == 1
    assert len(tree.findall(".//table")) == 1
    assert tree.find(".//table").text_content().startswith("Year")


def test_the_standfirst_is_taken_out_of_the_header():
    tree = lxml.html.fromstring(
        _page(
            "<header><h1>Pier to close</h1><h2>Inspectors found the pilings rotten through.</h2></header>"
            + _story_html()
        )
    )
    assert detach_standfirst(tree) == "Inspectors found the pilings rotten through."
    assert "rotten through" not in _texts(tree)


def test_a_summary_named_paragraph_among_the_body_paragraphs_is_not_a_standfirst():
    first, *rest = STORY
    body = (
        f"<div class='content'><p id='speakable-summary'>{first}</p>"
        + "".join(f"<p>{p}</p>" for p in rest)
        + "</div>"
    )
    tree = lxml.html.fromstring(_page(body))
    assert detach_standfirst(tree) is None
    assert first in _texts(tree)


# --- paragraph rules ----------------------------------------------------------------------------


def test_headline_repeated_at_the_top_is_dropped_but_not_later():
    paragraphs = [
        "Pier to close after inspection",
        *STORY,
        "Pier to close after inspection",
    ]
    out = drop_title_lines(paragraphs, ("Pier to close after inspection",))
    assert out == [*STORY, "Pier to close after inspection"]


def test_headline_with_site_residue_is_recognised():
    out = drop_title_lines(
        ["Pier to close after inspection | Wexley Gazette", *STORY],
        ("Pier to close after inspection",),
    )
    assert out == STORY


def test_byline_and_dateline_lines_at_the_top_are_dropped():
    paragraphs = ["By Ona Brisk", "Published: November 19, 2019 10:30 am", *STORY]
    assert drop_byline_lines(paragraphs) == STORY
    # a line with the known author's bare name too
    assert drop_byline_lines(["Ona Brisk", *STORY], authors=("Ona Brisk",)) == STORY


def test_a_sentence_starting_with_by_is_not_a_byline():
    sentence = "By the time the ferry docked, the crowd on the pier had grown to several hundred people waiting in the rain."
    assert drop_byline_lines([sentence, *STORY]) == [sentence, *STORY]


def test_lines_that_are_only_a_url_are_dropped():
    assert (
        drop_bare_links([STORY[0], "https://gazette.example/pier-to-close", STORY[1]])
        == STORY[:2]
    )


def test_runs_of_short_lines_are_menus_but_a_short_list_stays():
    menu = ["Home", "News", "Sport", "Weather", "Opinion", "Contact"]
    assert drop_menu_runs([*STORY[:2], *menu, *STORY[2:]]) == STORY
    short_list = ["- Pilings", "- Railings", "- Steps"]
    assert drop_menu_runs([STORY[0], *short_list, STORY[1]]) == [
        STORY[0],
        *short_list,
        STORY[1],
    ]


def test_sentences_in_scripts_without_spaces_are_not_menu_items():
    japanese = [
        "港湾局は火曜日、古い桟橋を閉鎖することを決めました。検査で杭の腐食が見つかったためです"
        + "。" * i
        for i in range(7)
    ]
    assert drop_menu_runs(japanese) == japanese


# --- the whole page -----------------------------------------------------------------------------

FULL_PAGE = _page(
    "<nav class='top-menu'><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li>"
    "<li><a href='/s'>Sport</a></li><li><a href='/w'>Weather</a></li></ul></nav>"
    "<article><header><h1>Pier to close after inspection</h1>"
    "<p class='standfirst'>Inspectors found the pilings rotten through.</p>"
    "<p class='byline'>By <a rel='author' href='/ona'>Ona Brisk</a>, Staff Writer</p>"
    "<time datetime='2019-11-19T10:30:00+00:00'>Nov 19</time></header>"
    f"<div class='article-body'>{_story_html()}</div>"
    "<div class='newsletter'><p>Sign up for our morning briefing and never miss a story from the harbour.</p></div>"
    "<section class='comments'><p>Great news, about time! said reader Tom.</p></section>"
    "<div class='related-stories'><ul><li><a href='/a'>Bus lanes approved on the quay</a></li>"
    "<li><a href='/b'>Lighthouse keeper retires</a></li><li><a href='/c'>Storm closes harbour road</a></li>"
    "<li><a href='/d'>New ferry named</a></li></ul></div></article>",
    head="<meta property='og:site_name' content='Wexley Gazette'><meta property='og:title' content='Pier to close after inspection'>",
)


def test_extract_html_keeps_the_story_and_nothing_else():
    parts = extract_html(FULL_PAGE, url="https://gazette.example/pier")
    assert list(parts.paragraphs) == STORY
    assert parts.title == "Pier to close after inspection"
    assert parts.standfirst == "Inspectors found the pilings rotten through."
    assert parts.authors == ("Ona Brisk",)
    assert parts.published == "2019-11-19T10:30:00+00:00"
    assert parts.site == "Wexley Gazette"


def test_extract_html_on_something_that_is_not_a_page_gives_no_paragraphs():
    assert extract_html("").paragraphs == ()
    assert (
        extract_html(
            "<html><body><nav><a href='/'>Home</a></nav></body></html>"
        ).paragraphs
        == ()
    )


# --- second candidate ---------------------------------------------------------------------------

from presswatch.extract.density import densest_block_paragraphs, prose_paragraph_length
from presswatch.extract.html import pick_candidate

LONG = [p + " " + p for p in STORY]  # prose-length paragraphs


def test_densest_block_joins_an_article_split_into_chunks_and_leaves_the_rest():
    chunks = (
        f"<div class='story'><div class='chunk'><p>{LONG[0]}</p><p>{LONG[1]}</p></div>"
        f"<figure><figcaption>The pier at dawn</figcaption></figure>"
        f"<div class='chunk'><p>{LONG[2]}</p><p>{LONG[3]}</p></div>"
        "<ul><li><a href='/x'>Another story headline</a></li></ul></div>"
    )
    tree = lxml.html.fromstring(
        _page(f"<div class='menu'><p>Home</p></div>{chunks}<p>Footer note</p>")
    )
    assert densest_block_paragraphs(tree) == LONG
    assert prose_paragraph_length(tree) == sum(map(len, LONG))


def test_densest_block_gives_nothing_when_no_block_holds_the_prose_together():
    tree = lxml.html.fromstring(
        _page("".join(f"<p>{p}</p>" for p in LONG[:2]) + f"<div><p>{LONG[2]}</p></div>")
    )
    assert densest_block_paragraphs(tree) == []


def test_the_second_candidate_wins_only_when_it_contains_the_first_and_is_longer():
    first = [LONG[0]]
    assert pick_candidate(first, LONG) == LONG  # more of the same article
    assert pick_candidate(first, LONG[1:]) == first  # longer, but something else
    assert pick_candidate(LONG[:3], LONG) == LONG[:3]  # not clearly longer


def test_extract_html_keeps_an_article_split_into_chunks():
    # the body is split by an inline promo block into two chunks of a container
    page = _page(
        "<div class='page'><div class='story'>"
        f"<div class='chunk-a'><p>{LONG[0]}</p></div>"
        "<div class='inline-box'><p>Listen to the podcast</p></div>"
        f"<div class='chunk-b'><p>{LONG[1]}</p><p>{LONG[2]}</p><p>{LONG[3]}</p></div>"
        "</div></div>"
    )
    assert list(extract_html(page).paragraphs)[-3:] == LONG[1:]
    assert LONG[0] in extract_html(page).paragraphs


def test_a_short_list_of_nothing_but_links_is_a_related_list():
    related = "<ul><li><a href='/a'>Bus lanes approved on the quay</a></li><li><a href='/b'>Lighthouse keeper retires</a></li></ul>"
    story_list = "<ul><li>Pilings, which were <a href='/r'>found rotten</a> in May</li><li>Railings near the steps</li></ul>"
    tree = lxml.html.fromstring(_page(_story_html() + story_list + related))
    prune_boilerplate(tree)
    text = _texts(tree)
    assert "Pilings" in text and "Railings" in text
    assert "Bus lanes" not in text and "Lighthouse" not in text


def test_a_paragraph_that_is_only_a_link_is_a_teaser_but_a_link_in_a_sentence_stays():
    teaser = "<p><strong><a href='/x'>READ MORE: Ferry fares to rise in spring</a></strong></p>"
    linked = (
        f"<p>{STORY[0][:40]} <a href='/y'>the old ferry pier</a> {STORY[0][40:]}</p>"
    )
    tree = lxml.html.fromstring(_page(linked + _story_html() + teaser))
    prune_boilerplate(tree)
    text = _texts(tree)
    assert "Ferry fares" not in text
    assert "the old ferry pier" in text


def test_a_headline_under_a_menu_is_still_recognised():
    menu = ["Home", "News", "Sport", "Weather", "Opinion", "Contact", "Archive"]
    page = _page(
        "<div class='post'>"
        + "".join(f"<p>{m}</p>" for m in menu)
        + "<p>Pier to close after inspection</p>"
        "<p>05/10/2018</p><p>- Posted by: Ona Brisk - Category:</p>"
        + _story_html()
        + "</div>",
        head="<meta property='og:title' content='Pier to close after inspection'>",
    )
    assert list(extract_html(page).paragraphs) == STORY


def test_posted_by_lines_in_other_languages_are_bylines():
    assert (
        drop_byline_lines(["Publicado por: Ona Brisk - Categoria: Saúde", *STORY])
        == STORY
    )
    assert drop_byline_lines(["Posted by Ona Brisk on 5 May", *STORY]) == STORY


def test_closing_prompts_to_the_reader_are_dropped_but_not_inside_the_story():
    from presswatch.extract.html import drop_trailing_prompts

    prompts = [
        "Email Ona Brisk at ona@gazette.example or follow her on Twitter.",
        "Like this story? Share it with a friend!",
    ]
    assert drop_trailing_prompts([*STORY, *prompts]) == STORY
    inside = "The harbour master said residents could click here and there on the new map to report damage to the pier."
    assert drop_trailing_prompts([inside, *STORY]) == [inside, *STORY]
    long_ending = (
        STORY[3] + " " + STORY[2] + " Readers can share this with the council."
    )
    assert drop_trailing_prompts([*STORY[:3], long_ending]) == [*STORY[:3], long_ending]


def test_every_dropped_line_is_recorded_with_its_rule():
    page = _page(
        "<div class='post'><p>Pier to close after inspection</p><p>By Ona Brisk</p>"
        + _story_html()
        + "<p>https://gazette.example/pier</p><p>Like this story? Share it with a friend!</p></div>",
        head="<meta property='og:title' content='Pier to close after inspection'>",
    )
    parts = extract_html(page)
    assert list(parts.paragraphs) == STORY
    rules = {line.text: line.rule for line in parts.removed}
    assert rules["Pier to close after inspection"] == "repeated_title"
    assert rules["By Ona Brisk"] == "byline"
    assert rules["https://gazette.example/pier"] == "bare_link"
    assert (
        "Like this story? Share it with a friend!" in rules
    )  # by this rule set or the shared cleaner's


def test_a_standfirst_named_as_such_is_taken_even_among_the_body_paragraphs():
    body = (
        "<article><h1>Pier to close</h1><p class='standfirst'>Inspectors found the pilings rotten through.</p>"
        + _story_html()
        + "</article>"
    )
    tree = lxml.html.fromstring(_page(body))
    assert detach_standfirst(tree) == "Inspectors found the pilings rotten through."


def test_the_description_is_a_standfirst_only_when_it_is_not_the_body_opening():
    copied = _page(
        _story_html(), head=f"<meta name='description' content='{STORY[0][:60]}...'>"
    )
    assert extract_html(copied).standfirst is None
    own = _page(
        _story_html(),
        head="<meta name='description' content='Inspectors found the pilings rotten through.'>",
    )
    assert (
        extract_html(own).standfirst == "Inspectors found the pilings rotten through."
    )


def test_removing_a_block_does_not_glue_the_words_around_it():
    tree = lxml.html.fromstring(
        _page(
            "<div><span>harbour</span><div class='related'>x</div><span>board</span></div>"
        )
    )
    prune_boilerplate(tree)
    assert "harbour board" in _texts(tree)


def test_a_run_of_short_data_lines_is_not_a_menu():
    prices = [
        "Tickets",
        "Adults: 12",
        "Children: 6",
        "Family: 30",
        "Groups: 9 each",
        "Call 555-0100",
    ]
    assert drop_menu_runs([STORY[0], *prices, STORY[1]]) == [
        STORY[0],
        *prices,
        STORY[1],
    ]


def test_hover_cards_inside_a_paragraph_go_and_the_sentence_stays():
    sentence = (
        "<p>Board chair <a href='/p/mara'>Mara Quell</a><span class='tooltip-card'><span>Mara Quell: "
        "three stories this week</span></span> said the decision had been coming for years.</p>"
    )
    tree = lxml.html.fromstring(_page(sentence + _story_html()))
    prune_boilerplate(tree)
    text = _texts(tree)
    assert "Board chair Mara Quell said the decision had been coming for years." in text
    assert "three stories this week" not in text


def test_tag_lists_go_but_a_sentence_about_topics_stays():
    from presswatch.extract.html import drop_tag_lists

    assert (
        drop_tag_lists([*STORY, "Tags", "ferry, pier, harbour board, Wexley"]) == STORY
    )
    assert drop_tag_lists([*STORY, "Tags: ferry, pier, harbour board"]) == STORY
    sentence = (
        "Topics at the meeting included the pier, the ferry timetable and parking."
    )
    assert drop_tag_lists([sentence, *STORY]) == [sentence, *STORY]


def test_controls_and_embedded_media_are_not_text():
    extras = (
        "<select><option>Choose a category</option><option>Harbour</option></select>"
        "<button>Load more stories</button><video>Your browser does not support video</video>"
    )
    tree = lxml.html.fromstring(_page(_story_html() + extras))
    prune_boilerplate(tree)
    text = _texts(tree)
    assert STORY[3] in text
    for junk in ("Choose a category", "Load more", "does not support video"):
        assert junk not in text


def test_prune_skips_what_a_removed_block_contains_and_goes_on_after_it():
    html = _page(
        f"<article>{_story_html()}"
        "<div class='related-stories'><ul class='share-list'><li><a href='/a'>Ferry fares rise in May</a></li>"
        "<li><a href='/b'>Quay market reopens</a></li></ul><p>More from the harbour desk</p></div>"
        "<div class='newsletter'><p>The Gazette in your inbox every morning</p></div>"
        "<p>The council will publish the inspectors' report next week.</p>"
        "</article>"
    )
    tree = lxml.html.fromstring(html)
    report = prune_boilerplate(tree)
    text = _texts(tree)
    # the outer related block and the newsletter box: the list inside the first is not counted again
    assert report.removed_blocks == 2
    assert "Ferry fares" not in text and "inbox" not in text
    assert "inspectors' report next week" in text
    assert all(p in text for p in STORY)



def test_a_kept_aside_between_links_never_glues_their_words_together():
    # Found by the property test: the aside holds most of the little prose there is, so pruning keeps
    # it; trafilatura drops it later, and without a space in its place the link texts on either side
    # ran together into a word of the page that does not exist ("000000000000" + "0").
    html = (
        "<html><head><title>0</title></head><body><article><p>00 0000 000000000001</p><p>000000</p>"
        "<a>0 0 0 0 0 0 0000 00000 00000 000000 0000000000 000000000000 000000000000</a>"
        "<aside>100000 0 0 0 0 0 0</aside><a>0</a></article></body></html>"
    )
    words = {w for p in extract_html(html).paragraphs for w in p.split()}
    assert "0000000000000" not in words


# --- the article by its markup ---------------------------------------------------------------------

SIDEBAR_BLURBS = [
    f"Blurb {n}: the Wexley rowing club meets on Thursdays at the boathouse and welcomes new members of any age."
    for n in range(12)
]


def _blog_page(wrapper: str, article: str) -> str:
    # three sidebar boxes, each like the article a small share of the page's text
    boxes = "".join(
        "<div class='sidebar'>" + "".join(f"<p>{b}</p>" for b in SIDEBAR_BLURBS[n : n + 4]) + "</div>"
        for n in (0, 4, 8)
    )
    return _page(f"<div class='{wrapper}'>{article}</div>{boxes}")


@pytest.mark.parametrize(
    "article",
    [
        f"<div class='post hentry'><div class='entry-content'>{_story_html()}</div></div>",
        f"<article>{_story_html()}</article>",
        f"<div itemprop='articleBody'>{_story_html()}</div>",
    ],
)
def test_a_furniture_name_around_the_marked_article_does_not_remove_it(article):
    # the post is a small share of the page's text, inside a block named like furniture ("widget")
    tree = lxml.html.fromstring(_blog_page("widget blog-posts", article))
    prune_boilerplate(tree)
    text = _texts(tree)
    assert all(p in text for p in STORY)
    assert SIDEBAR_BLURBS[0] not in text  # the sidebar still goes
    assert list(extract_html(_blog_page("widget blog-posts", article), ensemble=False).paragraphs) == STORY


def test_marked_teaser_cards_do_not_protect_a_furniture_block():
    cards = "".join(f"<article><a href='/s/{n}'>Ferry timetable changes, part {n}</a></article>" for n in range(5))
    page = _page(f"<div class='related-stories'>{cards}</div><div class='body'>{_story_html()}</div>")
    tree = lxml.html.fromstring(page)
    prune_boilerplate(tree)
    text = _texts(tree)
    assert "Ferry timetable changes" not in text
    assert STORY[0] in text


def test_a_long_comment_thread_beside_the_marked_article_goes_though_it_holds_most_of_the_text():
    comments = "".join(
        f"<p>Reader {n} wrote: I have used that pier for thirty years and I think the board should repair it instead.</p>"
        for n in range(15)
    )
    page = _page(f"<article>{_story_html()}</article><div class='comments'>{comments}</div>")
    tree = lxml.html.fromstring(page)
    prune_boilerplate(tree)
    text = _texts(tree)
    assert STORY[0] in text and "Reader 3 wrote" not in text
    # without article markup, the block holding most of the text is kept: it may be the story
    unmarked = lxml.html.fromstring(_page(f"<div>{_story_html()}</div><div class='comments'>{comments}</div>"))
    prune_boilerplate(unmarked)
    assert "Reader 3 wrote" in _texts(unmarked)
