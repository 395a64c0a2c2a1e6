"""Which paragraphs are skipped, on the seeds and on general scraped-page cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mtcheck.reading import boilerplate, parse_text
from mtcheck.reading.boilerplate import mark_paragraphs, widget_reason
from mtcheck.reading.paragraphs import Span, split_plain

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(prefix: str):
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return parse_text(path.read_text(encoding="utf-8"), path=str(path))


def skipped(document) -> dict[int, tuple[str, str]]:
    """index -> (reason, text) for every skipped paragraph."""
    return {
        paragraph.index: (paragraph.skipped, document.paragraph_text(paragraph))
        for paragraph in document.paragraphs
        if paragraph.skipped
    }


def skip_map(text: str) -> list[tuple[str | None, str]]:
    document = parse_text(text)
    return [(paragraph.skipped, document.paragraph_text(paragraph)) for paragraph in document.paragraphs]


# -- the seeds ----------------------------------------------------------------
@pytest.mark.parametrize("prefix", ["000", "002"])
def test_clean_human_articles_skip_nothing(prefix: str) -> None:
    assert skipped(seed(prefix)) == {}


def test_machine_translated_seed_skips_only_the_fragments() -> None:
    assert skipped(seed("003")) == {0: ("too-short", "CNN"), 1: ("too-short", "–")}


def test_seed_001_skips_datelines_teasers_and_reactions() -> None:
    got = skipped(seed("001"))
    assert got == {
        1: ("boilerplate", "Apr 26, 2025\u00a0-\u00a008:56"),
        2: ("boilerplate", "0 \u00a01"),
        3: ("duplicate", "Thanks but no, Kiev: Russia and the US can reconcile without Ukraine"),
        9: ("boilerplate", "Read more"),
        10: ("boilerplate", "RT"),
        11: ("boilerplate", "Trump envoy in Moscow for talks with Putin: As it happened"),
        15: ("boilerplate", "Read more"),
        16: ("boilerplate", "US President Donald Trump"),
        17: ("boilerplate", "Trump’s peace plan triggers ‘concern’ among allies – CNN"),
        21: ("boilerplate", "What's Your Reaction?"),
        22: ("boilerplate", "Like Like 0"),
        23: ("boilerplate", "Dislike Dislike 0"),
        24: ("boilerplate", "Love Love 0"),
        25: ("boilerplate", "Funny Funny 0"),
        26: ("boilerplate", "Angry Angry 0"),
        27: ("boilerplate", "Sad Sad 0"),
        28: ("boilerplate", "Wow Wow 0"),
    }


def test_seed_001_article_paragraphs_are_scored() -> None:
    document = seed("001")
    scored = [document.paragraph_text(paragraph) for paragraph in document.scored_paragraphs]
    assert scored[0] == "Thanks but no, Kiev: Russia and the US can reconcile without Ukraine"
    assert scored[1].startswith("Steve Witkoff’s Moscow visit")
    assert scored[-1].startswith("But it is more difficult not only")
    assert len(scored) == 12


def test_seed_004_skips_page_furniture_and_the_related_block() -> None:
    document = seed("004")
    got = skipped(document)
    head = {index: got.pop(index) for index in sorted(got) if index < 43}
    assert head == {
        0: ("boilerplate", "logo"),
        2: ("duplicate", "How Trump and Putin Reached a New Make-or-Break Moment on Ukraine"),
        3: ("boilerplate", "Hindustan Times10 hours ago"),
        5: ("too-short", "It remains a long shot."),
    }
    # From the contact line to the end: furniture, "Related Articles", the
    # pasted Mint article twice and the app banner. All boilerplate.
    assert sorted(got) == list(range(43, 75))
    assert {reason for reason, _ in got.values()} == {"boilerplate"}
    tail = [text for _, text in got.values()]
    assert tail[0].startswith("Write to Alexander Ward at alex.ward@wsj.com")
    assert tail[6] == "Related Articles"
    assert sum(text.startswith("The US under President Donald Trump is crafting") for text in tail) == 2
    assert tail[-4:] == [
        "DOWNLOAD THE APP",
        "Get Started Now: Download the App",
        "Ready to dive into a world of global content with local flavor? Download Daily8 app today from "
        "your preferred app store and start exploring.",
        "app-storeplay-store",
    ]


def test_seed_004_article_paragraphs_are_scored() -> None:
    document = seed("004")
    scored = [document.paragraph_text(paragraph) for paragraph in document.scored_paragraphs]
    assert scored[0] == "How Trump and Putin Reached a New Make-or-Break Moment on Ukraine"
    assert scored[1].startswith("WASHINGTON—President Trump has long believed")
    assert "Either way, Polyakova said, 'the war keeps dragging on.'" in scored
    assert scored[-1].startswith("But those who know Trump suspect")
    assert len(scored) == 39


def test_without_the_related_header_the_copies_are_still_duplicates() -> None:
    text = (SEEDS / "004_e213fecfa28b599e.txt").read_text(encoding="utf-8").replace("Related Articles\n", "")
    document = parse_text(text)
    pasted = [
        paragraph.skipped
        for paragraph in document.paragraphs
        if document.paragraph_text(paragraph).startswith("The US under President Donald Trump is crafting")
    ]
    # The second copy has small edits: caught by shingle overlap, not equality.
    assert pasted == [None, "duplicate"]


# -- single paragraphs that are widgets, labels or banners -----------------------
@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Subscribe now",
        "Sign up for our daily newsletter",
        "Share this article",
        "Facebook Twitter Email",
        "Comments (12)",
        "No comments yet...",
        "Be the first to comment",
        "Scroll to continue reading",
        "Story continues below advertisement",
        "Photo: Reuters",
        "Getty Images",
        "Updated: 3 hours ago",
        "Published on 12 March 2024, 14:05 IST",
        "2024-03-12T14:05:00Z",
        "5 min read",
        "Reuters 2 days ago",
        "• The Guardian",
        "By Jane Doe and Li Wei, Reuters",
        "Contact the reporter at jane.doe@example.com",
        "Follow us on Twitter",
        "Get it on Google Play",
        "We use cookies to improve your experience. Accept all cookies",
        "Related: Kremlin says talks were useful",
        "Tags: Russia, Ukraine, diplomacy",
        "12 | 4",
        "Blue background",
    ],
)
def test_widget_lines(line: str) -> None:
    assert widget_reason(line) is not None
    assert skip_map("An article paragraph long enough to be scored as prose here.\n" + line)[1][0] == "boilerplate"


@pytest.mark.parametrize(
    "line",
    [
        # Real prose that mentions widget words is not boilerplate.
        "Apple's App Store fees were ruled unlawful by the court on Tuesday.",
        "Readers left more than 400 comments under the minister's post.",
        "Officials urged residents to download the app, which sends air raid alerts.",
        "By Thursday, the talks had stalled over the question of territory.",
        "He left the building 3 hours ago, his aide said.",
        "The advertisement ran in three newspapers before it was withdrawn.",
        "Share prices fell sharply in Moscow after the announcement.",
        "More than a million people have fled the region since the summer.",
    ],
)
def test_prose_that_mentions_widget_words_is_kept(line: str) -> None:
    assert widget_reason(line) is None
    assert skip_map(line) == [(None, line)]


# -- rules over sequences ----------------------------------------------------------
PROSE = "The talks in Geneva lasted more than six hours and ended without an agreement on Friday."
MORE_PROSE = "Both delegations said they would return next month to try again, according to officials."


def test_teaser_run_stops_at_the_next_real_paragraph() -> None:
    text = f"{PROSE}\nSee also:\nKremlin says talks were useful\nWhat the deal means for Kyiv?\n{MORE_PROSE}"
    assert skip_map(text) == [
        (None, PROSE),
        ("boilerplate", "See also:"),
        ("boilerplate", "Kremlin says talks were useful"),
        ("boilerplate", "What the deal means for Kyiv?"),
        (None, MORE_PROSE),
    ]


def test_related_header_ends_the_article_only_after_prose() -> None:
    article = "\n".join([PROSE, MORE_PROSE, PROSE.replace("Geneva", "Vienna")])
    tail = "Most Read\nA pasted story that is long enough to be scored if nothing caught it, ending here."
    assert [reason for reason, _ in skip_map(f"{article}\n{tail}")][-2:] == ["boilerplate", "boilerplate"]
    # At the top of the page it is a teaser box: the article after it is kept.
    top = skip_map(f"Most Read\nKremlin says talks were useful\n{article}")
    assert [reason for reason, _ in top] == ["boilerplate", "boilerplate", None, None, None]


def test_short_label_between_boilerplate_is_boilerplate() -> None:
    got = skip_map(f"{PROSE}\nAdvertisement\nExplore what our app can do for you:\nSubscribe\n{MORE_PROSE}")
    assert [reason for reason, _ in got] == [None, "boilerplate", "boilerplate", "boilerplate", None]


def test_exact_and_near_duplicates_mark_the_later_copy() -> None:
    edited = MORE_PROSE.replace("next month", "next week")
    longer = " ".join([PROSE, MORE_PROSE, PROSE.replace("Geneva", "Vienna"), MORE_PROSE.replace("Both", "The")])
    longer_edited = longer.replace("next month", "next week", 1)
    got = skip_map(f"{PROSE}\n{PROSE.upper()}\n{MORE_PROSE}\n{edited}\n{longer}\n{longer_edited}")
    # One changed word breaks up to five word 5-grams: too many for a
    # 14-word paragraph to stay a near copy, few enough in a 60-word one.
    assert [reason for reason, _ in got] == [None, "duplicate", None, None, None, "duplicate"]


def test_too_short_counts_words_not_symbols() -> None:
    assert skip_map("It remains a long shot.\n–\nSix words make a kept headline") == [
        ("too-short", "It remains a long shot."),
        ("too-short", "–"),
        (None, "Six words make a kept headline"),
    ]


def test_boilerplate_wins_over_duplicate() -> None:
    assert [reason for reason, _ in skip_map(f"{PROSE}\nAdvertisement\nAdvertisement")] == [
        None, "boilerplate", "boilerplate",
    ]


def test_non_prose_spans_are_boilerplate() -> None:
    text = "print('hello world from a code block here')"
    paragraphs = mark_paragraphs(text, [Span(0, len(text), "code")])
    assert paragraphs[0].skipped == "boilerplate"
    # Plain (start, end) tuples are accepted too.
    assert mark_paragraphs(PROSE, [(0, len(PROSE))])[0].skipped is None


def test_mark_paragraphs_keeps_spans() -> None:
    text = f"{PROSE}\n\n{MORE_PROSE}"
    spans = split_plain(text)
    paragraphs = mark_paragraphs(text, spans)
    assert [(paragraph.index, paragraph.start, paragraph.end) for paragraph in paragraphs] == [
        (index, span.start, span.end) for index, span in enumerate(spans)
    ]


# -- the rules as data --------------------------------------------------------------
WHOLE_PARAGRAPH_TABLES = ["TEASER_MARKERS", "SECTION_HEADERS", "WIDGET_LINES"]
SEARCH_TABLES = ["INLINE_TEASERS", "PROMO_SENTENCES"]
RULE_TABLES = WHOLE_PARAGRAPH_TABLES + SEARCH_TABLES


@pytest.mark.parametrize("table", RULE_TABLES)
def test_every_rule_says_why(table: str) -> None:
    for rule in getattr(boilerplate, table):
        assert isinstance(rule.pattern, re.Pattern) and rule.why.strip()


@pytest.mark.parametrize("table", WHOLE_PARAGRAPH_TABLES)
def test_no_whole_paragraph_rule_matches_prose(table: str) -> None:
    for rule in getattr(boilerplate, table):
        for text in ("", PROSE, MORE_PROSE):
            assert not rule.pattern.fullmatch(text), rule.why


@pytest.mark.parametrize("table", SEARCH_TABLES)
def test_no_search_rule_matches_prose(table: str) -> None:
    for rule in getattr(boilerplate, table):
        for text in ("", PROSE, MORE_PROSE):
            assert not rule.pattern.search(text), rule.why
