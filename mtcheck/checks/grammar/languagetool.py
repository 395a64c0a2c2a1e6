"""LanguageTool: a server by URL (its HTTP API, /v2/check), or a local install.

Pipelines run a LanguageTool server; mtcheck talks to it directly:

- texts longer than ``max_chars`` go in chunks split at paragraph or sentence
  ends (offsets are mapped back);
- each request has a timeout and is retried with exponential back-off on a
  network error, a 5xx or a 429 (whose Retry-After is honoured), and
  requests are spaced by ``min_interval`` seconds (public servers limit rates);
- a whole answer must arrive within ``timeout`` (a server that drip-feeds
  bytes is cut off), and one text's requests, retries and waits within
  ``text_timeout``: a Retry-After past that gives up at once;
- a server that still does not answer, or answers something that is not a
  LanguageTool reply, raises ``EngineUnavailable`` naming the URL: before a
  scan the CLI reports it as exit 3, during one the document becomes an
  error entry (exit 3) and the scan goes on.

LanguageTool counts offsets in UTF-16 code units (Java strings); they are
converted to Python string indices. Without a URL, language-tool-python
starts a local LanguageTool (it needs Java and a LanguageTool download, which
these machines cannot fetch).
"""

from __future__ import annotations

import json
import math
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Callable, Optional, Sequence

from mtcheck.checks.grammar.engine import EngineUnavailable, GrammarHit
from mtcheck.reading.paragraphs import cut_point

MAX_SUGGESTIONS = 3
# A chunk ends at a blank line, else a sentence end, else a space: never mid-word.
CHUNK_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?]\s+"), re.compile(r"\s+"))
RETRY_STATUSES = {429, 500, 502, 503, 504}
# A reply larger than this is not a LanguageTool answer to one chunk.
MAX_REPLY_BYTES = 50_000_000


class NotAnAnswer(ValueError):
    """A reply that is not a LanguageTool /v2 answer; the message says why."""


class LanguageToolEngine:
    name = "languagetool"

    def __init__(self, url: Optional[str] = None, *, language: str = "en-US", picky: bool = False,
                 disabled_rules: Sequence[str] = (), accepted_words: Sequence[str] = (), timeout: float = 20.0,
                 text_timeout: float = 120.0, retries: int = 3, max_chars: int = 20_000, min_interval: float = 0.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.url = url.rstrip("/") if url else None
        self.language, self.picky, self.disabled = language, picky, tuple(disabled_rules)
        self.accepted = {word.lower() for word in accepted_words}
        self.timeout, self.retries, self.max_chars, self.min_interval = timeout, retries, max_chars, min_interval
        self.text_timeout = text_timeout
        self.sleep = sleep
        self._last_request = 0.0
        self._local = None if self.url else _local_tool(language)

    def check(self, texts: Sequence[str], markdown: bool = False) -> list[list[GrammarHit]]:
        return [[hit for hit in self._check_text(text) if not self._accepted(text, hit)] for text in texts]

    def ping(self) -> None:
        """Fail early, with the reason, when the server does not answer."""
        if self.url:
            self._request("/v2/languages", None)

    # -- one text ----------------------------------------------------------------

    def _check_text(self, text: str) -> list[GrammarHit]:
        if self._local is not None:
            return [_hit_from_local(match) for match in self._local.check(text)]
        hits, deadline = [], time.monotonic() + self.text_timeout
        for offset, chunk in chunks(text, self.max_chars):
            data = self._request("/v2/check", self._form(chunk), deadline)
            units = utf16_index(chunk)
            try:
                hits += [_hit_from_match(match, units, offset) for match in _matches(data)]
            except NotAnAnswer as error:
                raise EngineUnavailable(f"LanguageTool at {self.url} sent {error}") from None
        return hits

    def _form(self, text: str) -> dict:
        form = {"text": text, "language": self.language}
        if self.disabled:
            form["disabledRules"] = ",".join(self.disabled)
        if self.picky:
            form["level"] = "picky"
        return form

    def _accepted(self, text: str, hit: GrammarHit) -> bool:
        return hit.spelling and text[hit.start:hit.end].lower() in self.accepted

    # -- HTTP ----------------------------------------------------------------------

    def _request(self, path: str, form: Optional[dict], deadline: Optional[float] = None):
        body = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
        deadline = deadline or time.monotonic() + self.text_timeout
        problem = f"no answer within {self.text_timeout:g} s"
        for attempt in range(self.retries + 1):
            self._space_requests()
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                return self._fetch(path, body, min(self.timeout, remaining))
            except urllib.error.HTTPError as error:
                problem = f"HTTP {error.code} {error.reason}"
                if error.code not in RETRY_STATUSES:
                    break
                wait = _retry_after(error) if error.code == 429 else None
            except (urllib.error.URLError, TimeoutError, OSError) as error:
                problem = str(getattr(error, "reason", error))
                wait = None
            except (NotAnAnswer, UnicodeDecodeError, RecursionError) as error:
                problem = f"not a LanguageTool answer ({error})"
                break
            if attempt < self.retries:
                wait = wait if wait is not None else 0.5 * 2 ** attempt
                if time.monotonic() + wait > deadline:
                    problem += f"; retrying after {wait:g} s would pass the {self.text_timeout:g} s limit"
                    break
                self.sleep(wait)
        raise EngineUnavailable(f"LanguageTool at {self.url} did not answer: {problem}")

    def _fetch(self, path: str, body: Optional[bytes], timeout: float):
        """One request's JSON value, read whole within ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with urllib.request.urlopen(urllib.request.Request(self.url + path, data=body), timeout=timeout) as response:
            data = bytearray()
            while piece := response.read1(65536):
                data += piece
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the answer took longer than {timeout:g} s")
                if len(data) > MAX_REPLY_BYTES:
                    raise NotAnAnswer(f"a reply larger than {MAX_REPLY_BYTES:,} bytes")
        try:
            return json.loads(data.decode("utf-8") or "{}")
        except json.JSONDecodeError as error:
            raise NotAnAnswer(f"invalid JSON: {error}") from None

    def _space_requests(self) -> None:
        wait = self._last_request + self.min_interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last_request = time.monotonic()


def chunks(text: str, max_chars: int) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most ``max_chars``, cut at the best break available."""
    pieces, start = [], 0
    while len(text) - start > max_chars:
        cut = cut_point(text[start:start + max_chars], CHUNK_BREAKS)
        pieces.append((start, text[start:start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def utf16_index(text: str) -> list[int]:
    """Python index for each UTF-16 offset of ``text`` (plus the end)."""
    index = []
    for position, char in enumerate(text):
        index += [position] * (2 if ord(char) > 0xFFFF else 1)
    index.append(len(text))
    return index


def _matches(data) -> list[dict]:
    """The reply's matches, each with a usable offset and length, or NotAnAnswer."""
    if not isinstance(data, dict):
        raise NotAnAnswer("a JSON value that is not an object")
    matches = data.get("matches", [])
    if not isinstance(matches, list):
        raise NotAnAnswer("'matches' that is not a list")
    for match in matches:
        if not isinstance(match, dict) or not all(
                isinstance(match.get(key), int) and not isinstance(match.get(key), bool) and match[key] >= 0
                for key in ("offset", "length")):
            raise NotAnAnswer("a match without a valid offset and length")
    return matches


def _hit_from_match(match: dict, units: list[int], offset: int) -> GrammarHit:
    start = units[min(match["offset"], len(units) - 1)]
    end = units[min(match["offset"] + match["length"], len(units) - 1)]
    rule = _object(match.get("rule"))
    spelling = rule.get("issueType") == "misspelling" or _object(rule.get("category")).get("id") == "TYPOS"
    replacements = match.get("replacements") if isinstance(match.get("replacements"), list) else []
    suggestions = tuple(value for value in (_object(r).get("value") for r in replacements[:MAX_SUGGESTIONS])
                        if isinstance(value, str) and value)
    return GrammarHit(offset + start, offset + end, str(rule.get("id", "UNKNOWN")), spelling,
                      str(match.get("message", "")), suggestions)


def _object(value) -> dict:
    """``value`` if it is a JSON object, else an empty one (optional parts of a match)."""
    return value if isinstance(value, dict) else {}


def _hit_from_local(match) -> GrammarHit:
    spelling = getattr(match, "ruleIssueType", "") == "misspelling" or getattr(match, "category", "") == "TYPOS"
    return GrammarHit(match.offset, match.offset + match.errorLength, match.ruleId, spelling, match.message,
                      tuple(match.replacements[:MAX_SUGGESTIONS]))


def _retry_after(error: urllib.error.HTTPError) -> Optional[float]:
    """Retry-After in seconds; None (back off as usual) when absent, not a
    number, negative or not finite."""
    try:
        seconds = float(error.headers.get("Retry-After", ""))
    except (TypeError, ValueError):
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _local_tool(language: str):
    try:
        import language_tool_python

        return language_tool_python.LanguageTool(language)
    except Exception as error:  # noqa: BLE001 - no Java, no download, no server: all mean "unavailable"
        raise EngineUnavailable(
            f"no LanguageTool URL given and a local LanguageTool could not start ({error}); "
            "run a LanguageTool server and pass --languagetool-url") from None
