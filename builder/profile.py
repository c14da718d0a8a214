"""Who a source relies on and how it hedges, read from its text by rules.

Why rules and not a statistical parser: the parsers that could find speakers
(spaCy, Stanza) need model files fetched separately from their packages, and
the build downloads nothing. The cues are a closed class — reporting verbs
(said, told, wrote), "according to", agent phrases ("an estimate by"), and a
short list of hedges — and news writing puts the speaker next to its cue, so
patterns over sentences find them, and every finding can be traced to the
rule that made it. Sentence boundaries come from ``sentencex``, a maintained
rule-based segmenter that knows abbreviations in many languages and needs no
model. The cue lists are English: other languages are reported as not read.

Reading scales with the number of distinct sentences, not of sources: the
cues of a sentence, and the hedges of a block of sentences no rule can
match across, depend on their words alone and are cached by them, and a
hedge rule is run only on text that holds one of its key words.

Decisions on the tricky cases, each covered by a test:

- **Quotations.** Spans in double quotes (straight or curly, a paragraph's
  unclosed quote running to its end, as multi-paragraph quotes are printed)
  and well-formed single-quoted spans are the words of someone the source
  quotes. A cue inside them is a *second-hand* attribution: someone the quoted
  speaker relies on, not the source (``quoted=True``). A hedge inside them is
  the quoted speaker's hedge, reported by the source (``quoted=True``); it is
  counted, and kept apart from the source's own hedges.
- **Negation.** A hedge stays a hedge when negated where the negation keeps
  the uncertainty ("not likely" is still a guess about chances, "may not");
  it is dropped where negation makes a plain statement ("could not" is
  inability, "not possible" is certainty, "did not claim" claims nothing).
  Verification words are hedges only when negated ("has not been verified",
  "unconfirmed"); "was verified" is a statement of certainty.
- **Not hedges.** "May" the month; comparisons of propensity ("less likely
  to desert"); "reported" as a reporting verb with a named subject (that is
  an attribution — "the reported order" is a hedge).
- **Pronouns** ("he said", "the agency claimed") are resolved to the nearest
  preceding named speaker of a fitting kind at the same quotation level,
  within three paragraphs; when there is none they are left out, not guessed.
- **Passives** ("they were told") name the hearer, not a speaker: not counted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

import msgspec
from sentencex import get_sentence_boundaries

HedgeKind = Literal["probability", "hearsay", "unverified", "estimate"]
SpeakerKind = Literal["person", "organisation", "unknown"]

HEDGE_KINDS: dict[str, str] = {
    "probability": "chances and guesses",
    "hearsay": "distance from a claim",
    "unverified": "not verified",
    "estimate": "estimates",
}
"""Each kind of hedge, as the sourcing notes name it."""


# A text's spans, attributions and hedges hold only plain values, so they
# can form no reference cycle: declared so (gc=False), the collector does not
# follow them. A server keeps a hundred thousand of them per thousand sources,
# which each of its full passes would otherwise walk again.
class Span(msgspec.Struct, frozen=True, gc=False):
    """A stretch of a source's text, by character offsets into its body."""

    start: int
    end: int


class Attribution(msgspec.Struct, frozen=True, gc=False):
    """One place where a source attributes what it says to someone."""

    name: str
    """Who, as the notes group them: 'John Kirby', 'Verstka', 'experts'."""
    who: str
    """The words that name them in the text: 'he', 'the independent outlet Verstka'."""
    cue: str
    """The reporting cue as written: 'told', 'according to', 'estimate ... by'."""
    kind: SpeakerKind
    named: bool
    """False for unnamed sources ('experts', 'officials', 'the commander')."""
    recipient: str | None
    """Whom they told, for 'told Kontur' or 'reported to Stalin'."""
    quoted: bool
    """The cue is inside words the source quotes: a speaker the quoted speaker relies on."""
    sentence: Span
    match: Span
    """The cue and the words that name the speaker."""


class Hedge(msgspec.Struct, frozen=True, gc=False):
    """One phrase of uncertainty or distance."""

    phrase: str
    """As written: 'probably', 'has not been verified'."""
    lemma: str
    """The form the notes count under: 'probably', 'not verified'."""
    kind: HedgeKind
    negated: bool
    """Negated, where the negation keeps the uncertainty ('not likely', 'may not')."""
    quoted: bool
    """Inside words the source quotes: the quoted speaker's hedge, not the source's."""
    sentence: Span
    match: Span


@dataclass(frozen=True)
class TextProfile:
    """What rule-based reading found in one source's text."""

    read: bool
    """False when the text's language is one the rules do not cover."""
    sentences: int
    attributions: tuple[Attribution, ...]
    hedges: tuple[Hedge, ...]


LANGUAGES = ("en",)
"""Language tags (primary subtag) whose texts the rules read."""


def read_text(body: str, language: str) -> TextProfile:
    """Find the attributions and hedges in ``body``.

    Args:
        body: the article text, as checked (offsets in the results refer to it).
        language: its BCP 47 tag; texts in other languages than :data:`LANGUAGES` are not read.
    """
    if language.split("-")[0].lower() not in LANGUAGES:
        return TextProfile(False, 0, (), ())
    quotes = _Quotations(body)
    paragraphs = [m.start() for m in re.finditer(r"\n\s*\n", body)]
    sentences = _sentences(body)
    attributions: list[Attribution] = []
    for sentence in sentences:
        cues = _cues_in(body[sentence.start : sentence.end])
        if cues:
            found = [_found(cue, sentence, quotes) for cue in cues]
            attributions.extend(_resolve(found, attributions, lambda pos: bisect.bisect(paragraphs, pos)))
    hedges = _hedges_in(body, sentences, quotes)
    return TextProfile(True, len(sentences), tuple(_merge_surnames(attributions)), tuple(hedges))


@dataclass(frozen=True)
class Context:
    """A finding with the words around it, as a short verbatim excerpt."""

    before: str
    matched: str
    after: str
    clipped_before: bool
    """Words of the sentence before the excerpt were left out."""
    clipped_after: bool

    @property
    def text(self) -> str:
        return self.before + self.matched + self.after


def context(body: str, sentence: Span, match: Span, width: int = 160) -> Context:
    """The words around ``match`` within its sentence, at most about ``width`` characters.

    Cut at word boundaries; white space is folded to single spaces.
    """
    matched = " ".join(body[match.start : match.end].split())
    room = max(0, width - len(matched))
    before = _fold(body[sentence.start : match.start], keep_edge="end")
    after = _fold(body[match.end : sentence.end], keep_edge="start")
    left = min(len(before), max(room // 2, room - len(after)))
    right = min(len(after), room - left)
    clipped_before = left < len(before)
    clipped_after = right < len(after)
    if clipped_before:
        cut = before[len(before) - left :]
        before = cut[cut.find(" ") + 1 :] if " " in cut else ""
    if clipped_after:
        cut = after[:right]
        after = cut[: cut.rfind(" ")] if " " in cut else ""
    return Context(before, matched, after, clipped_before, clipped_after)


def _fold(text: str, keep_edge: str) -> str:
    """Fold runs of white space to one space, keeping one at the edge next to the match."""
    folded = " ".join(text.split())
    if keep_edge == "end" and text[-1:].isspace() and folded:
        return folded + " "
    if keep_edge == "start" and text[:1].isspace() and folded:
        return " " + folded
    return folded


# --- sentences and quotations ---------------------------------------------


_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
"""A paragraph: lines up to a blank line."""


def _sentences(body: str) -> list[Span]:
    """Sentences as spans of ``body``; paragraphs never share a sentence."""
    spans = []
    for paragraph in _PARAGRAPH.finditer(body):
        text = paragraph.group()
        base = paragraph.start()
        for b in get_sentence_boundaries("en", text):
            start = b["start_index"]
            raw = text[start : b["end_index"]]
            lead = len(raw) - len(raw.lstrip())
            trail = len(raw.rstrip())
            if trail > lead:
                spans.append(Span(base + start + lead, base + start + trail))
    return spans


_QUOTE_MARKS = re.compile("[\"\u201c\u201d\u2018\u2019']")
_OPENING_CONTEXT = " \t\n([{\u2014\u2013-\"\u201c/"


class _Quotations:
    """Where a text quotes someone: nested spans of quoted words."""

    def __init__(self, body: str) -> None:
        self.spans: list[tuple[int, int]] = []
        for paragraph in _PARAGRAPH.finditer(body):
            self._scan(paragraph.group(), paragraph.start())
        self.spans.sort()
        self._starts = [start for start, _ in self.spans]
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        for _, end in self.spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def _scan(self, text: str, base: int) -> None:
        stack: list[tuple[str, int]] = []
        for m in _QUOTE_MARKS.finditer(text):
            i, mark = m.start(), m.group()
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if mark == "\u201c" or (mark == '"' and not any(k == "d" for k, _ in stack)):
                stack.append(("d", i))
            elif mark in ('"', "\u201d"):
                while stack:
                    kind, start = stack.pop()
                    if kind == "d":
                        self.spans.append((base + start, base + i + 1))
                        break
            elif mark in ("\u2019", "'") and not before.isspace() and not after.isalnum() and any(k == "s" for k, _ in stack):
                while stack:
                    kind, start = stack.pop()
                    if kind == "s":
                        self.spans.append((base + start, base + i + 1))
                        break
            elif mark in ("\u2018", "'") and before in _OPENING_CONTEXT and after.isalnum():
                stack.append(("s", i))
        # A multi-paragraph quotation opens each paragraph and closes only the last.
        for kind, start in stack:
            if kind == "d":
                self.spans.append((base + start, base + len(text)))

    def holds(self, position: int) -> bool:
        """Whether a quotation holds ``position``: one starts before it and ends after the next character."""
        opened = bisect.bisect_left(self._starts, position)
        return opened > 0 and position < self._reach[opened - 1] - 1


# --- attributions --------------------------------------------------------------

_VERBS = (
    "said|says|say|told|tells|tell|wrote|writes|reported|reports|claimed|claims|estimated|estimates|announced|announces|add|"
    "stated|states|added|adds|noted|notes|cautioned|warned|warns|stressed|concluded|assessed|confirmed|confirms|denied|denies|"
    "released|releases|release|published|found|finds|accused|accuses|called|calls|call|insisted|explained|acknowledged|admitted"
)
_VERB = re.compile(rf"\b({_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_AGENT = re.compile(
    r"\b(published|provided|released|compiled|conducted|cited|issued|produced|made|estimates?|investigation|assessments?|"
    r"analysis|survey|study|reports?|data|information|translation|findings)\b((?:\s+[^\s.;:!?\"\u201c\u201d]+){0,6}?)\s+by\s+",
)
_FROM = re.compile(
    r"\b(reports?|claims?|assessments?|statements?|estimates?|findings|intelligence)\b((?:\s+(?!that\b|which\b|who\b)[^\s.;:!?]+){0,3}?),?\s+(?:including\s+)?from\s+",
    re.IGNORECASE,
)
_NP_END = re.compile(r"[,.;:!?\"\u201c\u201d)\u2014]|\s-\s|\s(?:that|which|who|whom|where|when|while|as|because|in order|to|on|in|after|before|since)\s")
_CLAUSE = re.compile(
    r"^.*\b(?:that|while|but|and|or|as|because|when|where|whereas|although|though|after|before|since|if|so|which|who|whom|whose|what|than|how|why)\s+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s+(?:also|later|earlier|recently|previously|reportedly|allegedly|then|again|publicly|repeatedly|once|first|has|have|had|"
    r"will|would|can|could|may|might|should|must|did|does|do|continued to|continues to|to|"
    r"(?:on|in|last|this|early|late|earlier|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|\d{4}|week|month|year)(?:\s+\d{4})?)$"
)
_PASSIVE_WORDS = ("was", "were", "been", "being", "be", "is", "are", "get", "got", "gets")
_PASSIVE = re.compile(rf"\s(?:{'|'.join(_PASSIVE_WORDS)})$", re.IGNORECASE)
_PASSIVE_LONGEST = 1 + max(map(len, _PASSIVE_WORDS))
"""The most characters a match of :data:`_PASSIVE` takes."""
_ARTICLE_START = re.compile(r"^(?:an?|the)\s+[a-z]")
_DETERMINER = re.compile(r"^(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your|some|several|many)\s+", re.IGNORECASE)
_TITLES = {
    "president", "prime", "minister", "deputy", "chairman", "commander-in-chief", "general", "gen.", "colonel", "col.", "lt.",
    "lieutenant", "major", "captain", "sergeant", "mr.", "mrs.", "ms.", "dr.", "prof.", "professor", "spokesman", "spokeswoman",
    "secretary", "senator", "governor", "mayor", "chief", "dictator", "marshal", "admiral",
}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_CONTRACTED = re.compile(r"^(?:i|we|you|he|she|they|it)['\u2019](?:ll|m|d|ve|re|s)$")
_ANAPHORS = {"the agency", "the ministry", "the outlet", "the organisation", "the organization", "the group", "the service", "the department", "the newspaper"}
GENERIC = {
    "experts", "expert", "officials", "official", "analysts", "analyst", "sources", "source", "observers", "witnesses", "residents",
    "soldiers", "soldier", "commander", "commanders", "reports", "media", "critics", "activists", "diplomats", "investigators",
    "researchers", "authorities", "people", "relatives", "locals", "journalists", "reporters", "insiders", "lawyers", "survivors",
    "veterans", "mercenary", "ex-mercenary", "fighter", "fighters", "surveys", "polls",
}
_PERSON_NOUNS = {
    "spokesman", "spokeswoman", "spokesperson", "analyst", "official", "commander", "soldier", "journalist", "activist", "blogger",
    "lecturer", "expert", "lawyer", "fighter", "officer", "mercenary", "ex-mercenary", "researcher", "professor", "minister",
    "president", "general", "colonel", "writer", "reporter", "correspondent", "historian", "diplomat", "head", "director", "chairman",
    "deputy", "leader", "member", "veteran", "deserter", "wife", "mother", "father", "sister", "brother", "son", "daughter",
}
_ORG_WORDS = {
    "ministry", "intelligence", "intel", "group", "outlet", "agency", "house", "government", "council", "court", "office",
    "service", "army", "military", "forces", "initiative", "university", "institute", "stories", "press", "news", "media",
    "channel", "website", "site", "division", "district", "command", "committee", "department", "branch", "newspaper",
    "magazine", "project", "foundation", "centre", "center", "kremlin", "pentagon", "network", "organisation", "organization",
    "insight", "nkvd", "fsb", "hur", "union", "party", "administration", "mission", "wagner",
}
_DESCRIPTOR = re.compile(r"\b(?:outlet|website|site|channel|blog|newspaper|magazine|initiative|agency|group|project|account)\s+(\S+)$")
_INFO_HEAD = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:assessment|report|reports|estimate|estimates|investigation|analysis|data|information|figures|findings|"
    r"statement|survey|study|list|translation|video|recording|post|database|databases|records)\s+(?:[^\s]+\s+){0,4}?(?:from|by|of)\s+(.+)$",
    re.IGNORECASE,
)
_PERSON_FROM = re.compile(r"^(.*?)\s+(?:from|at|with|of)\s+(.+)$")
_CONNECTORS = {"of", "to", "for", "and", "the", "de", "von", "al", "in"}
_PLACE = re.compile(r"^(?:[A-Z]{2,3}|[A-Z][a-z]+(?:ish|ian|ese|an|i)|[A-Z][\w-]*['\u2019]s)$")
_STOP_END = {
    "with", "of", "from", "to", "by", "in", "on", "at", "for", "and", "or", "but", "the", "a", "an", "is", "are", "was", "were",
    "be", "been", "has", "have", "had", "not", "no", "that", "this", "which", "there", "here", "what", "who", "as", "if",
}


class _Cue(NamedTuple):
    """An attribution as one sentence words it, by offsets into that sentence.

    It depends on the sentence's words alone, so a sentence a text repeats,
    or that another source repeats (wire copy, a quoted statement), is read
    once: see :func:`_cues_in`.
    """

    who: str
    cue: str
    recipient: str | None
    start: int
    end: int
    """The cue and the words that name the speaker."""
    at: int
    """Where the cue starts: what quotation levels and pronouns are judged by."""


class _Found(NamedTuple):
    """An attribution before pronouns are resolved (a tuple: made for every cue, it must be cheap)."""

    who: str
    cue: str
    recipient: str | None
    quoted: bool
    sentence: Span
    match: Span
    position: int


def _found(cue: _Cue, sentence: Span, quotes: _Quotations) -> _Found:
    """``cue``, found in ``sentence``, placed in the whole text: offsets into the body, inside a quotation or not."""
    base = sentence.start
    return _Found(cue.who, cue.cue, cue.recipient, quotes.holds(base + cue.at), sentence, Span(base + cue.start, base + cue.end), base + cue.at)


@dataclass(frozen=True)
class _CueBeforeSpeaker:
    """A cue followed by the words that name the speaker: 'according to X', 'an estimate ... by X', 'reports from X'."""

    pattern: re.Pattern[str]
    key: str
    """Lower-case words every match contains: a sentence without them is not searched, and most have none."""
    name: Callable[[re.Match[str]], str]
    """The cue as the notes show it."""


_CUES_BEFORE_SPEAKER = (
    _CueBeforeSpeaker(_ACCORDING, "according to", lambda m: m.group().strip().lower()),
    _CueBeforeSpeaker(_AGENT, "by", lambda m: m.group(1) + (" \u2026 by" if m.group(2).strip() else " by")),
    _CueBeforeSpeaker(_FROM, "from", lambda m: m.group(1).lower() + " from"),
)
_PHRASAL = re.compile(r"\s+(?:for|on|up|off|in|out)\b")
"""'call for', 'call off': not 'call' as in naming something."""


@lru_cache(maxsize=1 << 16)
def _cues_in(text: str) -> tuple[_Cue, ...]:
    """Every attribution in one sentence, in the order their cues start.

    Cached by the sentence's words: a large corpus repeats sentences, and
    reading one costs far more than looking it up.
    """
    found: list[_Cue] = []

    def add(who: str, cue: str, recipient: str | None, start: int, end: int, at: int) -> None:
        who = who.strip(" ,\u2014-\"\u201c\u201d'\u2018\u2019")
        if who:
            found.append(_Cue(who, cue, recipient, start, end, at))

    folded = _casefolded(text)
    for rule in _CUES_BEFORE_SPEAKER:
        if rule.key in folded:
            for m in rule.pattern.finditer(text):
                np = _np_after(text, m.end())
                add(np, rule.name(m), None, m.start(), m.end() + len(np), m.start())
    for m in _VERB.finditer(text):
        verb = m.group(1)
        left = text[: m.start()]
        if _ends_in_passive(left) or verb.startswith("call") and _PHRASAL.match(text, m.end()):
            continue
        subject, start = _subject(left)
        if subject is None:
            continue
        recipient = _recipient(text[m.end() :], verb)
        end = m.end() + (len(recipient[1]) if recipient else 0)
        add(subject, verb, recipient[0] if recipient else None, start, end, m.start())
    found.sort(key=lambda f: (f.at, f.start))
    return tuple(found)


def _np_after(text: str, start: int) -> str:
    """The noun phrase that starts at ``start``: up to punctuation or a clause word."""
    rest = text[start:]
    end = _NP_END.search(rest)
    np = rest[: end.start()] if end else rest
    words = np.split()
    return " ".join(words[:12]) if words else ""


def _ends_in_passive(left: str) -> bool:
    """Whether the words before a reporting verb end in 'was', 'were told' and the like.

    Only the last few characters can match, so only they are searched: a
    search from the start of a long sentence costs many times more.
    """
    text = left.rstrip()
    return _PASSIVE.search(text, max(0, len(text) - _PASSIVE_LONGEST)) is not None


def _without_trailing(text: str) -> str:
    """``text`` without the adverbs, auxiliaries and dates that end it ('also', 'has', 'on Monday 2023').

    A trailing phrase is at most three words, so the search starts at the
    white space before the last three: it finds the same phrase as a search
    of the whole text, in time that does not grow with the sentence.
    """
    while True:
        head = text.rsplit(None, 3)
        match = _TRAILING.search(text, len(head[0]) if len(head) == 4 else 0)
        if match is None:
            return text
        text = text[: match.start()]


def _subject(left: str) -> tuple[str | None, int]:
    """The subject right before a reporting verb, and where it starts in ``left``."""
    text = _without_trailing(left.rstrip())
    if not text:
        return None, 0
    if text.endswith(","):
        parts = text[:-1].split(", ")
        if len(parts) >= 2 and _ARTICLE_START.match(parts[-1]):
            head = _clause_tail(parts[-2])
            if head and _proper_tokens(head):
                subject = f"{head}, {parts[-1]}"
                return subject, text.rfind(head)
        return None, 0
    cut = max(text.rfind(", "), text.rfind("; "), text.rfind(": "), text.rfind("\u201d"), text.rfind('"'), text.rfind(" \u2014 "), text.rfind(" - "))
    segment = text[cut + 1 :] if cut >= 0 else text
    segment = _clause_tail(segment.strip(" \u2014-"))
    words = segment.split()
    if not words or len(words) > 12 or not _can_end_subject(words[-1], len(words) == 1):
        return None, 0
    return segment, text.rfind(segment)


def _can_end_subject(token: str, first: bool) -> bool:
    """A subject ends in a name, a pronoun or a noun for a speaker, not in 'require' ('The Geneva Conventions require states')."""
    word = _word(token).lower()
    return _is_proper(token, first) or word in PRONOUNS or word in GENERIC or word in _PERSON_NOUNS or word in _ORG_WORDS or bool(_CONTRACTED.match(word))


def _clause_tail(segment: str) -> str:
    return _CLAUSE.sub("", segment).strip()


_TOLD_NAMED = re.compile(r"\s+((?:the\s+)?(?:[A-Z][\w'\u2019.-]*)(?:\s+(?:of\s+|to\s+|the\s+)?[A-Z][\w'\u2019.-]*)*)")
_TOLD_PRESS = re.compile(r"\s+(reporters|journalists|the press|the media|us|me)\b")
_REPORTED_TO = re.compile(r"\s+to\s+((?:[A-Z][\w'\u2019.-]*)(?:\s+[A-Z][\w'\u2019.-]*)*)")


def _recipient(right: str, verb: str) -> tuple[str, str] | None:
    """Whom a speaker told: ('Kontur', ' Kontur') for 'told Kontur in July'."""
    if verb.startswith(("told", "tell")):
        m = _TOLD_NAMED.match(right)
        if m and m.group(1).split()[-1] not in ("The",):
            return _DETERMINER.sub("", m.group(1)).rstrip(".,;:"), m.group(0).rstrip(".,;:")
        m = _TOLD_PRESS.match(right)
        if m:
            return m.group(1), m.group(0)
    elif verb.startswith("report"):
        m = _REPORTED_TO.match(right)
        if m:
            return m.group(1).rstrip(".,;:"), m.group(0).rstrip(".,;:")
    return None


def _word(token: str) -> str:
    return token.strip(".,;:!?()[]\"'\u201c\u201d\u2018\u2019")


def _is_proper(token: str, first: bool = False) -> bool:
    word = _word(token)
    if not word or not any(c.isupper() for c in word):
        return False
    lower = word.lower()
    if first and (lower in GENERIC or lower in PRONOUNS or lower in _STOP_END or _DETERMINER.match(lower + " ")):
        return False
    return lower not in PRONOUNS or word == "I"


def _proper_tokens(text: str) -> list[str]:
    tokens = text.split()
    return [t for i, t in enumerate(tokens) if _is_proper(t, first=i == 0)]


def _runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Runs of proper-name tokens (joined by 'of', 'to', ...), as index ranges."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if _is_proper(tokens[i], first=i == 0):
            j = i + 1
            while j < len(tokens):
                if _is_proper(tokens[j]):
                    j += 1
                elif tokens[j].lower() in _CONNECTORS and j + 1 < len(tokens) and _is_proper(tokens[j + 1]):
                    j += 2
                else:
                    break
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


@lru_cache(maxsize=1 << 16)
def identify(who: str) -> tuple[str, SpeakerKind, bool] | None:
    """The name a phrase gives a speaker, its kind, and whether it is a name at all.

    ``None`` when the phrase names nobody ('the true number'). Pronouns and
    anaphoric descriptions come back as themselves, lower-cased, for
    :func:`_resolve` to replace.
    """
    phrase = " ".join(who.split()).strip(" ,.")
    lower = phrase.lower()
    if _CONTRACTED.match(lower):
        lower = re.split("['\u2019]", lower)[0]
    if lower in PRONOUNS or lower in _ANAPHORS:
        return lower, "unknown", False
    if ", " in phrase:
        head = phrase.split(", ")[0]
        if _proper_tokens(head):
            found = identify(head)
            if found:
                name, _, named = found
                rest = phrase[len(head) :].lower()
                kind: SpeakerKind = "person" if any(w in _PERSON_NOUNS for w in re.findall(r"[\w-]+", rest)) else found[1]
                return name, kind, named
    info = _INFO_HEAD.match(_DETERMINER.sub("", phrase))
    if info:
        return identify(info.group(1))
    bare = _DETERMINER.sub("", phrase)
    tokens = bare.split()
    lowered = [_word(t).lower() for t in tokens]
    runs = _runs(tokens)
    person_from = _PERSON_FROM.match(bare)
    if person_from and not _proper_tokens(person_from.group(1)) and _proper_tokens(person_from.group(2)):
        head_words = [w.lower() for w in person_from.group(1).split()]
        if head_words and head_words[-1] in _PERSON_NOUNS | GENERIC:
            return bare, "person", True
    if not runs:
        descriptor = _DESCRIPTOR.search(bare)
        if descriptor:
            return _word(descriptor.group(1)), "organisation", True
        if lowered and lowered[-1] in GENERIC:
            return lowered[-1], "person" if lowered[-1] in _PERSON_NOUNS else "unknown", False
        return None
    start, end = runs[-1]
    if _word(tokens[start]).isupper() and tokens[start].startswith("(") and len(runs) > 1:
        start = runs[-2][0]
        name_tokens = tokens[start:end]
    elif all(_PLACE.match(_word(t)) for t in tokens[start:end]) and end < len(tokens):
        name_tokens = tokens[start:]
    else:
        name_tokens = tokens[start:end]
    while len(name_tokens) > 1 and _word(name_tokens[0]).lower() in _TITLES:
        name_tokens = name_tokens[1:]
    name = " ".join(name_tokens).strip(" ,.;:")
    if any(w in _PERSON_NOUNS for w in lowered[:start]):
        kind = "person"
    elif any(w in _ORG_WORDS for w in lowered) or _word(name).isupper() or _DESCRIPTOR.search(" ".join(tokens[: start + 1])):
        kind = "organisation"
    elif len(name_tokens) >= 2:
        kind = "person"
    else:
        kind = "unknown"
    return name, kind, True


_RESOLVE_WINDOW = 3
"""Paragraphs back to look for the speaker a pronoun stands for."""


def _resolve(found: list[_Found], earlier: list[Attribution], paragraph_of) -> list[Attribution]:
    """Attributions from ``found``, pronouns replaced by the speaker they stand for, one per speaker and sentence."""
    out: list[Attribution] = []
    seen: set[str] = set()
    for f in found:
        ident = identify(f.who)
        if ident is None:
            continue
        name, kind, named = ident
        if name in PRONOUNS or name in _ANAPHORS:
            wants = ("person", "unknown") if name in ("he", "she", "i") else ("organisation", "unknown") if name in _ANAPHORS or name == "it" else ("person", "organisation", "unknown")
            here = paragraph_of(f.position)
            target = next(
                (a for a in reversed([*earlier, *out]) if a.named and a.quoted == f.quoted and a.kind in wants and here - paragraph_of(a.match.start) < _RESOLVE_WINDOW),
                None,
            )
            if target is None:
                continue
            name, kind, named = target.name, target.kind, True
        if name in seen:
            continue
        seen.add(name)
        out.append(Attribution(name, f.who, f.cue, kind, named, f.recipient, f.quoted, f.sentence, f.match))
    return out


def _merge_surnames(attributions: list[Attribution]) -> list[Attribution]:
    """'Kim' becomes 'Alexander Kim' when the text names exactly one full name ending in 'Kim'."""
    full = {a.name for a in attributions if a.named and len(a.name.split()) > 1}
    out = []
    for a in attributions:
        if a.named and len(a.name.split()) == 1:
            matches = sorted(n for n in full if n.split()[-1] == a.name)
            if len(matches) == 1:
                a = Attribution(matches[0], a.who, a.cue, "person" if a.kind == "unknown" else a.kind, True, a.recipient, a.quoted, a.sentence, a.match)
        out.append(a)
    return out


# --- hedges ---------------------------------------------------------------------

Negation = Literal["keep", "cancel"]


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    lemma: str
    kind: HedgeKind
    negation: Negation
    """What a negation does: 'keep' records it, 'cancel' drops the match."""
    keys: tuple[str, ...]
    """Lower-case words every match contains: text without any of them is not searched with the rule."""


def _rule(pattern: str, lemma: str, kind: HedgeKind, negation: Negation = "keep", *, keys: tuple[str, ...]) -> _Rule:
    """A rule whose lower-case ``pattern`` is matched against lower-cased text."""
    return _Rule(re.compile(pattern), lemma, kind, negation, keys)


def _hedge_word(word: str, kind: HedgeKind, negation: Negation = "keep") -> _Rule:
    """A rule for one whole word, counted under itself."""
    return _rule(rf"\b{word}\b", word, kind, negation, keys=(word,))


_NOT = r"(?:not|n['\u2019]t|never)"
RULES: tuple[_Rule, ...] = (
    _rule(
        rf"\b(?:has|have|had|was|were|is|are|be|been|could|can|cannot|can['\u2019]t)\s+(?:{_NOT}\s+)?(?:yet\s+)?(?:been\s+|be\s+)?(?:independently\s+)?(?:verified|confirmed|corroborated)\b",
        "not verified", "unverified", keys=("verified", "confirmed", "corroborated"),
    ),
    _rule(
        rf"\b(?:could|can|cannot|did|do|does|was|were)\s+(?:{_NOT}\s+)?(?:able\s+to\s+)?(?:independently\s+)?(?:verify|confirm|corroborate)\b",
        "not verified", "unverified", keys=("verify", "confirm", "corroborate"),
    ),
    _rule(r"\bunable to (?:independently )?(?:verify|confirm|corroborate)\b", "not verified", "unverified", keys=("verify", "confirm", "corroborate")),
    _rule(r"\b(?:unverified|unconfirmed|uncorroborated)\b", "not verified", "unverified", keys=("unverified", "unconfirmed", "uncorroborated")),
    _rule(
        rf"\b(?:did|does|do|has|have|had)\s+{_NOT}\s+(?:provide|give|offer|present|cite|share)\s+(?:any\s+)?(?:details|evidence|proof|figures|numbers|examples|sources)\b",
        "no details given", "unverified", keys=("provide", "give", "offer", "present", "cite", "share"),
    ),
    _rule(r"\b(?:no|without)\s+(?:independent\s+)?(?:evidence|proof)\b", "no evidence", "unverified", keys=("evidence", "proof")),
    _hedge_word("probably", "probability"),
    _rule(r"\bmost likely\b", "likely", "probability", keys=("most likely",)),
    _rule(r"(?<!\bmore )(?<!\bless )(?<!\bmost )\blikely\b", "likely", "probability", keys=("likely",)),
    _hedge_word("unlikely", "probability"),
    _hedge_word("possibly", "probability"),
    _hedge_word("possible", "probability", "cancel"),
    _hedge_word("perhaps", "probability"),
    _hedge_word("may", "probability"),
    _hedge_word("might", "probability"),
    _hedge_word("could", "probability", "cancel"),
    _rule(r"\b(?:appears?|appeared|seems?|seemed)\s+to\b", "appears to", "probability", keys=("appear", "seem")),
    _hedge_word("apparently", "probability"),
    _hedge_word("presumably", "probability"),
    _rule(r"\b(?:is|are|was|were)\s+(?:thought|believed)\s+to\b", "believed to", "probability", keys=("thought", "believed")),
    _rule(r"\bsuggests?\s+that\b", "suggests", "probability", "cancel", keys=("suggest",)),
    _hedge_word("reportedly", "hearsay"),
    _hedge_word("allegedly", "hearsay"),
    _hedge_word("alleged", "hearsay"),
    _hedge_word("purportedly", "hearsay"),
    _hedge_word("supposedly", "hearsay"),
    _rule(r"\b(?:claimed|claims?|claiming)\b", "claimed", "hearsay", "cancel", keys=("claim",)),
    _rule(r"\brumou?r(?:ed|s)?\b", "rumoured", "hearsay", keys=("rumor", "rumour")),
    _rule(r"\b(?:is|are|was|were)\s+said\s+to\b", "said to", "hearsay", keys=("said",)),
    _rule(r"\b(?:the|a|an)\s+reported\b", "reported (as a claim)", "hearsay", keys=("reported",)),
    _rule(r"\b(?:estimated|estimates?|estimating)\b", "estimated", "estimate", keys=("estimat",)),
    _rule(r"\b(?:projected|projection|extrapolated)\b", "projected", "estimate", keys=("projected", "projection", "extrapolated")),
)
_NEGATED_BEFORE = re.compile(rf"\b{_NOT}(?:\s+\w+){{0,2}}\s*$|\bn['\u2019]t\s*$", re.IGNORECASE)
_NEGATED_AFTER = re.compile(rf"^\s+{_NOT}\b", re.IGNORECASE)
_MODALS = {"may", "might", "could"}
_NEGATIVE_PHRASE = re.compile(rf"{_NOT}|\bno\b|\bwithout\b|\bun\w+|cannot|unable", re.IGNORECASE)
_COULD_POSSIBLE = re.compile(r"\s+(?:well\s+|also\s+|potentially\s+|eventually\s+|soon\s+|one\s+day\s+|easily\s+)?(?:be|have)\b", re.IGNORECASE)
_CONDITIONAL = re.compile(r"^\W*if\b|\bin the future\b|\bone day\b", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\s+\d")


def _hedges_in(body: str, sentences: list[Span], quotes: _Quotations) -> list[Hedge]:
    """Every hedge in ``body``; where two rules match overlapping words, the one listed first wins.

    Read block by block (see :func:`_blocks`), so that a block a corpus
    repeats, most often a single sentence, is read once.
    """
    blocks = _blocks(body, sentences)
    if blocks is None:  # one block, the whole text: read without the cache, which would only keep it alive
        found = [(0, 0, h) for h in _block_hedges.__wrapped__(body, tuple((s.start, s.end) for s in sentences))]
    else:
        found = [(sentences[first].start, first, h) for first, last in blocks for h in _hedges_of_block(body, sentences[first : last + 1])]
    out: list[Hedge] = []
    for base, first, (rule, negated, index, start, end) in found:
        match = Span(base + start, base + end)
        out.append(Hedge(body[match.start : match.end], rule.lemma, rule.kind, negated, quotes.holds(match.start), sentences[first + index], match))
    return out


def _hedges_of_block(body: str, sentences: list[Span]) -> tuple[_BlockHedge, ...]:
    """The hedges in a block of ``sentences``, by offsets into the block."""
    base = sentences[0].start
    if len(sentences) == 1:
        return _block_hedges(body[base : sentences[0].end], ((0, sentences[0].end - base),))
    return _block_hedges(body[base : sentences[-1].end], tuple((s.start - base, s.end - base) for s in sentences))


def _blocks(body: str, sentences: list[Span]) -> list[tuple[int, int]] | None:
    """The sentences in blocks no rule's match can cross, as (first, last) indices; ``None`` when the text has no such cut.

    Two sentences fall into separate blocks when only white space lies
    between them and punctuation ends the first or starts the second:
    no match spans punctuation, and a word boundary or look-behind at the
    edge of a block sees the same as in the whole text. Where text outside
    every sentence is not white space, the text is read as one block.
    """
    blocks: list[tuple[int, int]] = []
    first = 0
    previous_end = 0
    for i, sentence in enumerate(sentences):
        gap = body[previous_end : sentence.start]
        if gap and not gap.isspace():
            return None
        if i and (_PUNCTUATION.match(body, previous_end - 1) or _PUNCTUATION.match(body, sentence.start)):
            blocks.append((first, i - 1))
            first = i
        previous_end = sentence.end
    tail = body[previous_end:]
    if tail and not tail.isspace():
        return None
    if sentences:
        blocks.append((first, len(sentences) - 1))
    return blocks


_BlockHedge = tuple[_Rule, bool, int, int, int]
"""A hedge in a block: its rule, whether negated, its sentence's index in the block, and its offsets in the block."""


@lru_cache(maxsize=1 << 16)
def _block_hedges(text: str, sentences: tuple[tuple[int, int], ...]) -> tuple[_BlockHedge, ...]:
    """The hedges in ``text``, whose sentences are at the given offsets, in order.

    The rules run over the text lower-cased (ASCII only, so offsets stay
    those of ``text``): case-sensitive literal patterns are several times
    faster to search than case-insensitive ones. Cached by the block's
    words: a large corpus repeats sentences.
    """
    starts = [start for start, _ in sentences]
    lowered = _ascii_lower(text)
    taken: dict[int, list[tuple[int, int]]] = {}
    out: list[_BlockHedge] = []
    for rule in _rules_for(lowered):
        for m in rule.pattern.finditer(lowered):
            index = bisect.bisect_right(starts, m.start()) - 1
            if index < 0 or m.end() > sentences[index][1]:
                continue
            sentence_start, sentence_end = sentences[index]
            spans = taken.setdefault(index, [])
            if any(s < m.end() and m.start() < e for s, e in spans):
                continue
            phrase = text[m.start() : m.end()]
            before = text[max(sentence_start, m.start() - 40) : m.start()]
            after = text[m.end() : min(sentence_end, m.end() + 40)]
            if phrase == "May" and (m.start() > sentence_start or _MONTH_DAY.match(after)):
                continue  # the month: a capital 'May' is the modal only when it opens a sentence
            if rule.lemma == "could" and not _COULD_POSSIBLE.match(after) and not _CONDITIONAL.search(text[sentence_start:sentence_end]):
                continue  # the past of 'can' ('resources it could send'), not a possibility
            if rule.lemma in _MODALS:
                negated = bool(_NEGATED_AFTER.match(after))
            elif rule.kind == "unverified":
                negated = False
            else:
                negated = bool(_NEGATED_BEFORE.search(before))
            if rule.kind == "unverified" and not _NEGATIVE_PHRASE.search(phrase):
                continue
            if negated and rule.negation == "cancel":
                continue
            spans.append((m.start(), m.end()))
            out.append((rule, negated, index, m.start(), m.end()))
    return tuple(sorted(out, key=lambda h: h[3]))


_PUNCTUATION = re.compile(r"[^\w\s'\u2019]")
"""What no hedge rule matches: a rule's words and the spaces between them never span punctuation."""


def _rules_by_key() -> dict[str, tuple[int, ...]]:
    """For each key, the rules (by index in :data:`RULES`) it belongs to."""
    by_key: dict[str, list[int]] = {}
    for index, rule in enumerate(RULES):
        for key in rule.keys:
            by_key.setdefault(key, []).append(index)
    return {key: tuple(indices) for key, indices in by_key.items()}


_RULES_BY_KEY = _rules_by_key()


def _rules_for(lowered: str) -> list[_Rule]:
    """The rules that can match in ``lowered``, in the order of :data:`RULES`.

    Looking for the rules' keys is many times faster than searching with
    every rule, and most texts hold the keys of few rules.
    """
    return [RULES[i] for i in sorted({i for key, indices in _RULES_BY_KEY.items() if key in lowered for i in indices})]


def _ascii_lower(text: str) -> str:
    """``text`` with its ASCII letters lower-cased and nothing else changed, so offsets stay those of ``text``.

    ``str.lower`` can change the length ('İ' becomes two characters). UTF-8
    writes every other character in bytes above 0x7f, which ``bytes.lower``
    leaves alone; this is many times faster than ``str.translate``.
    """
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


_IGNORECASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""The only non-ASCII letters that ``re.IGNORECASE`` matches to ASCII ones: 'İ', 'ı', 'ſ' and the Kelvin sign."""


def _casefolded(text: str) -> str:
    """``text`` lower-cased as far as a case-insensitive pattern of ASCII words can tell.

    Words a case-insensitive pattern matches are in it, lower-case, so it
    tells cheaply whether such a pattern can match at all.
    """
    lowered = _ascii_lower(text)
    return lowered.translate(_IGNORECASE_TWINS) if _HAS_TWIN.search(lowered) else lowered


_HAS_TWIN = re.compile("[\u0130\u0131\u017f\u212a]")
