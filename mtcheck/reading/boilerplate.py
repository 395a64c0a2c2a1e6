"""Mark the paragraphs that are not article prose, so they are not scored.

Web-scraped news carries the page around the article: teaser links ("Read
more" and a headline), reaction widgets, datelines, app banners, contact
lines, a "Related Articles" block with whole other articles pasted in, and
repeated titles. Each paragraph gets one ``skipped`` reason, first match wins:

1. "boilerplate": non-prose spans (code, tables, front matter...), the
   related-content block, widget lines, teaser markers and the headlines
   after them, and short label-like paragraphs sandwiched between boilerplate.
2. "duplicate": the text equals an earlier paragraph once normalised, or
   shares at least ``DUPLICATE_JACCARD`` of its word 5-gram shingles with one.
   The later copy is marked; the first is kept.
3. "too-short": fewer than ``MIN_PROSE_WORDS`` words; too little for a
   fluency score to mean anything ("CNN", "It remains a long shot.").

The rules are data (the pattern tuples below, each with why it exists) and
match whole short paragraphs, never words inside prose, so a real article
paragraph is not skipped because it mentions "app store" or "comments".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional, Sequence

from mtcheck.document import Paragraph, SkipReason
from mtcheck.reading.paragraphs import NON_PROSE_KINDS

MIN_PROSE_WORDS = 6
# Widget and label patterns only apply to paragraphs this short: a real
# paragraph that happens to start like a widget is longer.
MAX_WIDGET_WORDS = 15
# Contact lines and app-banner sentences are specific enough to look for in
# longer paragraphs ("Write to A at a@x.com, B at b@x.com and C at c@x.com").
MAX_BANNER_WORDS = 40
# After a teaser marker, up to this many headline-like paragraphs are links.
MAX_TEASER_LINES = 4
MAX_TEASER_WORDS = 20
# A short label between two boilerplate paragraphs is boilerplate too.
MAX_ISLAND_WORDS = 8
# A related-content header ends the article only after this many prose
# paragraphs; earlier (a "Most read" box above the article) it is a teaser.
MIN_PROSE_BEFORE_RELATED = 3
PROSE_PARAGRAPH_WORDS = 12
DUPLICATE_JACCARD = 0.8
SHINGLE_SIZE = 5
MAX_SHINGLE_HOLDERS = 8
MAX_DATELINE_WORDS = 12
MAX_DATELINE_LABEL_WORDS = 3


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    why: str


# Trailing decoration a label may carry: "Read more »", "Related:", "More →".
_TAIL = r"[\s:.!?…|»›>→\-–—]*"


def _whole(regex: str, why: str) -> Rule:
    """A rule matching a whole (normalised) paragraph, any case."""
    return Rule(re.compile(f"(?:{regex}){_TAIL}", re.IGNORECASE), why)


def _search(regex: str, why: str) -> Rule:
    return Rule(re.compile(regex, re.IGNORECASE), why)


# Labels that introduce links to other stories; the headline-like paragraphs
# right after them are the links' titles (seed 001: "Read more" / "RT" /
# "Trump envoy in Moscow for talks with Putin: As it happened").
TEASER_MARKERS = (
    _whole(r"(read|see) (more|also|next)( here)?", "link to another story"),
    _whole(r"(also|must) (read|see|watch)|read (this|the full (story|article))", "link to another story"),
    _whole(r"related( (story|stories|article|articles|content|coverage|links?|videos?|reading))?", "related-links label"),
    _whole(r"more on (this|that)( story| topic)?|more", "more-links label"),
    _whole(r"(watch|listen)( now| here| more| the video| live)?", "media teaser label"),
)

# A marker and the linked headline on one line: "Related: Putin meets envoy".
INLINE_TEASERS = (
    _search(
        r"^(read more|read also|also read|see also|related|read next|must read|more on this|watch|listen)"
        r"(\s*:|\s+[|»›>→–—-])\s*\S",
        "teaser link with its headline on the same line",
    ),
)

# Headers of the related-content section that closes a scraped page; from
# there to the end, everything is other stories (seed 004: "Related Articles"
# is followed by two pasted Mint articles and an app banner).
SECTION_HEADERS = (
    _whole(r"related (articles?|stories|story|news|content|posts|coverage|reading|topics|links|videos?)", "related section"),
    _whole(r"more (from|in|on|about|stories from|news from|stories in) [^.!?]{1,40}", "'More from <site>' section"),
    _whole(r"more (stories|news|articles|videos|headlines)( for you| like this)?", "more-stories section"),
    _whole(r"recommended( for you| stories| articles| reading| videos| news)?", "recommendation section"),
    _whole(r"(you|we think you) (may|might|will|would) (also )?(like|enjoy|be interested in)( these| this| reading)?", "recommendation section"),
    _whole(r"(most|top) (read|popular|viewed|shared|commented|watched)( stories| articles| news| videos)?( today| this week| now)?", "popularity box"),
    _whole(r"(trending|popular)( now| today| stories| news| articles| topics| in [\w ]{1,30})?", "trending box"),
    _whole(r"editor'?s'? (picks?|choice)|(don't|do not) miss( this| these| out)?", "editorial picks"),
    _whole(r"latest (news|stories|articles|headlines|videos)( from [\w ]{1,30})?", "latest-news box"),
    _whole(r"(top|other|featured) (stories|headlines|news)|(in|read) (other|more) news", "other-stories box"),
    _whole(r"(from|around) (the|our) (web|network|partners)|(sponsored|promoted|partner) (content|stories|links|posts)", "sponsored links"),
)

# Whole paragraphs that are page widgets, labels or banners.
WIDGET_LINES = (
    # Reactions and comments.
    _whole(r"what'?s your reaction\??", "reaction widget title"),
    _whole(r"([^\W\d_]+) \1 \d+", "reaction button: icon alt text, label, count ('Like Like 0')"),
    _whole(r"(\d+ )?(likes?|dislikes?|comments?|shares?|views?|reactions?|replies)( \(?\d+\)?)?", "engagement counter or label"),
    _whole(r"no comments( yet)?( so far)?", "empty comment section"),
    _whole(r"(be the first to|leave a|add a|post a|write a|join the) (comment|discussion|conversation)", "comment prompt"),
    _whole(r"(show|view|load|hide|see) (all |more )?(\d+ )?(comments|replies)|comments? (are|is) (closed|disabled)", "comment control"),
    # Sharing and navigation.
    _whole(r"share|share (this|on) .{1,30}|(tweet|email|print)( this)?( (article|story|page))?|copy (the )?link", "share button"),
    _whole(r"((facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|print|pinterest|copy link)\s*){2,}", "row of share buttons"),
    _whole(r"(site |brand |company )?logo", "logo alt text"),
    _whole(r"skip (to|navigation)( (main )?content)?|(back to )?top|menu|search|home|close|next|previous|prev|loading", "navigation label"),
    _whole(r"(scroll|swipe) (down |up )?to (continue|read|see)( reading| more)?( with content)?", "scroll prompt"),
    _whole(r"(continue|keep) reading( below| the (main )?story| the article)?|(the )?story continues below( this)?( advertisement| ad)?", "continuation prompt"),
    # Advertising, subscriptions, cookies.
    _whole(r"advertisement|advertisment|advertising|ads?|sponsored( content)?|paid (content|post|partnership)|promoted( content)?", "ad label"),
    _whole(r"(sign|log) ?(in|up|out)( here| now| for free)?|(subscribe|register|join)( now| today| here| for free| free)?", "account prompt"),
    _whole(r"(subscribe|sign up|register) (to|for) (our|the|a) .{0,40}|(get|receive) (our|the) .{0,30}newsletters?( in your inbox)?|newsletters?", "newsletter prompt"),
    _whole(r"already (a subscriber|have an account)\??( (sign|log) ?in)?", "account prompt"),
    _whole(r"(we|this (site|website)) uses? cookies.{0,100}|(accept|reject|manage|allow) (all )?cookies|cookie (policy|settings|preferences)", "cookie banner"),
    # Apps and site features.
    _whole(r"(get started( now)?\W*)?download (the|our) (\w+ )?app( now| today| for free)?", "app banner"),
    _whole(r"((app|play)[- ]?store\s*)+|(get it on|available on|download on) (the )?(google play|app store|play store).{0,30}", "app store badges"),
    _whole(r"(open|view|read) (it )?in (the )?app|try (our|the) .{0,40}features?", "app feature promo"),
    _whole(r"(follow|like) us( on .{0,40})?|(click|tap) here( to .{0,60})?", "social/click prompt"),
    # Media credits and placeholders.
    _whole(r"(image|photo|picture|video|graphic|illustration|gallery)( \d+( (of|/) \d+)?)?", "media placeholder"),
    _whole(r"(photo|image|picture|video|credit|source|photograph)s?( credits?)?: .{1,60}", "media credit"),
    _whole(r"(getty images|reuters|afp|ap|ap photo|epa|shutterstock|file photo|afp via getty images)(/\S+)?", "agency credit"),
    _whole(r"[^\W\d_]+ background", "image placeholder text ('Orange background')"),
    _whole(r"(play|pause|mute|unmute|play video|watch video)|listen to (this|the) (article|story).{0,20}", "media control"),
    # Labels.
    _whole(r"(tags?|topics?|filed under|categories|category|section)\s*:.{0,100}", "tag list"),
    _whole(r"(all rights reserved|copyright|©).{0,100}", "copyright line"),
    _whole(r"(updated|published|posted|last (updated|modified))( on| at)?", "date label without its date"),
    _whole(r"[•·▪‣◦]\s*\S+(\s+\S+){0,3}", "bullet source label ('• Time of India')"),
)

# Promotions found inside a short paragraph, at a sentence start:
# "... local flavor? Download Daily8 app today from your app store".
PROMO_SENTENCES = (
    _search(r"(^|[.!?] )download (the |our )?\w+ app (today|now)\b", "app banner sentence"),
    _search(r"(^|[.!?] )(download|get) (the|our) (\w+ )?app\b", "app banner sentence"),
)

# Contact lines: "Write to Alexander Ward at alex.ward@wsj.com, ...".
CONTACT_START = re.compile(r"(write to|e-?mail|contact|reach|send (news )?tips to|follow)\b", re.IGNORECASE)
CONTACT_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(^|\s)@\w+")

# Bylines: "By John Smith", "By Jane Doe and Li Wei, Reuters" (case matters:
# the names are capitalised, unlike "By Thursday, the talks had stalled.").
BYLINE = re.compile(r"(By|BY)( [A-Z][\w.'-]*|,| and| &| \|)+")

# Date and time expressions; a short paragraph that is only these plus a
# source label is a dateline ("Apr 26, 2025 - 08:56", "Hindustan Times10
# hours ago", "time3 minutes ago": scraped icons glue a word to the number,
# hence no word boundary before relative ages).
_MONTH = (
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?"
    r"|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)"
)
DATE_EXPRESSIONS = tuple(
    re.compile(regex, re.IGNORECASE)
    for regex in (
        _MONTH + r"\.? \d{1,2}(st|nd|rd|th)?(,? \d{4})?\b",
        r"\b\d{1,2}(st|nd|rd|th)? " + _MONTH + r"\.?,? \d{4}\b",
        r"\b\d{4}-\d{1,2}-\d{1,2}([t ][\d:.]+(z|[+-]\d{2}:?\d{2})?)?",
        r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b",
        r"\b\d{1,2}:\d{2}(:\d{2})?( ?[ap]\.?m\b\.?)?",
        r"\b\d{1,2} ?[ap]\.?m\b\.?",
        r"\d+ ?(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|mos?|months?|y|yrs?|years?) ago\b",
        r"\d+ ?min(ute)?s? read\b",
    )
)
# Words a dateline may carry besides the date and a source name.
DATELINE_FILLER = frozenset(
    "updated published posted last modified on at time date read ist gmt utc et est edt bst cet cest pt pst pdt "
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday".split()
)

MARKUP_PREFIX = re.compile(r"^(#{1,6}\s+|>\s*|[-*+]\s+|\d{1,3}[.)]\s+)")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# A whitespace-delimited token holding at least one letter or digit.
WORD_TOKEN = re.compile(r"(?<!\S)\S*?[^\W_]\S*")
STATEMENT_END = re.compile(r"[.!][\"'”’)\]]*$")


# -- paragraph text helpers ---------------------------------------------------
def rule_text(paragraph: str) -> str:
    """The paragraph as the rules see it: Markdown marker stripped, curly
    apostrophes straightened, whitespace (NBSP included) collapsed."""
    text = paragraph.replace("’", "'").replace("‘", "'")
    text = re.sub(r"\s+", " ", text).strip()
    return MARKUP_PREFIX.sub("", text).strip()


def word_count(text: str) -> int:
    """Words are whitespace tokens with a letter or digit ("–" is none)."""
    return len(WORD_TOKEN.findall(text))


def matches_whole(rules: Sequence[Rule], text: str) -> bool:
    return any(rule.pattern.fullmatch(text) for rule in rules)


def is_prose_paragraph(text: str) -> bool:
    return word_count(text) >= PROSE_PARAGRAPH_WORDS and bool(SENTENCE_END.search(text))


def is_headline_like(text: str) -> bool:
    """A teaser link's title: short, and not a statement ending in a period."""
    return 0 < word_count(text) <= MAX_TEASER_WORDS and not STATEMENT_END.search(text)


# -- single-paragraph rules ---------------------------------------------------
def is_teaser_marker(text: str) -> bool:
    return matches_whole(TEASER_MARKERS, text) or matches_whole(SECTION_HEADERS, text)


def is_section_header(text: str) -> bool:
    return word_count(text) <= 8 and matches_whole(SECTION_HEADERS, text)


def is_counter_line(text: str) -> bool:
    """Only digits and symbols: counters and scores left by widgets (" 0  1")."""
    return not re.search(r"[^\W\d_]", text) and bool(re.search(r"\d", text))


def is_dateline(text: str) -> bool:
    """A date/time (or "N hours ago") plus at most a short capitalised source
    label ("Hindustan Times10 hours ago"). "He left 3 hours ago." is prose: its
    other words are not a label."""
    if word_count(text) > MAX_DATELINE_WORDS or not any(p.search(text) for p in DATE_EXPRESSIONS):
        return False
    rest = text
    for pattern in DATE_EXPRESSIONS:
        rest = pattern.sub(" ", rest)
    label = [word for word in re.findall(r"[^\W\d_]+", rest) if word.lower() not in DATELINE_FILLER]
    return len(label) <= MAX_DATELINE_LABEL_WORDS and all(word[0].isupper() for word in label)


def is_contact_line(text: str) -> bool:
    return bool(CONTACT_START.match(text)) and bool(CONTACT_ADDRESS.search(text))


def is_byline(text: str) -> bool:
    return word_count(text) <= 10 and bool(BYLINE.fullmatch(text.rstrip(".")))


def widget_reason(text: str) -> Optional[str]:
    """Why a paragraph is boilerplate on its own, wherever it appears (the
    matching rule's ``why``), or None."""
    words = word_count(text)
    if is_counter_line(text):
        return "only digits and symbols (a counter or score)"
    if words <= MAX_BANNER_WORDS:
        if is_contact_line(text):
            return "contact line (write to / e-mail the author)"
        for rule in PROMO_SENTENCES:
            if rule.pattern.search(text):
                return rule.why
    if words > MAX_WIDGET_WORDS:
        return None
    for rule in WIDGET_LINES:
        if rule.pattern.fullmatch(text):
            return rule.why
    for rule in INLINE_TEASERS:
        if rule.pattern.search(text):
            return rule.why
    if is_dateline(text):
        return "dateline or timestamp"
    if is_byline(text):
        return "byline"
    return None


# -- rules over the sequence of paragraphs -----------------------------------
def related_block_start(texts: Sequence[str]) -> Optional[int]:
    """Index of the header of the related-content block that ends the page."""
    prose_seen = 0
    for index, text in enumerate(texts):
        if prose_seen >= MIN_PROSE_BEFORE_RELATED and is_section_header(text):
            return index
        prose_seen += is_prose_paragraph(text)
    return None


def mark_teasers(texts: Sequence[str], boilerplate: list[bool]) -> None:
    """A teaser marker and the headline-like paragraphs right after it."""
    for index, text in enumerate(texts):
        if not is_teaser_marker(text):
            continue
        boilerplate[index] = True
        for following in range(index + 1, min(index + 1 + MAX_TEASER_LINES, len(texts))):
            if not is_headline_like(texts[following]):
                break
            boilerplate[following] = True


def mark_islands(texts: Sequence[str], boilerplate: list[bool]) -> None:
    """Short labels wedged between boilerplate ("Explore what X can do for
    you:" between "Try Our AI Features" and "Comments")."""
    before = list(boilerplate)
    for index in range(1, len(texts) - 1):
        text = texts[index]
        if (
            before[index - 1]
            and before[index + 1]
            and word_count(text) <= MAX_ISLAND_WORDS
            and not SENTENCE_END.search(text)
        ):
            boilerplate[index] = True


def find_boilerplate(texts: Sequence[str], kinds: Sequence[str]) -> list[bool]:
    by_rule = [widget_reason(text) is not None for text in texts]
    start = related_block_start(texts)
    if start is not None:
        by_rule[start:] = [True] * (len(texts) - start)
    mark_teasers(texts, by_rule)
    # Islands only between rule matches: a Markdown heading between two code
    # blocks is a heading, not a page label.
    mark_islands(texts, by_rule)
    return [flag or kind in NON_PROSE_KINDS for flag, kind in zip(by_rule, kinds)]


# -- duplicates ---------------------------------------------------------------
def normalised_words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", "", text.casefold()).split()


def shingles(words: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(words[i : i + SHINGLE_SIZE]) for i in range(len(words) - SHINGLE_SIZE + 1))


def is_near_copy(shared: int, size: int, other_size: int) -> bool:
    """Jaccard of two shingle sets from their sizes and their intersection."""
    return shared >= DUPLICATE_JACCARD * (size + other_size - shared)


def find_duplicates(texts: Sequence[str]) -> list[bool]:
    """True for a paragraph that repeats an earlier one (exactly once
    normalised, or as a near copy with small edits).

    Earlier paragraphs are found through an index from shingle to paragraph,
    so a long document costs about one dictionary look-up per word. Each
    shingle names at most ``MAX_SHINGLE_HOLDERS`` paragraphs, and a duplicate
    is not indexed (its original already is): ten thousand near-identical
    lines stay linear instead of comparing every pair.
    """
    seen_texts: set[str] = set()
    holders: dict[tuple[str, ...], list[int]] = {}
    sizes: list[int] = []
    duplicate = []
    for text in texts:
        words = normalised_words(text)
        key = " ".join(words)
        if not key or key in seen_texts:
            duplicate.append(bool(key))
            continue
        seen_texts.add(key)
        these = shingles(words)
        shared = Counter(other for shingle in these for other in holders.get(shingle, ()))
        duplicate.append(any(is_near_copy(count, len(these), sizes[other]) for other, count in shared.items()))
        if not duplicate[-1]:
            for shingle in these:
                held = holders.setdefault(shingle, [])
                if len(held) < MAX_SHINGLE_HOLDERS:
                    held.append(len(sizes))
        sizes.append(len(these))
    return duplicate


# -- the entry point ----------------------------------------------------------
def mark_paragraphs(text: str, spans: Sequence[Sequence]) -> tuple[Paragraph, ...]:
    """Paragraphs for ``spans`` of ``text`` with ``skipped`` set.

    ``spans`` are ``(start, end)`` or ``(start, end, kind)`` (``Span``); a kind
    in ``NON_PROSE_KINDS`` (code, tables...) is always boilerplate.
    """
    texts = [rule_text(text[span[0] : span[1]]) for span in spans]
    kinds = [span[2] if len(span) > 2 else "prose" for span in spans]
    boilerplate = find_boilerplate(texts, kinds)
    duplicate = find_duplicates(texts)
    return tuple(
        Paragraph(index, span[0], span[1], skip_reason(texts[index], boilerplate[index], duplicate[index]))
        for index, span in enumerate(spans)
    )


def skip_reason(text: str, boilerplate: bool, duplicate: bool) -> Optional[SkipReason]:
    if boilerplate:
        return "boilerplate"
    if duplicate:
        return "duplicate"
    if word_count(text) < MIN_PROSE_WORDS:
        return "too-short"
    return None
