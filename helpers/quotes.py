"""Quote extraction and speaker attribution: who said what, with offsets and evidence.

``extract_quotes(article_or_text)`` returns one row per statement (see ``docs/ARCHITECTURE.md``):
direct quotations in straight or curly double marks (split, multi-paragraph and broken-mark
ones too), partial quotes inside reported speech, and reported (indirect) speech introduced by a
speech or cognition cue. Every row keeps its character offsets, its cue, the speaker mention as
written and the canonical speaker it resolves to, and *how* that speaker was found.

Hand-written rules, no tagger: they run offline, about a few milliseconds per article.

- Marks: straight ``"``, curly, guillemets and NYT-style ``''``; British-style single marks
  (``\u2018We will,\u2019 she said``) in an article that quotes with them, told from apostrophes by
  position (``voters\u2019 choice``, ``\u201990s``, ``don\u2019t``); an open paragraph continues in
  the next paragraph's opening mark; a missing or stray mark is recovered at a sentence boundary
  with ``confidence`` 0.5-0.6 (1.0 for a clean pair); short Title Case spans (``"Union State."``),
  numbers and markup attribute values are not quotes.
- Attributions read: ``X said``, ``said X``, ``X, a Y, said``, ``X told Y``, ``X: "..."``, ``As X
  put it,``, a byline dash (``"..." ― Name``, also on the next line), a participle (``..., saying``)
  for its clause's subject, a passive cue (``criticized by X``) for its agent. Reported content
  ends where a clause with its own subject and cue begins (``..., but the governor insisted``).
  A partial quote after a participle whose speaker the sentence does not name is kept,
  ``unresolved``, rather than given the noun after the cue.
- ``resolution``: ``name adjacent``, ``pronoun -> antecedent at offset N`` (N points at the name
  or description), ``relative pronoun -> antecedent at offset N``, ``description -> NAME``,
  ``description`` (unresolved description), ``carried over from quote K`` (an unattributed quote
  inherits the speaker, and shows the mention, of quote K; confidence at most 0.8),
  ``subject of the sentence before, at offset N``, ``interviewee -> named at offset N`` (the
  ``A:`` lines of an interview whose introduction names the person), ``unresolved``.
- ``speaker_type``: ``person``, ``organization`` or ``source`` (evidence rather than an agent:
  ``Satellite footage reveals that``, ``a new poll shows``; PolNeAR annotates these as sources,
  so they are kept, typed apart for charts and filters), ``None`` when unknown.
- A statement is what one attribution covers: a quote split by its attribution (``"A," he said.
  "B."``), a quote continued over paragraphs, a paragraph of nothing but quote right after its
  speaker's quote, the partial quotes of one reported clause or sentence. Its row
  spans all its passages (``text`` is ``input[start:end]``, attribution included); the passages
  themselves are in ``fragments`` (``(start, end)`` pairs). Score, highlight or read what was
  *said* with ``spoken_text``/``spoken_texts``, which blank the attribution between passages.
- Extra columns after the contract's: ``fragments``, ``speaker_role`` (the description the text
  gives the speaker) and ``speaker_aliases`` (names seen for them).

>>> q = extract_quotes('"We will win," said Jane Doe, a senator.')
>>> q.loc[0, ["text", "kind", "speaker", "resolution"]].tolist()
['We will win,', 'direct', 'Jane Doe', 'name adjacent']
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice
from operator import itemgetter

import numpy as np
import pandas as pd

try:
    from pandas.api.internals import create_dataframe_from_blocks
except ImportError:  # pragma: no cover - pandas < 3
    create_dataframe_from_blocks = None

from helpers.article import ABBREVIATIONS, paragraph_spans, sentence_spans
from helpers.speakers import _AUX, _DETERMINERS, EVIDENCE_NOUNS, ORG_NOUNS, PERSON_NOUNS, PLACES, SPEAKER_HEADS, Mention, _trie_pattern, SpeakerResolver, find_np_after, find_np_before, lower_aligned

#: The quote table columns, in order (later stages add columns and never drop these).
QUOTE_COLUMNS = [
    "quote_id", "start", "end", "text", "kind", "cue", "cue_start", "cue_end",
    "speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_type",
    "addressee", "resolution", "confidence", "paragraph", "sentence", "overridden",
]
#: Extra columns this module adds after ``QUOTE_COLUMNS`` (read by ``helpers.speakers``).
EXTRA_COLUMNS = ["fragments", "speaker_role", "speaker_aliases"]

_DTYPES = {
    "quote_id": "int64", "start": "int64", "end": "int64", "text": "object", "kind": "object",
    "cue": "object", "cue_start": "Int64", "cue_end": "Int64", "speaker": "object",
    "speaker_mention": "object", "speaker_start": "Int64", "speaker_end": "Int64",
    "speaker_type": "object", "addressee": "object", "resolution": "object",
    "confidence": "float64", "paragraph": "int64", "sentence": "int64", "overridden": "bool",
    "fragments": "object", "speaker_role": "object", "speaker_aliases": "object",
}

# ----------------------------------------------------------------------------------------------
# Lexicons
# ----------------------------------------------------------------------------------------------

_IRREGULAR = {
    "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"), "think": ("thinks", "thought", "thinking"),
    "know": ("knows", "knew", "knowing", "known"), "find": ("finds", "found", "finding"),
    "speak": ("speaks", "spoke", "speaking", "spoken"), "feel": ("feels", "felt", "feeling"),
    "hear": ("hears", "heard", "hearing"), "read": ("reads", "reading"),
    "show": ("shows", "showed", "showing", "shown"), "see": ("sees", "saw", "seeing", "seen"),
    "understand": ("understands", "understood", "understanding"),
    "forecast": ("forecasts", "forecasting"), "predict": ("predicts", "predicted", "predicting"),
    "repeat": ("repeats", "repeated", "repeating"), "admit": ("admits", "admitted", "admitting"),
    "concur": ("concurs", "concurred", "concurring"), "refer": ("refers", "referred", "referring"),
    "quip": ("quips", "quipped", "quipping"), "aver": ("avers", "averred", "averring"),
    "tweet": ("tweets", "tweeted", "tweeting"), "post": ("posts", "posted", "posting"),
    "reckon": ("reckons", "reckoned", "reckoning"), "counter": ("counters", "countered", "countering"),
    "answer": ("answers", "answered", "answering"), "wonder": ("wonders", "wondered", "wondering"),
    "offer": ("offers", "offered", "offering"), "allege": ("alleges", "alleged", "alleging"),
    "blog": ("blogs", "blogged", "blogging"), "text": ("texts", "texted", "texting"),
    "e-mail": ("e-mails", "e-mailed", "e-mailing"), "email": ("emails", "emailed", "emailing"),
    "testify": ("testifies", "testified", "testifying"), "reply": ("replies", "replied", "replying"),
    "deny": ("denies", "denied", "denying"), "cry": ("cries", "cried", "crying"),
    "signal": ("signals", "signaled", "signalled", "signaling", "signalling"),
    "retort": ("retorts", "retorted", "retorting"), "worry": ("worries", "worried", "worrying"),
    "back": ("backs", "backed", "backing"), "rail": ("rails", "railed", "railing"),
    "vote": ("votes", "voted", "voting"), "side": ("sided", "siding"),
    "talk": ("talks", "talked", "talking"), "point": ("pointed", "pointing"),
    "focus": ("focused", "focusing", "focuses"), "call": ("calls", "called", "calling"),
    "support": ("supports", "supported", "supporting"), "want": ("wants", "wanted"),
    "push": ("pushes", "pushed", "pushing"), "pitch": ("pitches", "pitched", "pitching"),
}


def _inflect(lemma: str) -> set[str]:
    if lemma in _IRREGULAR:
        return {lemma, *_IRREGULAR[lemma]}
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    return forms


#: Verbs of saying: they attribute direct quotes and introduce reported speech.
SPEECH_VERBS = """
say tell add write ask note report announce tweet argue explain claim acknowledge declare insist
warn state reply respond continue recall admit confirm deny predict promise pledge vow reveal
complain concede contend assert maintain observe remark comment testify inform assure stress
emphasize emphasise reiterate allege boast joke quip answer shout yell scream exclaim whisper muse
caution counter retort conclude inquire enquire wonder post mention brag lament recount advise
notify suggest urge demand propose threaten proclaim disclose indicate hint explain speculate
charge accuse tout insist blast repeat agree estimate tease predict posit aver concur guarantee
vouch swear affirm contend elaborate clarify write blog text email e-mail opine rule acknowledge exhort implore plead snipe gripe grouse fume interject vent rant
cite begin cry chant sing echo scoff
""".split()
#: Verbs of cognition and evidence: they introduce reported content only with a clause.
COGNITION_VERBS = """
believe think know feel fear hope expect worry doubt suspect assume understand realize realise
consider guess reckon figure find show learn suspect recognize recognise imagine hear read
notice determine discover sense conclude
""".split()
#: Nouns of saying that take a ``that`` clause: ``X's announcement that ...``.
SPEECH_NOUNS = """
announcement statement claim claims assertion declaration promise pledge warning assurance
insistence suggestion allegation argument belief view report reports admission acknowledgment
acknowledgement prediction contention remark remarks comment comments testimony vow threat
confirmation denial message pronouncement pronouncements assertions declarations promises pledges
warnings assurances suggestions allegations arguments predictions denials boast boasts charge charges
accusation accusations complaint complaints fears
""".split()

#: Verbs of stance and evaluation whose object is the reported content (``X endorsed Y``,
#: ``X declined to comment``): PolNeAR annotates them as attributions.
STANCE_VERBS = """
endorse decline criticize criticise seem appear defend praise reject question refer express
refuse seek describe attack hope mention deny oppose propose blame condemn denounce dismiss
slam applaud welcome favor favour decry tout highlight recognize recognise label dub accuse
reiterate vow pledge promise urge demand insist acknowledge admit cite discuss call talk point
speak focus vote side rail lash weigh apologize apologise boast comment support back want
offer decide push advocate champion embrace mock ridicule dispute deride hail laud
commend thank congratulate pitch brand liken credit chide scold rebuke bemoan
""".split()

#: Phrasal speech verbs (``fired back``, ``shot back``): found by their own pattern, not the word scan.
_PHRASAL_CUE_RE = re.compile(
    r"\b(?:fire[sd]?|firing|shot|shoots?|shooting|hit|hits|hitting|lashed|lash(?:es)?|lashing)\s+back"
    r"(?=\s*(?:that\b|[,:]?\s*[\"\u201c\u201d]|[,.;]|$))")
_PHRASAL_FORMS = frozenset(
    f"{verb} back" for verb in "fire fires fired firing shot shoot shoots shooting hit hits hitting lash lashes "
    "lashed lashing".split())
SPEECH_FORMS = frozenset(f for lemma in SPEECH_VERBS for f in _inflect(lemma)) | _PHRASAL_FORMS
COGNITION_FORMS = frozenset(f for lemma in COGNITION_VERBS for f in _inflect(lemma))
STANCE_FORMS = frozenset(f for lemma in STANCE_VERBS for f in _inflect(lemma)) - SPEECH_FORMS \
    - COGNITION_FORMS - {"point", "side", "back"} | {"sought"}
CUE_FORMS = SPEECH_FORMS | COGNITION_FORMS | STANCE_FORMS
_SPEECH_OR_COGNITION = SPEECH_FORMS | COGNITION_FORMS  # built once, not per cue in _reported
_SPEECH_OR_BELIEVE = SPEECH_FORMS | {"believe", "believes", "think", "thinks"}
#: Verbs whose object is the addressee: ``told Y that``, ``informed Y that``.
ADDRESSEE_FORMS = frozenset(
    f for lemma in "tell inform assure remind warn advise notify promise ask urge email e-mail text "
    "caution reassure persuade convince".split() for f in _inflect(lemma)
)
#: Forms too ambiguous to be a cue unless a clause or quote follows directly.
_WEAK_FORMS = frozenset(
    f for lemma in "add continue post begin rule cite charge answer counter text read hear show "
    "find figure consider learn feel state report note offer repeat indicate signal see "
    "know maintain stress observe remark reveal concede".split() for f in _inflect(lemma)
)
#: Weak cues whose noun-phrase object is what they report (``cited heightened public interest``).
_OBJECT_WEAK_FORMS = frozenset(f for f in _inflect("cite") if not f.endswith("ing"))
#: Cues whose content may be an infinitive (``vowed to protect``, ``urged them to leave``).
_TO_FORMS = frozenset(
    f for lemma in "promise pledge vow threaten agree offer refuse decline propose seek hope plan "
    "want expect ask urge demand decide swear".split() for f in _inflect(lemma)
)

_INFINITIVE_NEXT_RE = re.compile(
    r"[ \t]+to[ \t]+(?!(?:the|a|an|his|her|their|its|our|my|your|this|these|those)\b)[a-z]")

_QUOTE_CHARS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033'
_OPEN_ONLY = "\u201c\u201e\u201f\u00ab"
_CLOSE_ONLY = "\u201d\u00bb"
# a quotation mark, or NYT-style '' (two apostrophes, not three): the same matches as
# ``''(?!')|[marks]``, but opening on a character class lets the regex engine skip other characters
_MARK_RE = re.compile(f"[{_QUOTE_CHARS}'](?:(?<=[{_QUOTE_CHARS}])|(?<=')'(?!'))")
_WORD_RE = re.compile(r"\w+(?:[\-'\u2019.]\w+)*")
_CUE_WORD_RE = re.compile(r"[A-Za-z][a-z\-]*")
_CUE_WORD_RE_LOW = re.compile(r"[a-z][a-z\-]*")
_ANY_WORD_RE = re.compile(r"[A-Za-z][A-Za-z\-]*")


# a form after a non-letter, searched in " " + lowered text: opening on a character class rather
# than a look-behind lets the regex engine skip letters (the same matches, in group 1, shifted by 1)
_CUE_FORM_RE = re.compile(
    r"[^a-z](" + _trie_pattern(sorted(f for f in CUE_FORMS if _CUE_WORD_RE_LOW.fullmatch(f))) + r")(?![a-z\-])"
)


#: Cue verbs a Title Case headline capitalises (``Trump Says He Is Unlikely To ...``).
_HEADLINE_CUES = frozenset("says said tells told warns warned claims claimed urges urged vows vowed admits admitted "
                           "denies denied insists insisted slams slammed blasts blasted".split())


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a Title Case headline (most of its words capitalised)."""
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    words = _ANY_WORD_RE.findall(text, lo, hi if hi >= 0 else len(text))
    return 3 <= len(words) <= 25 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


class _CueFinder:
    """Cue verbs in a span of text: one word scan per text (cached per thread), a set lookup per word."""

    _local = threading.local()

    @classmethod
    def _scan(cls, text: str):
        matches = []
        n = len(text)
        low = lower_aligned(text)
        # the words of ``_CUE_WORD_RE_LOW`` (runs of [a-z-] opening with a letter) that are cue
        # forms: the regex finds the forms, the loop keeps those that are a whole run
        for m in _CUE_FORM_RE.finditer(" " + low):
            a, b = m.start(1) - 1, m.end(1) - 1
            j = a - 1
            while j >= 0 and low[j] == "-":
                j -= 1
            if j >= 0 and "a" <= low[j] <= "z":
                continue  # "well--said": inside a longer word
            w = m.group(1)
            if text[a].isupper() and not text[a:b].isupper() and not _at_sentence_start(text, a) and \
                    not (w in _HEADLINE_CUES and _title_case_line(text, a)):
                continue  # "the United States", "Hope", "Post": a name, not a verb
            if (a == 0 or not text[a - 1].isalnum()) and (b >= n or not text[b].isalnum()) \
                    and not _noun_use(text, a, w) and not _PARTICLE_AFTER_RE.match(text, b):
                matches.append(_ANY_WORD_RE.match(text, a, b))
        if " back" in low:
            phrasal = [m for m in _PHRASAL_CUE_RE.finditer(text)]  # "Clinton fired back that ..."
            if phrasal:
                matches = sorted(matches + phrasal, key=lambda m: m.start())
        cache = (text, matches, [m.start() for m in matches], [m.end() for m in matches])
        cls._local.cache = cache
        return cache

    @classmethod
    def finditer(cls, text: str, lo: int = 0, hi: int | None = None) -> list[re.Match]:
        """The cue matches inside ``text[lo:hi]``, in order (a list: the matches never overlap, so
        their ends are sorted and a second bisection finds the last)."""
        cache = getattr(cls._local, "cache", None)
        if cache is None or cache[0] is not text:
            cache = cls._scan(text)
        _, matches, starts, ends = cache
        return matches[bisect_right(starts, lo - 1):bisect_right(ends, len(text) if hi is None else hi)]

    @classmethod
    def search(cls, text: str, lo: int = 0, hi: int | None = None) -> re.Match | None:
        found = cls.finditer(text, lo, hi)
        return found[0] if found else None


_CUE_RE = _CueFinder
_PREV_WORD_RE = re.compile(r"([\w'\u2019]+)\s*$")
_WORD_RUN_RE = re.compile(r"[\w'\u2019]+")
_NOUN_AFTER = frozenset(
    """the a an his her their its our my your this these those whose first last new more many
    several some no any each every two three four few other such recent public""".split()
)


def _at_sentence_start(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in ".!?\n\"\u201c\u201d'\u2019:;(\u2014-"


#: Quantifiers that stand for people as a clause's subject (``Some said``, ``One in three say``).
_QUANTIFIER_SUBJECTS = frozenset(
    "some many several most both few others all two three four five six seven eight nine ten".split())
#: What may come before such a subject: a clause boundary, or ``in``/``of``/``but`` after another
#: number or quantifier (``One in three said``, ``all but two said``).
_QUANTIFIER_OPENS_RE = re.compile(
    r"(?:^|[.!?;:,\n\"\u201c\u201d(\u2014]|\b(?:and|but|while|whereas|that|because))$|"
    r"(?:^|[.!?;:,\n\"\u201c\u201d(\u2014]|\b(?:and|but|that))\s*(?:\w+\s+){0,2}\w+\s+(?:in|out of|but)$",
    re.IGNORECASE)
#: Words whose "'s" is "is"/"has", not a possessive: ``he's said``, ``that's shown``.
_S_CONTRACTIONS = frozenset("he she it that there who what here where".split())


_COPULA_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|been|be|has|have|had)\s+$", re.IGNORECASE)


#: ``backed away from``, ``backed off``, ``called off``: a phrasal verb that reports nothing.
_PARTICLE_AFTER_RE = re.compile(r"[ \t]+(?:away|off|down)\b(?![\-'\u2019])")


def _noun_use(text: str, pos: int, word: str) -> bool:
    """``Trump's charge``, ``the report``, ``a claim``: a cue word used as a noun after a determiner."""
    # the last word before pos (what ``_PREV_WORD_RE.search(text, max(0, pos - 30), pos)`` finds),
    # matched on the reversed window: one anchored match instead of a search from every position
    m = _WORD_RUN_RE.match(text[max(0, pos - 30):pos].rstrip()[::-1])
    if m is None:
        return False
    prev = m.group()[::-1].lower()
    if word == "known":  # "what has become known as the "Buffett rule"": a name, not knowledge
        nxt = _NEXT_WORD_RE.match(text, pos + len(word))
        if nxt is not None and nxt.group(1).lower() in ("as", "for"):
            return True
    if word == "voting":  # "voting rights", "early voting", "states voting Tuesday"; but "voting for Bryan"
        nxt = _NEXT_WORD_RE.match(text, pos + len(word))
        return nxt is None or nxt.group(1).lower() not in ("for", "against")
    if prev in ("first", "last") and word.endswith("ed") and _COPULA_BEFORE_RE.search(
            text, max(0, pos - 40), pos - len(prev) - 1):
        return False  # "The meeting was first reported by Politico": a passive verb
    if prev in _NOUN_AFTER or prev in ("to",) and word.endswith("s"):
        return not (prev in _QUANTIFIER_SUBJECTS and word in _SPEECH_OR_COGNITION and not word.endswith("ing")
                    and _QUANTIFIER_OPENS_RE.search(text[max(0, pos - 40):pos].rstrip()[:-len(prev)].rstrip()))
    if prev in _COMPOUND_MODIFIERS.get(word, ()):
        return True  # "told analysts on a conference call", "Ceasefire talks stall": a noun, not a cue
    if prev in ("most", "more", "less", "least", "very") and word.endswith("ing"):
        return True  # "the most telling promise": an adjective
    if prev.endswith(("'s", "\u2019s")):
        return prev[:-2] not in _S_CONTRACTIONS  # "Trump's charge", but "he's said"
    if word in ("figure", "figures"):  # "official figures showed": a noun, but "he figures that"
        nxt = _NEXT_WORD_RE.match(text, pos + len(word))
        if nxt is not None and (nxt.group(1).lower() in CUE_FORMS or nxt.group(1).lower() in _AUX):
            return True  # "New figures show", "the figures were"
        raw = m.group()[::-1]
        return not (raw[:1].isupper() or prev in _PRONOUNS or prev in _AUX or prev.endswith(("ly", "n't")))
    if word in _NOUN_LIKE_FORMS:  # "terrorist attacks", "a private email server": a noun
        if _AFTER_QUOTE_RE.search(text, max(0, pos - 70), pos):
            return False  # '"...," a voice-over in the ad states': the verb of the attribution
        raw = m.group()[::-1]
        if raw[:1].isupper() and (_DETERMINER_BEFORE_RE.search(text, max(0, pos - len(raw) - 12), pos - len(raw) - 1)
                                  or _POSSESSIVE_BEFORE_RE.search(text, max(0, pos - len(raw) - 30), pos - len(raw) - 1)):
            return True  # "the Orlando attacks", "Mr. Trump's Twitter attacks": a name used as a modifier
        if raw[:1].isupper() and (prev in _MODIFIER_CAPS or prev in PLACES):
            return True  # "Rust Belt states", "Republican attacks", "Orlando attacks": a modifier, not a subject
        return not (raw[:1].isupper() or prev in _SUBJECT_WORDS or prev in _AUX or prev.endswith(("ly", "n't")))
    return False


#: Words that make a cue word the head of a compound noun: ``a conference call``, ``ceasefire talks``.
_CALL_MODIFIERS = frozenset("conference phone telephone video roll earnings wake-up close judgment judgement "
                            "fundraising fund-raising robo curtain investor".split())
_TALKS_MODIFIERS = frozenset("peace trade ceasefire cease-fire truce budget coalition contract merger nuclear "
                             "climate border settlement debt bilateral exploratory high-level round".split())
_COMPOUND_MODIFIERS = {"call": _CALL_MODIFIERS, "calls": _CALL_MODIFIERS, "talks": _TALKS_MODIFIERS}
_AFTER_QUOTE_RE = re.compile(r"[,?!][\"\u201d]\s+[^\"\u201c\u201d.,;:!?\n]{1,60}$")
_POSSESSIVE_BEFORE_RE = re.compile(r"\w['\u2019]s?\s+$")
#: Cue forms that are at least as often nouns (``the Paris attacks``, ``her private email``): a
#: verb only after a name, a pronoun, an adverb or an auxiliary (``Trump attacks``, ``she emails``).
_NOUN_LIKE_FORMS = frozenset(
    "attack attacks email emails e-mail e-mails vote votes state states tweet tweets comments text texts".split()
)
#: Capitalised words that modify a plural noun (``Southern states``, ``Terrorist attacks``).
_MODIFIER_CAPS = frozenset(
    """western eastern northern southern midwestern republican democratic gop conservative liberal
    terrorist deadly blistering belt battleground swing border coastal early recent""".split()
)
_SUBJECT_WORDS = frozenset(
    "he she it they we i you who that which and or but to campaign group party committee "
    "administration government officials official spokesman spokeswoman president senator".split()
)
_TALK_FORMS = frozenset("speak speaks spoke speaking talk talks talked talking chat chats chatted".split())
_TALK_SETTING = frozenset("at in from over for before with on to just only after during".split())
_TALK_TOPIC_RE = re.compile(r"\b(?:about|of)\b")
#: A state of mind held toward a clause (``X remained skeptical that ...``): an attribution in
#: PolNeAR, with the copula and adjective as the cue.
_PREDICATE_CUE_RE = re.compile(
    r"\b(?:(?:have|has|had)\s+(?:long\s+|always\s+|also\s+)?been|is|are|was|were|'s|'re|be|remains?|remained|"
    r"seems?|seemed|grew|became)\s+(?:(?:not|also|still|all|so|very|more|less|now|increasingly|quite|"
    r"\w+ly)\s+)*(?:concerned|confident|hopeful|optimistic|convinced|certain|sure|aware|adamant|skeptical|"
    r"sceptical|afraid|fearful|insistent|pessimistic|doubtful|unconvinced|unaware|worried|disappointed|angry|upset|"
    r"happy|pleased|glad|proud|sorry|relieved|surprised|shocked|thrilled|frustrated|furious|alarmed|encouraged|"
    r"heartened|determined|anxious|nervous|mindful|emphatic|clear|unsure|positive|persuaded)\s+that\b")
_ATTITUDE_ADJECTIVES = frozenset(
    """critical skeptical sceptical supportive dismissive wary proud scornful contemptuous fond respectful
    suspicious distrustful mistrustful appreciative disdainful leery ashamed resentful enamored enamoured
    protective tolerant intolerant unsupportive uncritical""".split())
#: An attitude toward someone or something (``X has been critical of Y``): an attribution in PolNeAR.
_PREDICATE_OF_RE = re.compile(
    r"\b(?:(?:have|has|had)\s+(?:long\s+|always\s+|also\s+)?been|is|are|was|were|'s|'re|\u2019s|\u2019re|be|"
    r"remains?|remained|seems?|seemed|grew|became|becomes?)\s+(?:(?:not|also|still|all|so|very|more|less|now|"
    r"increasingly|quite|\w+ly)\s+)*(?P<adj>" + "|".join(sorted(_ATTITUDE_ADJECTIVES)) + r")\s+of\s+")
_OF_OBJECT_END_RE = re.compile(r"\s*(?:[,;:(]|\s[\u2014\u2013]|\s--|\s-\s)")
#: ``sees Cruz as a uniter``, ``regards Jerusalem as its capital``: a view of someone as something.
_VIEW_AS_RE = re.compile(r"\b(sees?|saw|views?|viewed|regards?|regarded)\s+((?:[\w'\u2019\-]+\s+){1,6}?as\s+"
                         r"(?!(?:well|soon|long|much|far|if|though|we|he|she|they|i|you|it|part)\b)[\w\u201c\"])")
_APPEAR_SETTING_RE = re.compile(r"[\s,]*(?:together|alongside|onstage|in|at|on|with|from|during)\b", re.IGNORECASE)
_HEARER_HEADS = SPEAKER_HEADS - {"voice"}  # "speak with one voice" names no one spoken to
#: ``apologised to his victims``: the one apologised to is heard, not what was said.
_APOLOGY_FORMS = frozenset("apologize apologizes apologized apologizing apologise apologises apologised "
                           "apologising".split())
_OBJECT_PRONOUNS = frozenset("me you him her it us them everyone everybody anyone anybody someone "
                             "somebody nobody people".split())
#: Bodies and gatherings that hear (``told the council``, ``telling a press conference``).
_BODY_HEARERS = (ORG_NOUNS - EVIDENCE_NOUNS - frozenset(
    "statement document documents memo letter email e-mail emails website site paper".split())) | frozenset(
    """conference rally crowd audience hearing jury panel summit briefing session assembly
    commons lords house chamber parliament congress senate committee court council board gathering
    convention forum press media public nation country world""".split())
_HEARER_SUFFIXES = ("ers", "ists", "ians", "ants", "ents", "ees")
_TO_RE = re.compile(r"\s+(?:and\s+)?to\s+")
_FOR_RE = re.compile(r"[^,;.\"\u201c\u201d]{0,30}?\s(?=for\s)")  # "to passengers on Friday for"
_TO_WITH_RE = re.compile(r"\s+(?:to|with)\s+")
_ABOUT_RE = re.compile(r"\s+(?:about|of|on|regarding)\s+")
_BY_AUTHOR_RE = re.compile(r"\b(?:released|issued|published|put out|sent|posted|signed|written|compiled|gathered|"
                           r"collected|conducted|commissioned|prepared|provided|analy[sz]ed)\s+by\s+")
_ANONYMITY_RE = re.compile(r"\s+(?:on\s+(?:the\s+)?condition|anonymously|on\s+background|off\s+the\s+record)")
_ACCORDING_RE = re.compile(r"\baccording to\b", re.IGNORECASE)


def _holds(text: str, word: str, lo: int, hi: int) -> bool:
    """A cheap pre-check that ``text[lo:hi]`` may hold ``word`` (lower or upper case) before a regex."""
    return text.find(word, lo, hi) >= 0 or text.find(word.upper(), lo, hi) >= 0
# the nouns as a character trie (same matches as the plain alternation: no noun followed by
# whitespace is a prefix of another that is), about twice as fast per sentence
#: ``In a Des Moines Register poll last month, CONTENT``: a poll or survey that opens the sentence.
_TO_VIEW_RE = re.compile(r"[\s\"\u201c]*(?:(?:But|And|Yet)\s+)?(To)\s+([^,;:.!?\"\u201c\u201d]{2,90}?),\s+")
_VIEWER_HEADS = frozenset(
    """voters democrats republicans conservatives liberals progressives critics supporters fans
    analysts experts economists observers officials leaders activists americans people many most some
    others readers viewers residents members strategists advisers aides opponents skeptics scholars
    historians backers loyalists insiders donors evangelicals independents""".split())


def _viewer(phrase: str) -> bool:
    """Whether ``phrase`` after a fronted "To" names someone who holds a view: people by
    their plural noun, or a person by name after a role ("Republican candidate Marco Rubio")."""
    words = phrase.split()
    low = [w.lower().strip("'\u2019") for w in words]
    if low[0] in ("the", "a", "an", "this", "that", "now", "example", "instance", "years", "months", "decades",
                  "be", "his", "her", "their", "its", "one", "all", "each", "every", "first", "much", "more"):
        if low[0] not in ("the", "his", "her", "their") or low[-1] not in _VIEWER_HEADS:
            return False
    if len(low) <= 7 and any(w in _VIEWER_HEADS for w in low) or (
            len(low) > 1 and low[1] in ("of",) and low[0] in ("many", "most", "some")):
        return True
    return len(words) >= 3 and all(w[:1].isupper() for w in words[-2:]) and any(w in PERSON_NOUNS for w in low[:-2])


_POLL_INTRO_RE = re.compile(
    r"[\s\"\u201c]*(In)\s+((?:the|a|an|its|their|this|that)\s+(?:[\w/\-'\u2019.&]+\s+){0,6}?"
    r"(?:poll|polls|survey|surveys|study))\b[^,.;:!?]{0,60},\s+"
)
_NOUN_CUE_RE = re.compile(
    r"\b(" + _trie_pattern(sorted(SPEECH_NOUNS)) + r")\s+(?:(?:on|last|this|earlier|in|from)\s+\w+\s+)?that\b",
    re.IGNORECASE,
)

#: Words that open a clause inside a noun cue's content, each owed a verb of its own
#: (``that the plan that Congress passed would``, ``that the deal would collapse if talks failed``).
_CONTENT_CLAUSE_OPENERS = frozenset(
    """that who whom which whose if when whenever because since although though while unless until
    whether than and or but as after before once where""".split())
_CONTENT_SUBJECTS = frozenset("he she they we i".split())
#: Linking verbs in the present that the finite-verb lists miss (``His claim that ... seems wrong``).
_LINKING_PRESENT = frozenset("seem seems appear appears remain remains prove proves".split())
_VERB_GROUP_WORDS = frozenset("not never be been being also still just".split())
_SUBJECT_LEAD_RE = re.compile(r"[\s\"\u201c]*(?:(?:But|And|Yet|Still)\s+)?")
_POSSESSOR_BEFORE_RE = re.compile(r"(?<![\w'\u2019])(his|her|their)\s+(?:(?:recent|earlier|latest|first|last|own|public|"
                             r"repeated|famous|infamous|widely\s+\w+)\s+)?$", re.IGNORECASE)
_PRONOUNS = {
    "he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s", "you": "s", "who": "?",
    "him": "m", "her": "f",
}
_PREPOSITIONS = frozenset(
    "in on at to about of for with during from by after before into over under since than as "
    "like through between among against without within upon via amid".split()
)


# ----------------------------------------------------------------------------------------------
# Data holders
# ----------------------------------------------------------------------------------------------


@dataclass
class _Quote:
    start: int
    end: int
    kind: str
    confidence: float
    open_pos: int | None = None  # offset of the opening mark (None: recovered or indirect)
    close_pos: int | None = None
    paragraph: int = 0
    cue: tuple[int, int] | None = None
    mention: Mention | None = None
    addressee: str | None = None
    attribution: int = -1
    continues: bool = False  # continues the previous paragraph's open quote
    linked: str | None = None  # how the attribution was shared
    extra: dict = field(default_factory=dict)


_BREAK_RE = re.compile(r"[.!?]")
_TAIL_RE = re.compile(r"[\"'\u201d\u2019)\]]*[.!?]*[\"'\u201d\u2019)\]]*")
_END_CHARS = frozenset(".!?\"'\u201d\u2019)]")


_DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'\u2019\-]{2,}(?:\s+[A-Z][A-Z.'\u2019\-]+){0,3}"  # WASHINGTON, SAN BERNARDINO
    r"(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"  # , Calif.
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"  # , Jan. 1
    r"\s*(?:\([A-Za-z][\w .&\-]{0,30}\)\s*)?"  # (AP)
    r"(?:\u2014|\u2013|--?|\u2015)\s+(?=\S)"
)


class _Doc:
    """Text with its paragraphs, sentences and fast offset lookups."""

    def __init__(self, text: str, article=None):
        self.text = text
        self.common_words: dict[str, bool] = {}  # capitalised word -> also seen in lower case
        self.sentences: list[tuple[int, int]] = []
        self.sent_par: list[int] = []
        if article is not None and self._from_article(article):
            pass
        else:
            self.paragraphs = paragraph_spans(text)
            self.sentences, self.sent_par = [], []
            for i, (s, e) in enumerate(self.paragraphs):
                e2 = e
                while e2 > s and text[e2 - 1] in _END_CHARS:
                    e2 -= 1
                if _BREAK_RE.search(text, s, e2) is None and _TAIL_RE.fullmatch(text, e2, e):
                    spans = [(s, e)]  # no sentence-final mark inside: Punkt would not cut (fast path)
                else:
                    spans = sentence_spans(text, s, e)
                for span in spans:
                    self.sentences.append(span)
                    self.sent_par.append(i)
        self._skip_datelines()
        self._par_starts = [s for s, _ in self.paragraphs]
        self._sent_starts = [s for s, _ in self.sentences]

    def _skip_datelines(self) -> None:
        """``WASHINGTON (AP) — Sen. Grassley said``: a paragraph's first sentence starts after its
        dateline, so the place is never read as the sentence's subject."""
        text, prev_par = self.text, -1
        for k, (s, e) in enumerate(self.sentences):
            par = self.sent_par[k]
            if par != prev_par and text[s:s + 1].isupper():
                m = _DATELINE_RE.match(text, s, e)
                if m is not None and m.end() < e:
                    self.sentences[k] = (m.end(), e)
            prev_par = par

    def _from_article(self, article) -> bool:
        """Reuse an Article's own segmentation, so paragraph/sentence indices are the Article's."""
        segments = getattr(article, "segments", None)
        try:
            if segments is not None:  # plain lists: no DataFrames built just to read offsets
                self.paragraphs = [(int(a), int(b)) for a, b in segments.paragraphs]
                self.sentences = [(int(a), int(b)) for _, a, b in segments.sentences]
                self.sent_par = [int(p) for p, _, _ in segments.sentences]
            else:
                paras = article.paragraphs
                sents = article.sentences
                self.paragraphs = [(int(a), int(b)) for a, b in zip(paras["start"], paras["end"])]
                self.sentences = [(int(a), int(b)) for a, b in zip(sents["start"], sents["end"])]
                self.sent_par = [int(x) for x in sents["paragraph"]]
        except (AttributeError, KeyError, TypeError, ValueError):
            return False
        n = len(self.text)
        ok = all(0 <= a <= b <= n for a, b in self.paragraphs + self.sentences)
        ok = ok and self.paragraphs == sorted(self.paragraphs) and self.sentences == sorted(self.sentences)
        return ok and len(self.sent_par) == len(self.sentences) and (bool(self.sentences) or not self.text.strip())

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect_right(self._par_starts, pos) - 1)

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self._sent_starts, pos) - 1)


# ----------------------------------------------------------------------------------------------
# Quotation marks -> quoted spans
# ----------------------------------------------------------------------------------------------


def _mark_len(text: str, i: int) -> int:
    """Length of the quotation mark at ``i``: 2 for NYT-style ``''``, else 1."""
    return 2 if text.startswith("''", i) else 1


#: ``6'3"``, ``5' 11"``: a height, whose double mark is inches, not a quotation mark.
_INCH_MARK_RE = re.compile(r"(?<![\w.])\d['\u2019\u2032] ?\d{1,2}[\"\u2033]$")


def _mark_role(text: str, i: int) -> str:
    """``open``, ``close`` or ``either`` for the quotation mark at ``text[i]``."""
    ch = text[i]
    n = _mark_len(text, i)
    before = text[i - 1] if i > 0 else " "
    after = text[i + n] if i + n < len(text) else " "
    b_space = before.isspace() or before in "([{\u2014\u2013-/" or before in _QUOTE_CHARS
    a_space = after.isspace() or after in ".,;:!?)]}\u2014\u2013" or after in _QUOTE_CHARS
    if ch in _OPEN_ONLY:  # a curly mark, unless its context says clearly the other way (``here,\u201c said``)
        return "close" if a_space and not b_space and before in ".,!?;:" else "open"
    if ch in _CLOSE_ONLY:
        return "open" if b_space and not a_space and before.isspace() else "close"
    if b_space and not a_space:
        return "open"
    if a_space and not b_space:
        return "close"
    return "either"


def _mark_family(text: str, i: int) -> str:
    """Which kind of mark: straight, curly, guillemet or NYT double apostrophe (for nesting)."""
    ch = text[i]
    if ch == "'":
        return "apos"
    if ch in "\u00ab\u00bb":
        return "guillemet"
    return "straight" if ch in "\"\u2033" else "curly"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _quoted_spans(doc: _Doc) -> list[_Quote]:
    """Pair quotation marks paragraph by paragraph, recovering broken pairs with less confidence."""
    text = doc.text
    out: list[_Quote] = []
    open_from_prev = False  # the previous paragraph ended inside a quote
    for p, (ps, pe) in enumerate(doc.paragraphs):
        marks = [(m.start(), _mark_role(text, m.start())) for m in _MARK_RE.finditer(text, ps, pe)
                 if not _INCH_MARK_RE.search(text, max(0, m.start() - 6), m.start() + 1)]
        if not marks:
            open_from_prev = False
            continue
        opened: int | None = None
        continues = False
        last_end = ps
        nested: str | None = None  # family of a quote inside the open quote (`"about \u201cX\u201d now"`)
        for k, (pos, role) in enumerate(marks):
            if opened is not None:
                fam = _mark_family(text, pos)
                if nested is not None:
                    if fam == nested and role != "open":
                        nested = None
                    if fam == nested or fam != _mark_family(text, opened):
                        continue
                elif role == "open" and fam != _mark_family(text, opened) and \
                        any(_mark_family(text, x) == fam and r != "open" for x, r in marks[k + 1:]):
                    nested = fam
                    continue
            if opened is None:
                if role == "close":
                    # a closing mark with no opener: the quote starts at its sentence start
                    sent = doc.sentences[doc.sentence_of(pos)]
                    s = max(sent[0], last_end)
                    if pos - s > 2:
                        s, e = _trim(text, s, pos)
                        if e > s:
                            out.append(_Quote(s, e, "direct", 0.6, None, pos, p))
                            last_end = pos + _mark_len(text, pos)
                    continue
                opened, nested = pos, None
                continues = open_from_prev and pos == ps
            else:
                if role == "open" and pos > opened + _mark_len(text, opened):
                    # two openers: the first quote lost its closing mark; close it at the last
                    # sentence end before the new opener
                    s0 = opened + _mark_len(text, opened)
                    end = _recover_close(doc, s0, pos)
                    s, e = _trim(text, s0, end)
                    if e > s:
                        out.append(_Quote(s, e, "direct", 0.6, opened, None, p, continues=continues))
                    opened, continues = pos, False
                    continue
                s, e = _trim(text, opened + _mark_len(text, opened), pos)
                if e > s:
                    out.append(_Quote(s, e, "direct", 1.0, opened, pos, p, continues=continues))
                last_end = pos + _mark_len(text, pos)
                opened, continues = None, False
        open_from_prev = False
        if opened is not None:
            s, e = _trim(text, opened + _mark_len(text, opened), pe)
            nxt = doc.paragraphs[p + 1][0] if p + 1 < len(doc.paragraphs) else None
            if nxt is not None and (text[nxt] in _QUOTE_CHARS or text.startswith("''", nxt)) \
                    and _mark_role(text, nxt) != "close":
                # news style: an open paragraph continues in the next paragraph's opening mark
                if e > s:
                    out.append(_Quote(s, e, "direct", 0.95, opened, None, p, continues=continues))
                open_from_prev = True
            elif e > s:
                if e > s:
                    out.append(_Quote(s, e, "direct", 0.5, opened, None, p, continues=continues))
    return out


def _recover_close(doc: _Doc, start: int, limit: int) -> int:
    """Where a quote opened at ``start`` most likely ends before ``limit``: the last sentence end."""
    best = limit
    i = doc.sentence_of(start)
    while i < len(doc.sentences) and doc.sentences[i][1] <= limit:
        if doc.sentences[i][1] > start + 1:
            best = doc.sentences[i][1]
        i += 1
    return best


# ----------------------------------------------------------------------------------------------
# Attribution of quoted spans
# ----------------------------------------------------------------------------------------------

_TERMINAL = ".!?"


def _cue_match(text: str, lo: int, hi: int, first: bool = True):
    """First (or last) cue verb in ``text[lo:hi]`` as a regex match, or None."""
    if first:
        return _CUE_RE.search(text, lo, hi)
    last = None
    for m in _CUE_RE.finditer(text, lo, hi):
        last = m
    return last


_AS_SAID_FRONT_RE = re.compile(r"[\"\u201c\u201d]?(?:(?:But|And|Yet|So)\s+)?[Aa]s\s+((?:[\w.'\u2019\-]+\s+){0,5}?[\w.'\u2019\-]+)\s+"
                               r"(?:(?:has|had|have)\s+)?(?:\w+ly\s+)?(puts?\s+it|[a-z]+)\b[^,;:\"\u201c\u201d]{0,80},\s+")
_AS_SAID_FORMS = frozenset(f for lemma in "say note write explain argue observe report mention suggest acknowledge "
                           "predict warn claim recall remark tell state contend insist assert".split()
                           for f in _inflect(lemma) if not f.endswith("ing"))
_SUBORDINATE_OPEN_RE = re.compile(r"[\"\u201c]?(?:(?:But|And|Yet|So)\s+)?(?:As|While|When|Whenever|After|Before|Since|Until|"
                                  r"Once|Because|If|Although|Though)\s+")
_AS_PUT_IT_RE = re.compile(r"[\s,]*as\s+(\S.{0,60}?)\s+(puts?\s+it)\b")
_PUT_IT_RE = re.compile(r"\b(?:put|puts) it(?: \w+)?[:,]", re.IGNORECASE)
# a sentence mark before a space or the end, a double quotation mark, or '': the same matches as
# ``[.!?;](?=\s|$)|["\u201c\u201d]|''``, opening on a character class so the engine skips other characters
_CLAUSE_END_RE = re.compile(r"[.!?;\"\u201c\u201d'](?:(?<=[.!?;])(?=\s|$)|(?<=[\"\u201c\u201d])|(?<=')')")
_ABBREV = frozenset(ABBREVIATIONS)


_INITIALS_RE = re.compile(r"(?:[a-z]\.)+[a-z]")
_LOWER_NEXT_RE = re.compile(r"\s+[a-z]")


def _clause_end(text: str, lo: int, hi: int, marks: bool = True) -> int:
    """End of the clause starting at ``lo``: a sentence end (not ``Gov.`` or ``E.``) or a mark."""
    for m in _CLAUSE_END_RE.finditer(text, lo, hi):
        if not marks and m.group() not in ".!?;":
            continue
        if m.group() == ".":
            k = m.start()
            j = k
            while j > lo and (text[j - 1].isalpha() or text[j - 1] == "."):
                j -= 1
            word = text[j:k].lower()
            if word in _ABBREV or (len(word) == 1 and text[j].isupper()):
                continue
            if _INITIALS_RE.fullmatch(word) and _LOWER_NEXT_RE.match(text, k + 1):
                continue  # "chief U.K. economist": initials inside the clause
        return m.start()
    return hi


def _attrib_after(doc: _Doc, q: _Quote, hi: int):
    """``"...," he said`` / ``"...," said X`` / ``"...," X, a Y, said``: cue and mention after a quote."""
    text = doc.text
    lo = (q.close_pos + _mark_len(text, q.close_pos)) if q.close_pos is not None else q.end
    # the attribution clause: up to the end of the sentence or the next quotation mark
    seg_end = _clause_end(text, lo, hi, marks=False)
    seg = text[lo:seg_end]
    stripped = seg.lstrip(" ,\u2014\u2013-")
    if not stripped:
        return None
    dash = _DASH_NAME_RE.match(text, lo, seg_end + 1)
    if dash is not None and not _lowercase_elsewhere(doc, dash.group(2).split()[0]):
        # '"...” ― Stephanie Egan': a byline dash after the quote, as in testimonials and epigraphs
        name = dash.group(2)
        if name.endswith(".") and len(name.rsplit(None, 1)[-1]) > 2 and \
                name.rsplit(None, 1)[-1][:-1].lower() not in ("jr", "sr"):
            name = name[:-1]
        return (dash.start(1), dash.end(1)), Mention(dash.start(2), dash.start(2) + len(name), name), None
    put = _AS_PUT_IT_RE.match(text, lo, seg_end)
    if put is not None:  # '"a disaster," as Trump put it'
        if len(put.group(1).split()) <= 6:
            return (put.start(2), put.end(2)), Mention(put.start(1), put.end(1), put.group(1)), None
    last_char = text[q.end - 1]
    new_sentence = last_char in _TERMINAL and not stripped[:1].islower()
    m = _CUE_RE.search(text, lo, seg_end)
    if new_sentence and (m is None or (m.group().lower() not in SPEECH_FORMS and not (
            last_char in "?!" and _bare_tail(text[m.end():seg_end]))) or m.start() - lo > 60
                         or _clause_after_cue(text, _after_addressee(text, m, seg_end), seg_end)
                         or (seg_end == hi and _opens_next_quote(text, _after_addressee(text, m, seg_end), hi))):
        return None  # '"We lost." T-shirts appeared', '"ongoing." He said the FBI ...': a new sentence
    if new_sentence and m is not None and _is_embedded(text, q) and text[lo:m.start()].strip(" ,\u2014\u2013-"):
        return None  # 'branded it an "outlaw nation." Russia said no': the next sentence has its own subject
    acc = _ACCORDING_RE.search(text, lo, seg_end)
    if acc and (m is None or acc.start() < m.start()) and acc.start() - lo < 6:
        mention = find_np_after(text, acc.end(), seg_end)
        if mention:
            return (acc.start(), acc.end()), mention, None
    if m is None and not new_sentence:
        return _unknown_verb_after(text, lo, seg_end)
    if m is None or m.start() - lo > 160:
        return None
    if not text[lo:m.start()].strip(" ,\u2014\u2013-"):
        if m.group().endswith("ing"):
            # 'defended "New York values," saying the city ...': the subject of the sentence speaks
            s0 = doc.sentences[doc.sentence_of(q.start)][0]
            mention = _coordinated_subject(text, s0, q.start) or _sentence_subject(doc, q.start, coordinated=True)
            return ((m.start(), m.end()), mention, None) if mention else None
        mention = find_np_after(text, m.end(), seg_end)  # inverted: said X
        return ((m.start(), m.end()), mention, None) if mention else None
    mention = find_np_before(text, m.start(), lo, strict=False)
    gap = text[lo:mention.start].strip(" ,\u2014\u2013-") if mention is not None else ""
    if gap and mention is not None and text[q.end - 1] in ",?!" and not _is_embedded(text, q) and \
            _NP_GAP_RE.fullmatch(gap) and \
            len(gap.split()) <= 6 and not any(w.lower() in _GAP_STOP_WORDS for w in gap.split()) and \
            gap.split()[0].lower() not in _PREPOSITIONS and gap.split()[0].lower() not in ("every", "each"):
        # '"...," former State policy planning director Jane Roe wrote', '"...," a voice-over in the ad
        # states': the noun phrase finder stopped inside a longer subject that starts right after the quote
        g0 = text.index(gap, lo)
        name_start = mention.name_start if mention.name_start is not None else (
            mention.start if mention.text[:1].isupper() else None)
        role = text[g0:name_start].strip() if name_start is not None else None
        mention, gap = Mention(g0, mention.end, text[g0:mention.end], role=role or None, name_start=name_start), ""
    if gap and _COORDINATED_DESCRIPTION_RE.fullmatch(gap):
        # '"...," the Florida senator and Republican presidential candidate said': one person, two titles
        g0 = text.index(gap, lo)
        mention, gap = Mention(g0, mention.end, text[g0:mention.end]), ""
    if gap and mention.text[:1].isupper() and text[lo:mention.start].rstrip().endswith(",") and \
            _DESCRIPTION_RE.fullmatch(gap) and gap.rsplit(None, 1)[-1].lower() in SPEAKER_HEADS:
        mention, gap = Mention(mention.start, mention.end, mention.text, role=gap), ""  # "another friend, Mariam Emara told"
    if mention is not None and gap.lower() == "as" and m.group().lower() in SPEECH_FORMS:
        return (m.start(), m.end()), mention, None  # '"is a dead heat right now," as Cruz said on Monday'
    if mention is None or gap:
        if text[lo:m.start()].rstrip().endswith(",") and m.group().lower() in SPEECH_FORMS:
            mention = find_np_after(text, m.end(), seg_end)  # '," since ..., said Lee Epstein'
            if mention is not None and mention.text[:1].isupper():
                return (m.start(), m.end()), mention, None
        return None
    return (m.start(), m.end()), mention, _addressee_after(text, m, seg_end)


#: ``" ― Jorge Falcon`` / ``" -- Steve Quinlan.``: a dash, then a name that ends its line or is
#: followed by a comma (``― Veronica Cruz, a nurse``): the dash stands for "said".
_DASH_NAME_RE = re.compile(
    r"[ \t\u00a0]*(\u2015|\u2014|\u2013|--?)[ \t\u00a0]*"
    r"((?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s)?[A-Z][\w'\u2019\-]+\.?(?:[ \u00a0]+(?:[A-Z][\w'\u2019\-]*\.?|de|da|del|van|von|bin|al|la|le)){0,4})"
    r"(?=[ \t\u00a0]*(?:[,(]|\.?[ \t\u00a0]*(?:\n|$)))"
)


def _dash_line(doc: _Doc, par: tuple[int, int]):
    """A paragraph that is only a dash and a name (``-President Obama, tweeting after the speech.``)
    signs the quote that ends the paragraph before it."""
    text = doc.text
    m = _DASH_NAME_RE.match(text, par[0], par[1] + 1)
    if m is None or _lowercase_elsewhere(doc, m.group(2).split()[0]):
        return None
    name = m.group(2).rstrip(".") if len(m.group(2).rsplit(None, 1)[-1]) > 2 else m.group(2)
    return (m.start(1), m.end(1)), Mention(m.start(2), m.start(2) + len(name), name), None


_ED_VERB_RE = re.compile(r"[\s,]*(?:(\w+ed)\s+(?=[A-Z])|([A-Z][\w.\-'\u2019]*(?:\s+[A-Z][\w.\-'\u2019]*){0,3}|he|she|they|"
                         r"(?:an?|the)\s+(?:[a-z\-]+\s+){0,2}[A-Z][\w\-'\u2019]+)\s+"  # "an angry Hollande retaliated"
                         r"(\w+ed(?:\s+(?:out|back|in))?|\w+s\s+(?:out|back)|(?:shot|hit)\s+back|went\s+on|goes\s+on|"
                         r"(?:cut|broke)\s+in)\b)")


_DESCRIBED_ED_VERB_RE = re.compile(
    r"[\s,]*((?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w\-'\u2019]+\s+){0,4}?([a-z][\w\-]+))\s+([a-z]+ed)\b")
_DET_ADJ_NAME_RE = re.compile(r"(?:an?|the)\s+(?:[a-z\-]+\s+){1,2}([A-Z][\w\-'\u2019]+)")
_ED_BEFORE_RE = re.compile(r"\b([a-z]+ed)\s*[,:]\s*$")
#: ``..., chiding him, "...``: an unlisted participle (and its object pronoun) introducing a quote.
_ING_BEFORE_RE = re.compile(r",\s+([a-z]{3,}ing)(?:\s+(?:him|her|them|us|me|it|reporters|supporters|the crowd))?\s*[,:]\s*$")


_ATTRIB_TAIL_RE = re.compile(
    r"[\s,]*(?:\w+ly\s+)?(?:(?:to|into|on|in|at|during|after|before|of|about|from|with|by|last|this|on|as|while|when)\b[^,;]{0,60})?\W*$",
    re.IGNORECASE,
)


_ATTRIB_HEAD_RE = re.compile(
    r"\s*(?:\w+ly\s+)?(?:(?:to|into|on|in|at|during|after|before|of|about|from|with|by|last|this|as|while|when|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|earlier|later)\b[^;]{0,80})?",
    re.IGNORECASE,
)


def _after_addressee(text: str, cue, hi: int) -> int:
    """Where a cue's tail starts: after its addressee (``told Britain's ITV television station``)."""
    if cue.group().lower() in ADDRESSEE_FORMS:
        nxt = find_np_after(text, cue.end(), hi)
        if nxt is not None:
            return nxt.end
    return cue.end()


def _opens_next_quote(text: str, pos: int, hi: int) -> bool:
    """``"...president." He also said he's "liked Trump ..."``: words after the cue run into the
    next quote, so the cue introduces it rather than closing the quote before."""
    words = text[pos:hi].split()
    return bool(words) and not _bare_tail(text[pos:hi]) and hi < len(text) and text[hi] in _QUOTE_CHARS


_THAT_NEXT_RE = re.compile(r"\s*that\b")


def _clause_after_cue(text: str, pos: int, hi: int) -> bool:
    """Whether a cue is followed by its own content (``He said the FBI ...``), not a bare tail
    (``Trump said of Apple in February, when ...``: a phrase, then a clause of its own)."""
    rest = text[pos:hi]
    if _THAT_NEXT_RE.match(rest):
        return True  # '"no substance." She added that "...': the cue opens the next statement
    if len(rest.split()) <= 2:
        return False
    if _ATTRIB_TAIL_RE.match(rest) is not None:
        return False
    head = rest.split(",", 1)[0]
    return not (not head.strip() or _ATTRIB_HEAD_RE.fullmatch(head))


def _bare_tail(tail: str) -> bool:
    """Whether what follows a cue is nothing or a short adverbial (``Beck questioned.``, ``she
    wondered aloud on Monday``), not an object that makes it a new sentence (``Critics questioned the plan``)."""
    words = tail.strip(" .").split()
    return not words or (len(words) <= 4 and (words[0].lower() in _PREPOSITIONS or words[0].lower() in _TIME_WORDS
                                              or words[0].lower().endswith("ly")))


def _unknown_verb_after(text: str, lo: int, hi: int):
    """``"...," beamed Donald Hartley`` / ``"...," she cracked``: a past-tense verb we do not list."""
    m = _ED_VERB_RE.match(text, lo, hi)
    if m is None:
        d = _DESCRIBED_ED_VERB_RE.match(text, lo, hi)  # '"...," the Republican nominee riffed on'
        if d is not None and d.group(2).lower() in SPEAKER_HEADS and len(text[d.end():hi].split()) <= 8:
            return (d.start(3), d.end(3)), Mention(d.start(1), d.end(1), d.group(1)), None
        return None
    if m.group(1):  # verb first, name after
        mention = find_np_after(text, m.end(1), hi)
        if mention is None or not mention.text[:1].isupper():
            return None
        return (m.start(1), m.end(1)), mention, None
    rest = text[m.end(3):hi].strip(" ,.")
    if len(rest.split()) > 8:
        return None
    mention = find_np_before(text, m.start(3), lo, strict=False)
    if mention is None:
        return None
    det = _DET_ADJ_NAME_RE.fullmatch(mention.text)
    if det is not None:  # "an angry Hollande retaliated": the name, its mood aside
        mention = Mention(mention.start + det.start(1), mention.end, det.group(1))
    return (m.start(3), m.end(3)), mention, None


def _addressee_after(text: str, cue, hi: int) -> str | None:
    """``informed Zelenskiy`` / ``told France's Emmanuel Macron``: the object of an addressee verb."""
    if cue.group().lower() not in ADDRESSEE_FORMS:
        return None
    nxt = find_np_after(text, cue.end(), hi)
    if nxt is None or nxt.text.lower() in ("that", "it"):
        return None
    if nxt.text.lower() in _PRONOUNS and nxt.text.lower() not in ("him", "her", "them", "us", "me"):
        return None
    words = nxt.text.split()
    if words and words[0].lower() in _PREPOSITIONS:
        return None
    cut = _CLAUSE_PRONOUN_RE.search(nxt.text, 1)  # "told reporters he remained": the hearers end at "he"
    return nxt.text[:cut.start()] if cut is not None else nxt.text


_MESSAGE_PARTICIPLES = frozenset("saying declaring stating asking urging warning announcing".split())
_MESSAGE_BEFORE_RE = re.compile(r"\b(?:message|letter|statement|e-?mail|text|tweet|post|note|memo|ad|advertisement|"
                                r"video|flier|flyer|sign|banner)s?\b(?:\s+(?:to|on|for)\s+[\w\s.'\u2019]{1,40}?)?\s*$")


def _attrib_before(doc: _Doc, q: _Quote, lo: int):
    """``X said, "...`` / ``X informed Y, "...`` / ``he warned: "...``: cue and mention before a quote."""
    text = doc.text
    hi = q.open_pos if q.open_pos is not None else q.start
    seg = text[lo:hi].rstrip()
    if not seg:
        return None
    m = _cue_match(text, lo, hi, first=False)
    if m is None:
        vm = _ED_BEFORE_RE.search(text, max(lo, hi - 40), hi)
        if vm is not None:  # 'Hillary Clinton cracked, "...'
            mention = find_np_before(text, vm.start(1), lo, strict=False)
            if mention is not None and (mention.text[:1].isupper() or mention.text.lower() in _PRONOUNS):
                return (vm.start(1), vm.end(1)), mention, None
        im = _ING_BEFORE_RE.search(text, max(lo, hi - 50), hi)
        if im is not None:  # 'Clinton clashed with Johnson, chiding him, "...': the clause's subject
            ing = _ANY_WORD_RE.match(text, im.start(1), im.end(1))
            mention = _participle_subject(doc, ing, lo)
            if mention is not None and (mention.text[:1].isupper() or mention.text.lower() in _PRONOUNS):
                return (im.start(1), im.end(1)), mention, None
        pm = None
        for pm in _PUT_IT_RE.finditer(text, max(lo, hi - 120), hi):
            pass
        if pm is not None:
            mention = find_np_before(text, pm.start(), lo, strict=False)
            if mention:
                return (pm.start(), pm.end() - 1), mention, None  # the cue is "put it", not its colon
        acc = None
        for acc in _ACCORDING_RE.finditer(text, lo, hi):
            pass
        if acc is not None:
            mention = find_np_after(text, acc.end(), hi)
            if mention:
                return (acc.start(), acc.end()), mention, None
        return None
    tail = text[m.end():hi]
    colon = seg.endswith(":")
    if colon and ((m.group().isupper() and len(m.group()) > 1) or _DASH_NAME_COLON_RE.search(seg)):
        # 'ECONOMY FAVORS TRUMP - David Wasserman: "...': a headline's verb; the name before the colon speaks
        named = _colon_intro(doc, lo + len(seg))
        if named is not None and named[0][0] >= m.end():
            return named
    if len(tail) > (300 if colon else 150):
        return None
    if re.search(r"[.!?;](?:\s|$)", tail) and tail.strip() not in (".", ",", ":"):
        return None  # a sentence ends between the cue and this quote
    word = m.group().lower()
    if word in SPEECH_FORMS and word not in ADDRESSEE_FORMS and not word.endswith("ing") and \
            text[lo:m.start()].rstrip().endswith(","):
        after = find_np_after(text, m.end(), hi)  # '..., explained Rosenberg, "...': inverted order
        if after is not None and after.text[:1].isupper() and text[after.end:hi].strip() in (",", ":"):
            return (m.start(), m.end()), after, None
    mention = _participle_subject(doc, m, lo) or _and_subject(doc, m, lo)
    if mention is None and (word == "reading" or (word in _MESSAGE_PARTICIPLES and _MESSAGE_BEFORE_RE.search(
            text, max(lo, m.start() - 60), m.start()))):
        # 'Trump posted a message on Twitter reading "...', 'sent a text message to supporters
        # saying:': the message's author, not "Twitter" or "supporters"
        s0 = doc.sentences[doc.sentence_of(m.start())][0]
        mention = _coordinated_subject(text, max(s0, lo), m.start()) or \
            _sentence_subject(doc, m.start(), coordinated=True)
    if mention is None:
        mention = find_np_before(text, m.start(), lo, strict=False)
        if mention is not None:
            s0 = doc.sentences[doc.sentence_of(m.start())][0]
            mention = _infinitive_speaker(doc, max(s0, lo), mention, m.start())
    if mention is None:
        # participle after a comma ("..., saying"), a coordinated verb ("... and joked"):
        # the sentence subject; "X said, calling": the speaker of the cue before
        s0 = doc.sentences[doc.sentence_of(m.start())][0]
        if m.group().lower().endswith("ing"):
            mention = _previous_cue_subject(text, max(s0, lo), m.start())
        mention = mention or _sentence_subject(doc, m.start(), coordinated=text[max(0, m.start() - 5):m.start()].rstrip().endswith("and"))
        if mention is None:
            word = m.group().lower()
            if word in ADDRESSEE_FORMS or word.endswith("ing"):
                # after 'told' or 'saying' come the addressee or the subject of what was said
                # ('told his supporters, "..."', 'saying the person would'): the clause's subject speaks
                mention = _coordinated_subject(text, s0, m.start()) or \
                    _sentence_subject(doc, m.start(), coordinated=True)
            if mention is None and word in SPEECH_FORMS and word not in ADDRESSEE_FORMS and not word.endswith("ing"):
                mention = find_np_after(text, m.end(), hi)  # inverted order: 'said Smith: "...'
            if mention is None and word.endswith("ing"):
                q.extra["speech_cue"] = (m.start(), m.end())  # kept, speaker unresolved, if nothing claims it
            if mention and mention.text.lower() in _PRONOUNS and mention.text.lower() in ("him", "her"):
                mention = None
    if mention is None:
        return None
    if tail.strip() == "." and _SUBORDINATOR_BEFORE_RE.search(text, max(lo, mention.start - 10), mention.start):
        return None  # '"...," Hooton said after Rubio spoke. "...': Rubio's speaking is when, not who
    return (m.start(), m.end()), mention, _addressee_after(text, m, hi)


_SUBORDINATOR_BEFORE_RE = re.compile(r"\b(?:after|before|when|while|as|once|until|since|because)\s+$")
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|a|an|his|her|their|its|our|my|your|these|those|this|that)\s+$",
                                   re.IGNORECASE)
_PREV_CUE_RE = re.compile(r"([A-Za-z]+)\s*,\s*$")
_TIME_NP_RE = re.compile(
    r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
    r"morning|afternoon|evening|night|week|weekend|month|year)\b|^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|"
    r"Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d"
)
_AND_CUE_RE = re.compile(r"(?:[^,;]\s+and|,?\s+but)\s+(?:\w+ly\s+|then\s+|also\s+|now\s+|later\s+|still\s+)?"
                         r"(?:(?:did|does|do|has|have|had|would|will|could|can)(?:n['\u2019]t|\s+not|\s+never)?\s+)?"
                         r"(?:\w+ly\s+)?$")


def _and_subject(doc: _Doc, cue, lo: int) -> Mention | None:
    """``Clinton said Trump is responsible ... and accused him of "..."``: a cue coordinated by
    ``and`` speaks for the subject of the first verb, not for the noun phrase before ``and``."""
    text = doc.text
    pos = cue.start()
    if (text.find("and", max(lo, pos - 24), pos) < 0 and text.find("but", max(lo, pos - 24), pos) < 0) \
            or _AND_CUE_RE.search(text, max(lo, pos - 24), pos) is None:
        return None
    s0 = doc.sentences[doc.sentence_of(pos)][0]  # not ``lo``: the subject may precede a partial quote
    rel = _WHO_AND_RE.search(text, s0, pos)
    if rel is not None:  # "said Annamaria Schifano, who was at the dinner and recalled": the antecedent
        found = find_np_before(text, rel.start(), s0) or find_np_before(text, rel.start(), s0, strict=False)
        if found is None:
            w = text.index("wh", rel.start())
            found = Mention(w, w + 5, text[w:w + 5])  # "which": the relative pronoun, resolved later
        return found
    # "when law enforcement officers located her and told her": the people who located her, not the
    # sentence's first name
    return _subject_of_last_verb(text, s0, pos) or _coordinated_subject(text, s0, pos)


def _subject_of_last_verb(text: str, s0: int, pos: int) -> Mention | None:
    """The people (``law enforcement officers``) who open the clause of the last verb in the past
    before ``pos`` (``located her and told``): at the sentence start, after a short fronted phrase
    or after a subordinator; None for a name, a pronoun or a passive (``a draft was finished``)."""
    verb = None
    for verb in _FINITE_WORD_RE.finditer(text, max(s0, pos - 120), pos):
        pass
    if verb is None or not verb.group()[:1].isalpha() or verb.group().lower() in _FINITE_AUX or \
            _CLAUSE_BREAK_RE.search(text, verb.end(), pos) or \
            _PASSIVE_BEFORE_RE.search(text, max(s0, verb.start() - 8), verb.start()):
        return None
    np = find_np_before(text, verb.start(), s0)
    if np is None or verb.start() - np.end > 20 or np.text.split()[-1] not in SPEAKER_HEADS:
        return None
    if _SUBORDINATOR_BEFORE_RE.search(text, max(s0, np.start - 12), np.start):
        return np
    lead = text[s0:np.start].strip(" \"\u201c")
    return np if not lead or (lead.endswith(",") and _verbless_phrase(text, s0, np.start)) else None


_CLAUSE_BREAK_RE = re.compile(r"[,;:.!?\"\u201c\u201d\u2014]")
_PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are|was|were|been|be|being)\s+$", re.IGNORECASE)


_WHO_AND_RE = re.compile(r",\s+(?:who|which(?=\s+[a-z])(?!\s+(?:he|she|they|we|i|you|it|the|a|an|his|her|their|its|our)\b))\s+[^,.;:!?\"\u201c\u201d]*\b(?:and|but)\s+(?:\w+ly\s+|then\s+|also\s+)?$")


_WITH_BEFORE_RE = re.compile(r",\s+with\s+(?:[\w.\-]+\s+){0,3}$")


def _participle_subject(doc: _Doc, cue, lo: int) -> Mention | None:
    """``Trump told a rally, saying ...``: a participle after a comma speaks for the clause's
    subject (``Trump``), not for the noun phrase just before the comma (``a rally``)."""
    if not cue.group().endswith("ing"):
        return None
    text = doc.text
    pos = cue.start()
    s0 = doc.sentences[doc.sentence_of(pos)][0]
    agent = find_np_before(text, pos, max(s0, pos - 80), strict=False)
    if agent is not None and _WITH_BEFORE_RE.search(text, max(s0, agent.start - 40), agent.start):
        return agent  # "candidates went further, with Martin O'Malley calling Trump a fascist"
    j = pos - 1
    prep = _ING_PREP_RE.search(text, max(s0, pos - 30), pos)  # "by saying", "after initially saying"
    word = cue.group().lower()
    if prep is not None and not (word in _SPEECH_OR_COGNITION and _clause_follows(text, cue.end()) or (
            (word in STANCE_FORMS or word in ADDRESSEE_FORMS) and word not in _ADVERBIAL_ING)):
        prep = None  # "by pointing a finger", "without mentioning Sanders": not a statement
    if prep is not None and prep.start() > s0 + 1:
        j = prep.start() - 1
    while j > s0 and text[j] == " ":
        j -= 1
    if j > s0 and text[j] in "\"\u201d":  # 'defended "New York values," saying'
        j -= 1
    if j > s0 and text[j] in "\u2013\u2014-" and text[j - 1] == " ":
        pass  # "flipped his choice on the spot \u2013 saying": a dash sets it off like a comma
    elif prep is not None and prep.start() > s0 + 1 and text[j] != ",":
        # "Trump distinguished himself by saying": the clause's subject
        return _coordinated_subject(text, s0, pos) or _sentence_subject(doc, pos, coordinated=True)
    if j <= s0 or text[j] not in ",\u2013\u2014-":
        return None
    if prep is not None and text[j] == ",":
        found = find_np_before(text, j + 1, s0)  # "Mr. Sanders, after initially saying"
        if found is not None and found.end >= j - 1:
            return found
    s0 = max(lo, s0) if lo < j else s0
    found = _previous_cue_subject(text, s0, pos) or _coordinated_subject(text, s0, pos)
    if found is not None:
        return found
    found = _sentence_subject(doc, pos, coordinated=True)  # "He also laid out his plan for X, stating"
    if found is not None and _cannot_speak(found.text):
        # "Shares of Nexa fell after the chipmaker cut its forecast, blaming ...": the shares say
        # nothing; the subject of the clause before the comma does
        return _subordinate_subject(text, s0, j)
    return found


#: Heads of subjects that move but never speak (``Shares fell``, ``Oil prices rose``).
_NON_AGENT_HEADS = frozenset(
    """shares share stocks stock prices price markets market sales profits profit revenue revenues
    earnings index indexes indices bonds yields oil gold currency dollar pound euro inflation rates
    unemployment output exports imports futures""".split())
_SUBORDINATOR_RE = re.compile(r"\b(?:after|when|as|because|since|while|before)\s+(?=(?:the|a|an|its|[A-Z]))")


def _cannot_speak(subject: str) -> bool:
    words = subject.lower().split()
    return bool(words) and (words[-1] in _NON_AGENT_HEADS or (words[0] in _NON_AGENT_HEADS and "of" in words))


def _subordinate_subject(text: str, s0: int, j: int) -> Mention | None:
    """The subject of the last ``after/when/because ... `` clause between ``s0`` and ``j``."""
    last = None
    for last in _SUBORDINATOR_RE.finditer(text, s0, j):
        pass
    if last is None:
        return None
    found = find_np_after(text, last.end(), j)
    if found is None:
        return None
    words = found.text.split()
    if len(words) > 2 and words[0].lower() in _DETERMINERS:  # "the chipmaker cut": the verb is no noun
        keep = next((k for k in range(1, len(words)) if _verbish(words[k])), len(words))
        words = words[:max(keep, 2)]
        found = Mention(found.start, found.start + len(" ".join(words)), " ".join(words))
    return None if _cannot_speak(found.text) else found


_BARE_PAST = frozenset("cut put set hit quit let shut cuts puts sets hits quits".split())


def _verbish(word: str) -> bool:
    """Whether a lower-case word after a subject is likely its verb (``cut``, ``reported``)."""
    return word.islower() and (word in _BARE_PAST or _FINITE_WORD_RE.fullmatch(word) is not None)


_CONTRACTION_TAIL_RE = re.compile(r"['\u2019](?:d|s|ll|re|ve|m)$")


_FINITE_WORD_RE = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|should|may|might|must|has|have|had|do|does|did|am|"
    r"[a-z]{2,}ed|[a-z]+n't|said|says|made|won|took|got|gave|came|went|knew|thought|told|saw|felt|found|"
    r"left|lost|kept|paid|meant|began|ran|held|brought|sent|spent|put|grew|fell|rose|led|sold|stood|"
    r"shrank|sank|slid|swung|broke|spoke|wrote|chose|drove|flew|threw|became|beat|bought|caught|fought|"
    r"taught|built|dealt|struck|stuck|wore|hid|shook|woke|forgot|forgave|froze|stole)\b|"
    r"['\u2019](?:s|re|ll|d|ve|m)\b", re.IGNORECASE)


def _content_end_before_main_verb(text: str, s0: int, subject: int, c0: int, c1: int) -> int:
    """End of a noun cue's content: before the sentence's main verb when the cue heads the subject
    (``His fears that the deal would collapse | proved right``), else ``c1``."""
    if _SUBJECT_LEAD_RE.match(text, s0, subject).end() != subject:
        return c1
    end = _end_before_unowed_verb(text, c0, c1)
    return c1 if end is None else end


def _end_before_unowed_verb(text: str, pos: int, hi: int) -> int | None:
    """End of the word before the first finite verb after ``pos`` that no clause opened since ``pos``
    is owed: the ``that`` clause from ``pos`` takes one verb, each subordinator, relative or
    coordinator one more. None at punctuation (an aside may hold a verb of its own)."""
    owed = 1
    prev = "that"
    prev_end = None
    in_verb = False
    for _ in range(40):
        m = _CLAUSE_TOKEN_RE.match(text, pos, hi)
        if m is None or not m.group(1)[0].isalnum():
            return None
        low = m.group(1).lower().replace("\u2019", "'")
        if low in _CONTENT_CLAUSE_OPENERS:
            owed += 1
            in_verb = False
        elif low in _CONTENT_SUBJECTS:
            if prev not in _CONTENT_CLAUSE_OPENERS:
                owed += 1  # "the party he leads", "said he would": a clause of its own
            in_verb = False
        elif low in _FINITE_AUX or low in _IRREGULAR_PAST or low in _LINKING_PRESENT or prev in _CONTENT_SUBJECTS \
                or (low.endswith("ed") and len(low) > 4 and prev not in _DETERMINERS):
            if not in_verb:
                if owed == 0:
                    return prev_end
                owed -= 1
            in_verb = low in _FINITE_AUX
        elif not (in_verb and (low in _VERB_GROUP_WORDS or low.endswith("ly"))):
            in_verb = False
        prev, prev_end = low, m.end()
        pos = m.end()
    return None


def _verbless_phrase(text: str, c0: int, c1: int, max_words: int = 6) -> bool:
    """Whether ``text[c0:c1]`` is a short phrase without a finite verb (``In two other instances``)."""
    return len(text[c0:c1].split()) <= max_words and _FINITE_WORD_RE.search(text, c0, c1) is None


def _clause_follows(text: str, pos: int) -> bool:
    """Whether a clause starts at ``pos``: ``that``, a subject pronoun, or words with a finite verb."""
    m = _NEXT_WORD_RE.match(text, pos)
    if m is None:
        return False
    w = _CONTRACTION_TAIL_RE.sub("", m.group(1).lower())  # "he'd", "she\u2019s"
    return w == "that" or w in _CLAUSE_SUBJECTS or w in ("it", "there") or (
        w not in _NOT_CLAUSE and w not in _PREPOSITIONS and _finite_verb_ahead(text, m.start(1), len(text)))


#: ``-ing`` forms of stance verbs that after ``by``/``while`` are mostly actions, not stances.
_ADVERBIAL_ING = frozenset("pointing pushing pitching voting speaking discussing focusing".split())
#: A preposition that makes an ``-ing`` cue an adverbial of the clause (``by saying``, ``while arguing``).
_ING_PREP_RE = re.compile(r"\b(?:by|while|after|before|without|in|upon)\s+(?:\w+ly\s+)?$", re.IGNORECASE)


#: Cue forms that are also plural nouns (``campaign points``, ``the charges``).
_PLURAL_NOUN_CUES = frozenset(
    "points claims charges notes reports calls answers replies tweets posts comments questions remarks "
    "promises pledges vows states statements warnings".split())


def _previous_cue_subject(text: str, s0: int, pos: int) -> Mention | None:
    """The speaker of the cue just before a participle: ``X said, calling ...`` / ``said X, calling``."""
    m = _PREV_CUE_RE.search(text, max(s0, pos - 40), pos)
    if m is None:
        return None
    word = m.group(1)
    if word.islower() and word in SPEECH_FORMS:  # "Mr. Axelrod said, calling ..." (not "the Islamic State,")
        if _DETERMINER_BEFORE_RE.search(text, max(s0, m.start(1) - 12), m.start(1)):
            return None  # "following the remarks, asking": a noun, not a cue
        np = find_np_before(text, m.start(1), s0)
        if np is not None and word in _PLURAL_NOUN_CUES and np.text[:1].islower() and \
                np.text.lower() not in _PRONOUNS:
            return None  # "recites the same campaign points, calling": a noun phrase, not "X points"
        return np
    # "said Mr. Axelrod, calling ...": a name right after a cue
    for cue in _CUE_RE.finditer(text, max(s0, m.start(1) - 60), m.start(1)):
        if cue.group().lower() in SPEECH_FORMS and cue.group().lower() not in ADDRESSEE_FORMS:
            after = find_np_after(text, cue.end(), m.end())  # not "told a rally, saying": an addressee
            if after is not None and after.end == m.end(1):
                if _TIME_NP_RE.search(after.text):  # "X said Thursday night, suggesting": X
                    return find_np_before(text, cue.start(), s0)
                return after
    return None


def _sentence_subject(doc: _Doc, pos: int, coordinated: bool = False) -> Mention | None:
    """The first noun phrase of the sentence holding ``pos`` (``Lukashenko went ..., saying``)."""
    text = doc.text
    s0 = doc.sentences[doc.sentence_of(pos)][0]
    if not coordinated and not text[pos - 2:pos].strip().endswith(",") and text[s0:pos].strip():
        return None
    fronted = _FRONTED_RE.match(text, s0, pos)  # "On his tax returns, he says ..."
    if fronted is not None:
        s0 = fronted.end()
    return _subject_at(doc, s0, pos)


def _subject_at(doc: _Doc, s0: int, pos: int, mid_sentence: bool = False) -> Mention | None:
    """The subject noun phrase that starts a clause at ``s0`` (a name, a pronoun or a description
    up to its verb), looking no further than ``pos``; ``mid_sentence`` lets it open in lower case."""
    text = doc.text
    m = _SUBJECT_START_RE.match(text, s0, pos) or (_DET_START_ANY_RE if mid_sentence else _DET_START_RE).match(
        text, s0, pos)  # "A Chinese official", ", the senator"
    if m and " " not in m.group() and m.group().lower() not in _PRONOUNS and \
            m.group().lower() not in _SUBJECT_DETERMINERS and _lowercase_elsewhere(doc, m.group()):
        # "Shortly after the vote, the families ...": a capitalised common word opens the sentence
        comma = text.find(", ", m.end(), pos)
        m = _SUBJECT_START_RE.match(text, comma + 2, pos) if 0 <= comma - m.end() <= 80 else None
    if not m:
        return None
    toks = m.group().split()
    if toks[0].lower() in _SUBJECT_DETERMINERS:
        # "The Florida senator sought ..., saying": a description followed by its verb
        np = find_np_after(text, m.start(), pos)
        words = list(_NONSPACE_RE.finditer(np.text)) if np is not None else []
        for k in range(2, len(words)):
            if _VERB_NEXT_RE.fullmatch(" " + words[k].group()):
                head = np.text[:words[k - 1].end()]  # "The Florida senator sought", "His aide doubled down"
                np = Mention(np.start, np.start + len(head), head)
                break
        if np is not None and len(np.text.split()) > 1 and _VERB_NEXT_RE.match(text, np.end, pos):
            return Mention(np.start, np.end, np.text)
        return None
    if toks[0].lower() in _FUNCTION_WORDS_START and toks[0].lower() not in _SUBJECT_DETERMINERS:
        return None  # "With his campaign buffeted ..., denying": a preposition, not a subject
    if m.group().endswith(("'s", "\u2019s")):
        owned = _OWNED_AFTER_RE.match(text, m.end(), pos)
        if owned is not None and owned.group(1).split()[0] not in _NOT_OWNED:
            # "Walsh's lawyer, Diane Foster, asked ..., saying": the lawyer speaks, not Walsh
            return Mention(m.start(), owned.end(1), text[m.start():owned.end(1)], role=owned.group(2))
    return Mention(m.start(), m.end(), m.group())


#: The owned noun after a possessive subject, and a name in apposition to it (``Walsh's lawyer,
#: Diane Foster,``).
_OWNED_AFTER_RE = re.compile(r"[ \t]+((?:[a-z][\w\-]*[ \t]+){0,2}[a-z][\w\-]*)"
                             r"(?:,[ \t]+((?:[A-Z][\w.'\u2019\-]*[ \t]+){1,3}[A-Z][\w'\u2019\-]*),)?")
#: Words after ``'s`` that make it ``has``/``is`` (``Trump's been saying``), not a possessive.
_NOT_OWNED = frozenset("been got gotten going not never always also just still already done had a an the "
                       "said says told".split())


def _lowercase_elsewhere(doc: _Doc, word: str) -> bool:
    """Whether ``word`` (capitalised) also appears as a lower-case word in the text: a common word."""
    hit = doc.common_words.get(word)
    if hit is None:
        low, text = word.lower(), doc.text
        hit = False
        i = text.find(low) if low != word else -1
        while i >= 0 and not hit:
            j = i + len(low)
            hit = (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_'\u2019")) and \
                (j == len(text) or not (text[j].isalnum() or text[j] in "_'\u2019"))
            i = text.find(low, i + 1)
        doc.common_words[word] = hit
    return hit


_SUBJ_VERB_RE = re.compile(
    r"((?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?['\u2019]s?\s+(?!(?:is|was|are|were|has|had|have)\b)[a-z][a-z\-]*(?:\s+[a-z][a-z\-]*)?"
    r"(?=\s+(?:\w+ly\s+)?(?:[a-z]+ed|said|told|made|took|gave|went|had|has|did|would|will|could|is|was)\b)"  # Clinton's lawyers
    r"|(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?[A-Z][\w\-'\u2019]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w\-'\u2019]+){0,3}"
    r"(?:\s+\([A-Z][\w.\-]{0,20}\))?"  # "Jason Chaffetz (R-Utah) said"
    r"|\b(?:he|she|they|He|She|They)|\b[Tt]he\s+(?:[a-z]+\s+){0,2}(?:president|senator|governor|candidate|"
    r"campaign|group|committee|leader|spokesman|spokeswoman|official|officials|administration|party))"
    r"\s+(?:(?:\w+ly|also|then|again|still|never|already|just|even)\s+)?(?!(?:this|his|its|as|us|thus|plus)\b)"
    r"(?:[a-z]+(?:ed|s)|told|made|took|gave|went|held|sent|spoke|wrote|began|left|"
    r"got|put|ran|came|kept|met|saw|struck|brought|drew|threw|stood|hit|led|set|sought|won|lost|said|"
    r"thought|knew|felt|heard|found|did|does|had|has|would|will|could|can|is|was)\b"
)


_OBJECT_SLOT_RE = re.compile(r"\b(?!(?:former|retired|then|late)\s)[a-z]{3,}ed\s+$")


def _coordinated_subject(text: str, s0: int, pos: int) -> Mention | None:
    """The subject of the verb coordinated with a cue: ``Machado promised ... and said`` -> Machado."""
    last = last_cue = None
    fronted = _FRONTED_RE.match(text, s0, pos)  # "When asked whom she supported, Ms. Sherry smiled and said"
    if fronted is not None and fronted.group().split()[0] in _SUBORDINATORS:
        s0 = fronted.end()
    for m in _SUBJ_VERB_RE.finditer(text, s0, pos):
        if _in_marks(text, s0, m.start(1)):
            continue  # '"Donald put Freddy down," said X, ... and recalled': a subject inside what was said
        if m.group(1)[:1].isupper() and _OBJECT_SLOT_RE.search(text, max(s0, m.start(1) - 20), m.start(1)):
            continue  # "criticized Christian Evangelical voters for": an object, not a subject
        if m.group(1)[:1].isupper() and _TIME_NP_RE.search(m.group(1)):
            continue  # "Grassley on Wednesday downplayed": a day is not a subject
        if m.group(1).endswith(("'", "\u2019", "'s", "\u2019s")):
            continue  # "Sanders' comments": an owner, not a subject
        if text[max(s0, m.start(1) - 5):m.start(1)].endswith("that "):
            continue  # "repeated accusations that Rubio recites ..., calling": inside what was said
        if m.group(1)[:1].islower() and m.group().rsplit(None, 1)[-1] in _PLURAL_NOUN_CUES:
            continue  # "the same campaign points": a noun phrase
        last = m
        if m.group().rsplit(None, 1)[-1].lower() in CUE_FORMS:
            last_cue = m  # "Clinton said Trump is ... and accused": the speaking verb's subject
    last = last_cue or last
    if last is None:
        return None
    toks = last.group(1).split()
    start = last.start(1)
    if toks[0].lower() in _FUNCTION_WORDS_START and toks[0].lower() != "the":
        if len(toks) == 1:
            return None
        start = text.index(toks[1], start + len(toks[0]))  # "But Trump said": Trump
    elif toks[0].lower() == "the" and len(toks) == 1:
        return None
    end = last.end(1)
    if text[end - 1] == ")":
        end = text.rindex("(", start, end) - 1  # "Jason Chaffetz (R-Utah)": the name, not the party tag
    if _OF_PLACE_BEFORE_RE.search(text, max(s0, start - 40), start):
        whole = find_np_before(text, end, s0)  # "Paul D. Ryan of Wisconsin lamented": the person, not the place
        if whole is not None and whole.start < start:
            return whole
    return Mention(start, end, text[start:end])


_OF_PLACE_BEFORE_RE = re.compile(r"[A-Z][\w.\-]*\s+of\s+$")


_VERB_NEXT_RE = re.compile(r"(?:\s+(?:on|last|this|early|late|later)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                            r"Saturday|Sunday|week|month|year|night|morning|afternoon|evening))?"
                            r"\s+(?:(?:\w+ly|also|then|again|still|never|not|already|just|even)\s+)?"
                            r"(?:[a-z]+ed|[a-z]+s|is|was|are|were|has|had|have|will|would|did|does|do|can|could|"
                            r"told|said|made|took|gave|went|sent|spoke|wrote|sought|won|lost|put|ran|came|kept|met)\b")
#: Words opening a fronted clause whose verbs belong to it, not to the main clause.
_SUBORDINATORS = frozenset("When While If After Before Although Though Because Since Once Unless Whether Asked "
                           "Despite".split())
_FUNCTION_WORDS_START = frozenset(
    "the in on but and after when while as however then this that it a an at for if with without earlier later "
    "meanwhile yesterday instead despite yet still thus indeed perhaps maybe".split()
)


_SUBJECT_START_RE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?(?:(?:[A-Z][\w\-'\u2019]+|(?:Gov|Sen|Rep|Gen|Lt|Col|Dr)\.)\s+){0,4}"
    r"[A-Z][\w\-'\u2019]+\b(?!\.\s)"
    r"|[Hh]e\b|[Ss]he\b|[Tt]hey\b|[Ww]e\b|I\b"
)
_NONSPACE_RE = re.compile(r"\S+")
#: Determiners that open a described subject (``The Florida senator``, ``His chief aide``).
_SUBJECT_DETERMINERS = ("the", "a", "an", "his", "her", "their", "its", "our", "my")
_DET_START_RE = re.compile("(?:" + "|".join(d.capitalize() for d in _SUBJECT_DETERMINERS) + r")(?=\s)")
_DET_START_ANY_RE = re.compile("(?:" + "|".join(_SUBJECT_DETERMINERS) + r")(?=\s)", re.IGNORECASE)
_FRONTED_RE = re.compile(
    r"(?:On|In|At|After|Before|During|For|From|With|Without|Asked|Speaking|Later|Earlier|Still|"
    r"However|Meanwhile|Yesterday|Today|Also|Instead|Then|Now|Last|This|Since|Despite|Like|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday|Rather|Even|Absent|Besides|Although|Though|Because|If|Unless|"
    r"While|When|Once|Whether|Publicly|Privately)\b"
    r"[^,.;:!?\"\u201c\u201d]{0,80}(?:,\s+|[\"\u201c][^,.;:!?\"\u201c\u201d]{1,40},[\"\u201d]\s+)"  # Friday on "New Day,"
)


def _is_embedded(text: str, q: _Quote) -> bool:
    """A quote inside running text (``called the plan "a disaster"``): a word right before it."""
    if q.open_pos is None:
        return False
    j = q.open_pos - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or text[j] == "\n":
        return False
    if not (text[j].isalnum() or text[j] in "'\u2019%$"):
        return False
    k = j
    while k >= 0 and (text[k].isalnum() or text[k] in "-'\u2019"):
        k -= 1
    word = text[k + 1:j + 1].lower()
    return word not in CUE_FORMS


def _sentence_like(s: str) -> bool:
    words = s.split()
    if len(words) >= 6:
        return True
    return len(words) >= 3 and (s[-1:] in ".!?,;:" or s[:1].isupper() and len(words) >= 4)


# ----------------------------------------------------------------------------------------------
# Reported speech
# ----------------------------------------------------------------------------------------------

_NEXT_WORD_RE = re.compile(r"[\s,:]*([\w'\u2019]+)")
#: Words after a cue that show it takes an object or particle, not a clause.
_NOT_CLAUSE = frozenset(
    """that so him them me us itself himself herself themselves out up off back down
    about goodbye hello thanks thank nothing something anything everything little much more less
    not only also this these those what how why whether who when where which as to""".split()
)
#: Words of ``_NOT_CLAUSE`` that can also open a clause (``said those statements were wrong``,
#: ``said much of his discussion was``, ``said down-ballot races can``).
_CLAUSE_OPENERS = frozenset(
    "this these those much more less little nothing something anything everything down up out how why whether who when where what".split())
_PARTICLES = frozenset("down up out".split())
#: Cognition verbs whose object is nearly always a clause (``few believe their relationship can``).
_BELIEF_FORMS = frozenset(f for lemma in "believe think fear hope expect worry doubt suspect assume realize realise "
                          "reckon guess imagine".split() for f in _inflect(lemma) if not f.endswith("ing"))
#: Past and ``-ing`` forms of the weak speech verbs, which take a clause with a noun subject
#: (``adding the U.S. must``, ``The star noted Latinos have``); their bare forms are often nouns.
_CLAUSE_SPEECH_FORMS = frozenset(
    f for f in SPEECH_FORMS if f.endswith(("ed", "ing")) and not f.startswith(("maintain", "continu", "rul", "report")))
#: ``a firm called``, ``one PAC called``, ``a resistance movement called``: an indefinite noun
#: phrase right before ``called`` is being named.
_NAMED_BEFORE_RE = re.compile(r"\b(?:[Aa]n?|[Oo]ne|[Aa]nother|[Ss]o)\s+(?:[\w\-'\u2019]+\s+){0,3}?[\w\-]+\s+$|"
                              r",\s+(?:now|also|later|formerly|once|officially|sometimes|often|then)\s+$")
_NAME_AFTER_RE = re.compile(r"\s+(?:the\s+)?[\"\u201c#A-Z]")
_QUESTION_BEFORE_RE = re.compile(r"\b(?:if|whether)\s+$", re.IGNORECASE)  # "Asked if she believed X wanted"
_NAMING_PARTICIPLES = frozenset("called named titled entitled dubbed labeled labelled nicknamed".split())  # open a clause only as a compound: "down-ballot races"
#: Finite verbs that show a clause: ``said [those statements] were``, ``saying [the law] violated``.
_FINITE_AUX = frozenset(
    "is are was were will would can could should may might must has have had does did do "
    "isn't aren't wasn't weren't won't wouldn't can't couldn't shouldn't hasn't haven't hadn't "
    "doesn't didn't don't".split())
_AUX_NEXT_RE = re.compile(r"\s+(?:" + "|".join(sorted(_FINITE_AUX, key=len, reverse=True)) + r")\b")
_IRREGULAR_PAST = frozenset(
    "made won took got gave came went knew thought told saw felt became found left lost kept paid "
    "meant began ran held brought sent spent put cost grew fell rose led struck sold stood".split())
_RELATIVE_SUBJECTS = frozenset("he she they we i you who that which he's she's they're we're i'm you're".split())
_CLAUSE_TOKEN_RE = re.compile(r"[ \t]*((?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|St)\.|[\w\-'\u2019]+|[^\w\s])")


_PRONOUN_SUBJECTS = frozenset("i you he she it we they this that there".split())


def _finite_verb_ahead(text: str, pos: int, hi: int, max_tokens: int = 10) -> bool:
    """Whether the words from ``pos`` read as a clause: a finite verb within a few words, before any
    punctuation, that is not the verb of a relative clause (``the words he had``)."""
    prev = ""
    for i in range(max_tokens):
        m = _CLAUSE_TOKEN_RE.match(text, pos, hi)
        if m is None:
            return False
        tok = m.group(1)
        low = tok.lower().replace("\u2019", "'")
        if not (tok[0].isalnum()):
            return False
        if i == 0 and low in _FINITE_AUX:
            return False  # "that Clinton thinks should be made public": no subject of its own
        if low in _RELATIVE_SUBJECTS and i > 0:
            return False  # "the time he and his father visited": a relative clause inside an object
        if low in ("and", "or", "but") and not text[m.end():m.end() + 2].strip()[:1].isupper():
            nxt = _CLAUSE_TOKEN_RE.match(text, m.end(), hi)
            nlow = nxt.group(1).lower() if nxt is not None else ""
            if low == "but" or not nlow[:1].isalpha() or nlow in _PRONOUN_SUBJECTS or nlow in _FINITE_AUX \
                    or nlow in _IRREGULAR_PAST or nlow.endswith("ed") or i == 0:
                return False  # "posted the video Tuesday and it has been viewed": a second clause
            # "believe bigotry and xenophobia are acceptable": a coordinated subject
        if i > 0:
            finite = low in _FINITE_AUX or low in _IRREGULAR_PAST or (
                low.endswith("ed") and len(low) > 4 and prev not in _DETERMINERS and prev not in _FINITE_AUX
                and low not in _NAMING_PARTICIPLES
                and not re.match(r"\s+by\b", text[m.end():m.end() + 4]))
            if finite:
                return True
        prev = low
        pos = m.end()
    return False


_PARENTHETICAL_RE = re.compile(r"(?:\s+[\w'\u2019]+){0,4}?\s*,\s+\S")
_PARTICIPLE_TAIL_RE = re.compile(r"([a-z]+ing)\b")
_PREPOSITION_INGS = frozenset("including excluding according regarding concerning following during "
                              "considering involving notwithstanding".split())
_PARTICLE_RE = re.compile(r"(?:out|up|to|for|on|of)\s+", re.IGNORECASE)
_ASK_FORMS = frozenset(_inflect("ask") | _inflect("wonder") | _inflect("question"))
_ASK_OK = frozenset("whether if about why how what when where who which to".split())
_RESPOND_FORMS = frozenset(_inflect("respond") | _inflect("reply"))
_REQUEST_RE = re.compile(r"[^.;:!?]{0,40}?\b(?:requests?|questions?|calls?|messages?|e-?mails?|inquir\w+|queries)\b")
_CLAUSE_PRONOUN_RE = re.compile(r"\s+(?=(?:he|she|they|we|I|it)\b)")
_TO_BEFORE_RE = re.compile(r"\bto\s+$")
_MAIN_VERB_RE = re.compile(r"\b(?:is|are|was|were|has|have|had|seems|seemed|does|do|did|went|goes|made|makes)\b")
#: Words before an infinitive cue that are not its subject: ``right to note``, ``had reason to know``.
_BEFORE_TO_NOT_SUBJECT = frozenset(
    """way reason plan plans time chance opportunity right happy able unable willing ready eager glad quick
    set due likely unlikely free going trying decision effort attempt move bid wants wanted campaign crusade
    push drive mission offensive question occasion platform speech appearance interview moment stage event
    rally forum address""".split()
)


def _infinitive_speaker(doc: _Doc, s0: int, mention: Mention, cue_start: int) -> Mention:
    """The speaker of ``NP to CUE``: the clause's subject when the noun phrase is no speaker
    (``The panel is right to note``, ``Sanders used this question to demand``), else the noun
    phrase itself (``leaving many to wonder``, ``force Sanders to acknowledge``)."""
    text = doc.text
    if not (mention.text[:1].islower() and _TO_BEFORE_RE.search(text, max(s0, cue_start - 4), cue_start)
            and _not_infinitive_subject(mention)):
        return mention
    verb = None
    for verb in _MAIN_VERB_RE.finditer(text, max(s0, mention.start - 40), mention.start):
        pass
    subject = find_np_before(text, verb.start(), s0, strict=False) if verb is not None else None
    if subject is None or subject.text.lower() in ("which", "that", "it", "there"):
        subject = _coordinated_subject(text, s0, mention.start) or \
            _sentence_subject(doc, cue_start, coordinated=True)
    return subject or mention


def _not_infinitive_subject(mention: Mention) -> bool:
    """Whether the noun phrase before ``to CUE`` is not the one who speaks: an adjective or a noun
    of intent (``right``, ``reason``, ``his way``), not an object (``leaving many to wonder``)."""
    if mention.text.lower() in _PRONOUNS:
        return False
    words = mention.text.lower().split()
    if words[-1] in _BEFORE_TO_NOT_SUBJECT:
        return True
    return len(words) == 1 and words[0] not in _PLURAL_SUBJECTS and not words[0].endswith("s")


#: Words that end the agent after ``by`` (``criticized by some of his rivals for failing``).
_BY_STOPS = "for|over|after|in|on|at|during|because|as|when|while|to|that"
_BY_PHRASE_RE = re.compile(
    rf"(?!(?:{_BY_STOPS}|the\s+end|far|way|then)\b)"
    rf"[\w'\u2019\-]+(?:\s+(?!(?:{_BY_STOPS}|who|which)\b)"
    rf"[\w'\u2019\-]+(?:\.(?=\w))?){{0,6}}?(?=\s+(?:{_BY_STOPS}|who|which)\b|[,;.]|$)"
)
_BY_THEME_RE = re.compile(r"\s*((?:[\w'\u2019\-]+\s+){0,6}?[\w'\u2019\-]+)\s+(?:has\s+|have\s+|had\s+)?(?:is|are|was|were|been|be)\s+(?:(?:\w+ly|first|also|already|since|later|long)\s+)?$")
_BY_AGENT_RE = re.compile(r"(?:\s+\w+ly)?\s+by\s+")
_PASSIVE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:(?:\w+ly|first|also|already|since|later|long)\s+)?$",
                         re.IGNORECASE)
#: Participles of thought whose passive subject is what is thought of, not a thinker: ``a deal could
#: be found``, ``the attackers were known`` (unlike ``supporters were worried that``).
_THEME_PASSIVE_FORMS = frozenset(
    f for f in COGNITION_FORMS - SPEECH_FORMS - STANCE_FORMS
    if not f.endswith(("ing", "s")) and f not in _inflect("worry") | _inflect("fear") | _inflect("feel")
    | _inflect("sense") | _inflect("doubt"))
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday yesterday today tonight last this
    earlier later recently afterward afterwards then again""".split()
)
_NUMBER_AFTER_RE = re.compile(r"\s+(?:\d|a dozen|a hundred|a thousand|half)")
_PP_THEN_SUBJECT_RE = re.compile(
    r"(?:\w+\s+){1,5}?(?=(he|she|they|we|i|it|there)\s)(?:he|she|they|we|i|it|there)\b", re.IGNORECASE
)
_COORD_RE = re.compile(r"(?:,\s+(?:and|but|while|whereas|although)|;)\s+|,\s+(?=[a-z]+ing\b)|\s+and\s+"
                       r"|,?\s+(?:as|after|because|when|before|since|until|though)\s+(?=(?:he|she|they|it|we|I)\s)"
                       r"|,\s+(?:which\s+)?(?=(?:he|she|they|we|I)\s)|,\s+(?=(?:the\s+)?[A-Z][a-z])"
                       r"|,\s+(?=who(?:['\u2019]s)?\s)"
                       r"|,\s+(?:after|as|because|since)\s+(?=(?:the\s+|new\s+|official\s+)?[a-z]+\s)"
                       r"|(?<=,[\"\u201d])\s+(?=(?:the\s+)?[A-Z][a-z]|(?:he|she|they|we|I)\s)"
                       r"|\s+(?:but|while|whereas|so|yet)\s+(?=(?:he|she|they|we|I|the\s+[a-z]+|[A-Z][a-z]+)\s)"
                       r"|\s+[\u2014\u2013]\s+|\s+--\s+")


_TAIL_CLAUSE_RE = re.compile(
    r",\s+(?:but|though|although|while|whereas|which|whom|with\s+whom|when|where|as|after|before|despite|"
    r"even\s+as|even\s+though)\b")


def _tail_clause_cut(text: str, c0: int, c1: int, clause: bool = True) -> int:
    """Reported content ends before a clause the reporter adds to it (``attacked Trump, with whom
    he clashed``, ``denounced the deal, which would slash``, ``..., but the question was``)."""
    m = _TAIL_CLAUSE_RE.search(text, c0 + 8, c1)
    if m is None or any(ch in _QUOTE_CHARS for ch in text[m.start():c1]):
        return c1
    if clause and _FINITE_WORD_RE.search(text, c0, m.start()) is None:
        return c1  # "said that the plan, which was approved in May, would fail": the clause goes on
    return _trim(text, c0, m.start())[1]


#: Past forms of stance verbs that take an object of their own: a second predicate after ``and``.
_EVALUATIVE_PAST = frozenset(f for f in STANCE_FORMS if f.endswith("ed")) - {"seemed", "appeared", "wanted",
                                                                           "decided", "backed", "pushed"}
_ADVERBS_ONLY_RE = re.compile(r"(?:(?:\w+ly|now|then|later|still|also)\s+)*")


def _content_end(text: str, c0: int, c1: int) -> int:
    """Cut reported content before a coordinated clause with its own cue (``..., and others said``)."""
    if not _CUE_RE.finditer(text, c0, c1):
        return c1  # every cue looked for below lies inside the content
    for m in _COORD_RE.finditer(text, c0, c1):
        nxt = _CUE_RE.search(text, m.end(), min(c1, m.end() + 60))
        if nxt is None:
            continue
        if nxt.start() == m.end() and nxt.group().lower().endswith("ing"):
            return m.start()  # "..., calling them ...": a participial cue starts its own statement
        if nxt.start() == m.end() and m.group().strip() == "and" and nxt.group().lower() in SPEECH_FORMS \
                and nxt.group().lower() not in _WEAK_FORMS:
            return m.start()  # "... and says he will ...": a coordinated statement
        if nxt.start() == m.end() and m.group().strip() == "and" and nxt.group().lower() in _EVALUATIVE_PAST:
            return m.start()  # "lamented the "disheartened" state and criticized the ...": two stances
        if m.group().strip(" ,") == "but" and _ADVERBS_ONLY_RE.fullmatch(text, m.end(), nxt.start()) and \
                nxt.group().lower() in SPEECH_FORMS:
            return m.start()  # "... to support Rand Paul, but now said ...": a statement of its own
        if m.group().strip() == "and":
            continue
        if find_np_before(text, nxt.start(), m.end()) is not None:
            return m.start()
    return c1
_THAT_AFTER_RE = re.compile(r"\bthat\b")
_AND_BEFORE_RE = re.compile(r"(?:,?\s+(?:and|but|then|before|after)\s*)?(?:\s+\w+ly)?\s*$")


_STANCE_LEMMAS = frozenset(STANCE_VERBS) - frozenset(SPEECH_VERBS) - frozenset(COGNITION_VERBS)
_MODALS_RE = re.compile(r"\b(?:will|would|could|should|may|might|must|can|to|do|does|did|not|n't|"
                        r"cannot|let|help|make|made)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_PLURAL_SUBJECTS = frozenset("i we you they people others many some both few several all".split())


def _short_statement(text: str, c0: int, c1: int) -> bool:
    """A short clause said (``Taxes will rise, Smith said``), not a fronted word or phrase
    (``Yes, he said``, ``In 2010, she said``): three words or more with a finite verb."""
    words = text[c0:c1].split()
    return len(words) >= 3 and "," not in text[c0:c1] and words[0].lower() not in _PREPOSITIONS and \
        _FINITE_WORD_RE.search(text, c0, c1) is not None


def _bare_verb_ok(text: str, mention: Mention, cue_start: int) -> bool:
    """A bare verb form (``say``, ``support``) needs a plural subject or a modal before it."""
    if _MODALS_RE.search(text, max(0, cue_start - 30), cue_start):
        return True
    head = mention.text.split()[-1].lower() if mention.text.split() else ""
    if head in _PLURAL_SUBJECTS:
        return True
    return head.endswith("s") and not head.endswith(("ss", "'s", "\u2019s")) and head not in ("he", "his", "this")


_THAT_ANY_CASE_RE = re.compile("that", re.IGNORECASE)
_SKIP_TOKEN_RE = re.compile(r"[\s,]*([\w\-'\u2019]+|[^\w\s])")


_CLAUSE_SUBJECTS = frozenset("he she they we i".split())


def _that_within(text: str, pos: int, hi: int, max_tokens: int = 10) -> int | None:
    """End of a ``that`` within a few words after ``pos`` (``said on Tuesday that``), else None."""
    if _THAT_ANY_CASE_RE.search(text, pos, hi) is None:
        return None  # only ASCII letters lower to t, h, a: no token can be "that"
    return _walk_to_that(text, pos, hi, max_tokens)


def _walk_to_that(text: str, pos: int, hi: int, max_tokens: int = 10) -> int | None:
    """The token walk behind :func:`_that_within`, without its pre-filter."""
    i = 0
    relative = False  # "told reporters who had gathered that": a finite verb of a clause inside the walk
    while i < max_tokens:
        m = _SKIP_TOKEN_RE.match(text, pos, hi)
        if m is None:
            return None
        tok = m.group(1)
        low = tok.lower()
        if low == "that":
            if i >= 2 and not relative and _AUX_NEXT_RE.match(text, m.end(), hi):
                return None  # "promised tougher penalties for firms that would pollute": a relative "that"
            return m.end()
        if i == 0 and (low in _CLAUSE_SUBJECTS or low == "it"):
            return None  # "says he opposes X but that Y", "said it is hard to blame anyone for that":
            # the clause has begun, its "that" is later
        if low in _FINITE_AUX and not relative:
            return None  # "said the warning was indicative that": the content began before this "that"
        relative = relative or low in ("who", "which", "where", "when", "as", "if", "after", "before")
        core = tok.strip("-'\u2018\u2019\"\u201c\u201d")
        marks = not core
        if not (marks or core[0].isalnum()):
            return None
        i += not marks  # "said on NBC's ''Meet the Press'' on Sunday that": marks are no words
        pos = m.end()
    return None


def _clause_stop(text: str, pos: int, hi: int) -> int:
    """The next comma, semicolon or dash after ``pos``, or ``hi``: where a participle's phrase ends."""
    m = _PHRASE_STOP_RE.search(text, pos, hi)
    return m.start() if m is not None else hi


_PHRASE_STOP_RE = re.compile(r"[,;\u2014\u2013]|\s--\s")


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    """Whether any of the sorted, non-overlapping ``spans`` overlaps ``[a, b)``."""
    i = bisect_right(spans, (a, 1 << 62)) - 1
    i = max(i, 0)
    while i < len(spans) and spans[i][0] < b:
        if spans[i][1] > a:
            return True
        i += 1
    return False


def _overlapping(quotes: list, starts: list[int], a: int, b: int) -> list:
    """The quotes (sorted by start, non-overlapping) that overlap ``[a, b)``."""
    i = max(bisect_right(starts, a) - 1, 0)
    out = []
    while i < len(quotes) and quotes[i].start < b:
        if quotes[i].end > a:
            out.append(quotes[i])
        i += 1
    return out


#: A participle clause fronting its sentence: ``While saying``, ``After initially arguing``.
_FRONTED_ING_RE = re.compile(r"[\s\"\u201c]*(?:(?:Yet|But|And|So|Still),?\s+(?:while|after|before|by|without|upon|in|when|despite)"
                             r"|While|After|Before|By|Without|Upon|In|When|Despite)\s+(?:\w+ly\s+)?")
_FRONTED_ING_START_RE = re.compile(_FRONTED_ING_RE.pattern + r"\w+ing\b")
#: A sentence that opens with its question: ``Asked``, ``When asked``, ``After being asked``.
_ASKED_OPENS_RE = re.compile(r"[\s\"\u201c]*(?:(?:When|After|Once|If)\s+(?:being\s+)?)?")
#: ``Asked [by Matt Lauer] [on Fox News] (whether she had practiced her speech),``: the question,
#: up to the comma that ends the fronted clause.
_ASKED_FRONT_RE = re.compile(
    r"\s+(?:by\s+([A-Z][\w'\u2019.\-]*(?:\s+[A-Z][\w'\u2019.\-]*)*)\s+)?(?:[^,.;?\"\u201c]{0,60}?\s+)??"
    r"((?:whether|if|about|why|how|what|who|whom|which|where|when|to)\b"
    r"(?:[^,;.?!\"\u201c]|(?<=Mr|Ms|Dr|St|Jr)\.|(?<=Mrs|Sen|Rep|Gov)\.){3,200}?)(?=,)")
_NAME_RUN_RE = re.compile(r"[A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*)*")
_WHEN_ASKED_RE = re.compile(r"\s+(?:by\s+[^,.;]{1,40}?\s+)?((?:whether|if|about|why|how|what|who|which|where|when)\b)")
_WHEN_BEFORE_RE = re.compile(r"\b(?:[Ww]hen(?:ever)?|[Aa]fter|[Oo]nce|[Ii]f|being)\s+$")
#: ``The New York Times reported the email came ...``: a named source reports its content.
_REPORT_FORMS = frozenset("report reports reported".split())
#: Verbs through which evidence reports: ``a Quinnipiac poll shows ...``, ``the study found ...``.
_EVIDENCE_FORMS = frozenset("show shows showed shown find finds found suggest suggests suggested "
                            "indicate indicates indicated".split())


def _evidence_head(mention: Mention | None) -> bool:
    """Whether a mention is a poll, survey, study, data... (``A Fox News poll``)."""
    words = mention.text.split() if mention is not None else []
    return bool(words) and words[-1].lower().strip(".,") in EVIDENCE_NOUNS


def _reported(doc: _Doc, sent: tuple[int, int], taken: list[tuple[int, int]], cues_used: set):
    """Reported-speech candidates in a sentence: ``(content_start, content_end, cue_span, mention, addressee)``."""
    text = doc.text
    s0, s1 = sent
    body_end = s1
    while body_end > s0 and text[body_end - 1] in ".!?\"\u201d'\u2019) ":
        body_end -= 1
    out = []

    def free(a: int, b: int) -> bool:
        return not _overlaps(taken, a, b)

    # according to X, CONTENT  /  CONTENT, according to X.
    for acc in (_ACCORDING_RE.finditer(text, s0, s1) if _holds(text, "ccording", s0, s1) else ()):
        if not free(acc.start(), acc.end()):
            continue
        mention = find_np_after(text, acc.end(), s1)
        if mention is None:
            continue
        by = _BY_AUTHOR_RE.search(text, mention.start, min(s1, mention.end + 30))
        if by is not None and by.start() <= mention.end + 1:
            author = find_np_after(text, by.end(), s1)  # "according to a statement released by the bank"
            mention = author or mention
        comma = text.find(",", mention.end, s1)
        if text[s0:acc.start()].strip(" ,\"\u201c\u201d") and (comma < 0 or len(text[s0:acc.start()]) > 20):
            out.append((s0, acc.start(), (acc.start(), acc.end()), mention, None))
        elif comma >= 0:
            out.append((comma + 1, body_end, (acc.start(), acc.end()), mention, None))
    # As X said (on Monday), CONTENT
    fa = _AS_SAID_FRONT_RE.match(text, s0, s1)
    if fa is not None and free(fa.start(2), fa.end(2)) and body_end - fa.end() >= 8:
        cue_word = fa.group(2).lower()
        if cue_word.startswith("put") or cue_word in _AS_SAID_FORMS:  # not "As she spoke, the crowd cheered"
            out.append((fa.end(), body_end, (fa.start(2), fa.end(2)), Mention(fa.start(1), fa.end(1), fa.group(1)), None))
            cues_used.add((fa.start(2), fa.end(2)))
    # To Republican candidate Marco Rubio, CONTENT: whose view it is ("For Republicans, ..." is mostly
    # the writer's framing, so it stays out)
    tf = _TO_VIEW_RE.match(text, s0, s1)
    if tf is not None and free(tf.start(2), tf.end(2)) and body_end - tf.end() >= 8 and _viewer(tf.group(2)) \
            and len(text[tf.end():body_end].split()) >= 4:
        viewer = find_np_before(text, tf.end(2), tf.start(2), strict=False)
        if viewer is None or viewer.start != tf.start(2):
            viewer = Mention(tf.start(2), tf.end(2), tf.group(2))
        out.append((tf.end(), body_end, (tf.start(1), tf.end(1)), viewer, None))
    # In a Des Moines Register poll last month, CONTENT: the poll is the source
    poll = _POLL_INTRO_RE.match(text, s0, s1)
    if poll is not None and free(poll.start(), poll.end()) and body_end - poll.end() >= 8:
        out.append((poll.end(), body_end, (poll.start(1), poll.end(1)),
                    Mention(poll.start(2), poll.end(2), poll.group(2)), None))
    # X's announcement that CONTENT
    for nm in (_NOUN_CUE_RE.finditer(text, s0, s1) if _holds(text, "that", s0, s1) else ()):
        if not free(nm.start(), nm.end()):
            continue
        owner = _POSSESSOR_BEFORE_RE.search(text, max(s0, nm.start(1) - 30), nm.start(1))
        if owner is not None and re.search(r"\b(?:in|during|at)\s+$", text[max(s0, owner.start() - 8):owner.start()]):
            continue  # "stressing in her remarks that ...": the verb before carries the speech
        if owner is not None:  # "her remark that ...": the owner, resolved like a pronoun
            c1 = _content_end_before_main_verb(text, s0, owner.start(), nm.end(), body_end)
            out.append((nm.end(), c1, (nm.start(1), nm.end(1)),
                        Mention(owner.start(1), owner.end(1), owner.group(1)), None))
            continue
        mention = find_np_before(text, nm.start(1), s0)
        if mention is None:
            continue
        toks = mention.text.split()
        caps = [t for t in toks if t[:1].isupper() and t.lower() not in _DETERMINERS]
        if not caps:
            continue
        k = mention.text.index(caps[0])
        name_end = mention.start + mention.text.rindex(caps[-1]) + len(caps[-1])  # "Party leader Jim Smith"
        c1 = _content_end_before_main_verb(text, s0, mention.start, nm.end(), body_end)
        if k or name_end != mention.end:
            mention = Mention(mention.start + k, name_end, text[mention.start + k:name_end])
        out.append((nm.end(), c1, (nm.start(1), nm.end(1)), mention, None))
    # X is confident that CONTENT / X remained skeptical that CONTENT
    for pm in (_PREDICATE_CUE_RE.finditer(text, s0, s1) if _holds(text, "that", s0, s1) else ()):
        if not free(pm.start(), pm.end()):
            continue
        mention = find_np_before(text, pm.start(), s0)
        if mention is None or mention.text.lower() in ("it", "that", "this", "which", "what"):
            continue  # "it is certain that": nobody holds the view
        out.append((pm.end() - 4, body_end, (pm.start(), pm.end() - 5), mention, None))
    # X has been critical of CONTENT
    for pm in (_PREDICATE_OF_RE.finditer(text, s0, s1) if _holds(text, " of ", s0, s1) else ()):
        if not free(pm.start(), pm.end()):
            continue
        mention = find_np_before(text, pm.start(), s0)
        if mention is None or mention.text.lower() in ("it", "that", "this", "which", "what", "there"):
            continue
        stop = _OF_OBJECT_END_RE.search(text, pm.end(), body_end)
        c1 = stop.start() if stop is not None else body_end
        if c1 - pm.end() >= 2:
            out.append((pm.end(), c1, (pm.start(), pm.end("adj")), mention, None))
    # X sees Y as Z
    for va in (_VIEW_AS_RE.finditer(text, s0, s1) if _holds(text, " as ", s0, s1) else ()):
        if not free(va.start(), va.end()):
            continue
        mention = find_np_before(text, va.start(), s0)
        if mention is None or mention.text.lower() in ("it", "that", "this", "which", "what", "there", "i", "you"):
            continue
        stop = _OF_OBJECT_END_RE.search(text, va.end(), body_end)
        out.append((va.start(2), stop.start() if stop is not None else body_end, (va.start(1), va.end(1)), mention, None))
    # X said (that) CONTENT / X told Y (that) CONTENT / CONTENT, X said.
    question = None
    for m in _CUE_RE.finditer(text, s0, s1):
        if (m.start(), m.end()) in cues_used or not free(m.start(), m.end()):
            continue
        word = m.group().lower()
        if m.group()[0].isupper() and m.start() != s0 and not (
                word in _HEADLINE_CUES and _title_case_line(text, m.start())):
            continue  # a name (e.g. "Hope", "Post")
        if word.startswith(("speak", "spoke")) and _ANONYMITY_RE.match(text, m.end(), s1):
            continue  # "officials, speaking on condition of anonymity, said": how, not what
        if word.endswith("ing") and word in _SPEECH_OR_COGNITION and _FRONTED_ING_RE.fullmatch(text, s0, m.start()):
            # "While saying that he respects her, he refused": the fronted participle speaks for the
            # main clause's subject, and its content ends with the fronted clause
            comma = text.find(", ", m.end(), s1)
            that = _that_within(text, m.end(), s1, 2)
            c0 = that if that is not None else m.end() + len(text[m.end():s1]) - len(text[m.end():s1].lstrip())
            if comma > 0 and (that is not None or _clause_follows(text, m.end())):
                subject = _subject_at(doc, comma + 2, s1, mid_sentence=True)
                if subject is not None and comma - c0 >= 8:
                    out.append((c0, comma, (m.start(), m.end()), subject, None))
                    continue
        if word == "asked" and _ASKED_OPENS_RE.fullmatch(text, s0, m.start()):
            # "Asked (by X) (on Fox News) whether ..., he said": the question is reported, by X or by
            # someone the text does not name, and put to the main clause's subject
            front = _ASKED_FRONT_RE.match(text, m.end(), s1)
            if front is not None:
                asker = Mention(front.start(1), front.end(1), front.group(1)) if front.group(1) else None
                c0, c1 = front.start(2), front.end(2)
                put_to = find_np_after(text, front.end() + 1, s1)
                if put_to is not None:  # "Melania Trump smiled": the name, not its verb
                    name = _NAME_RUN_RE.match(put_to.text)
                    put_to = name.group() if name is not None else put_to.text
                question = (c0, c1, (m.start(), m.end()), asker, put_to)
                out.append(question)
                continue
        if word == "asked":
            wh = _WHEN_ASKED_RE.match(text, m.end(), s1)
            if wh is not None and _WHEN_BEFORE_RE.search(text, max(s0, m.start() - 14), m.start()):
                # "..., Christie said when asked whether he would ...": the question is reported,
                # by someone the text does not name
                c0 = wh.start(1)
                out.append((c0, _content_end(text, c0, body_end), (m.start(), m.end()), None, None))
                continue
        after = text[m.end():s1]
        mention = _participle_subject(doc, m, s0) or _and_subject(doc, m, s0) or \
            find_np_before(text, m.start(), s0, strict=word in STANCE_FORMS)
        by_agent = False
        if _PASSIVE_RE.search(text, max(s0, m.start() - 24), m.start()) is not None and word != "expected":
            # "Trump has been criticized by his rivals for ...": the agent after "by" speaks
            by = _BY_AGENT_RE.match(text, m.end(), s1)
            agent = None
            if by is not None:
                agent = find_np_after(text, by.end(), s1)
                phrase = _BY_PHRASE_RE.match(text, by.end(), s1)
                if phrase is not None and (agent is None or phrase.end() >= agent.end - 1):
                    agent = Mention(phrase.start(), phrase.end(), phrase.group())  # "by some of his rivals"
            if agent is not None and (agent.text.lower() not in _PRONOUNS or agent.text.lower() in _CLAUSE_SUBJECTS):
                theme, mention, by_agent = mention, agent, True
                whole = _BY_THEME_RE.match(text, s0, m.start())  # "The new zoning plan was"
                if whole is not None and (theme is None or whole.start(1) < theme.start):
                    theme = Mention(whole.start(1), whole.end(1), whole.group(1))
                if len(text[agent.end:body_end].strip(" ,;:")) < 8 and theme is not None and \
                        theme.end - theme.start >= 2:
                    # "The plan was endorsed by the governor": the passive subject is what was endorsed
                    out.append((theme.start, theme.end, (m.start(), m.end()), mention, None))
                    continue
            elif word in _THEME_PASSIVE_FORMS and _that_within(text, m.end(), s1, 4) is None:
                continue  # "a compromise could be found before ...": nobody finds or thinks here
        if mention is None and word.endswith("ing"):
            mention = _previous_cue_subject(text, s0, m.start()) or _sentence_subject(doc, m.start())
        if mention is None and text[max(s0, m.start() - 5):m.start()].rstrip().endswith(" and"):
            mention = _coordinated_subject(text, s0, m.start()) or \
                _sentence_subject(doc, m.start(), coordinated=True)  # "... and says he will"
        if mention is None:
            # inverted final cue: CONTENT, said X.
            pre = text[s0:m.start()].rstrip()
            if pre.endswith(",") and word in SPEECH_FORMS and len(pre) > 15:
                mention = find_np_after(text, m.end(), s1)
                if mention and (not text[mention.end:s1].strip(" .,\"\u201d")
                                or text[mention.end:mention.end + 1] == ","):
                    out.append((s0, len(pre) + s0 - 1, (m.start(), m.end()), mention, None))
            continue
        if mention.text.lower() in ("which", "that"):
            continue
        if not by_agent:
            mention = _infinitive_speaker(doc, s0, mention, m.start())
        if not by_agent and _PREP_BEFORE_RE.search(text, max(s0, mention.start - 12), mention.start) and not (
                word.endswith("ing") and _WITH_BEFORE_RE.search(text, max(s0, mention.start - 40), mention.start)):
            # "hit the airwaves with an ad focused on": an object, not the speaker
            mention = _sentence_subject(doc, m.start(), coordinated=True) or mention
        if word in _STANCE_LEMMAS and not _bare_verb_ok(text, mention, m.start()):
            continue  # "offering Lukashenko support": a noun, not "Lukashenko supports"
        # CONTENT, X said [in a statement | on Tuesday].  /  CONTENT, X said, CONTENT.
        pre = text[s0:mention.start].rstrip()
        if mention.text.lower() in ("who", "whom"):
            pre = ""  # "Maria Lopez, who has argued that ...": the antecedent, not fronted content
        if pre.endswith(",") and len(pre) > 5 and word in _SPEECH_OR_COGNITION and \
                _PARENTHETICAL_RE.match(text, m.end(), s1):
            paren = _PARENTHETICAL_RE.match(text, m.end(), s1)
            tail = _PARTICIPLE_TAIL_RE.match(text, paren.end() - 1)
            between = text[m.end():paren.end() - 1].strip(" ,").split()
            if tail is not None and tail.group(1) not in CUE_FORMS and tail.group(1) not in _PREPOSITION_INGS \
                    and (not between or between[0].lower() in _TIME_WORDS or between[0] in ("on", "in", "at")):
                # "CONTENT, official figures showed Friday, piling pressure on ...": the participle
                # is the reporter's, so the content ends before the attribution
                out.append((s0, s0 + len(pre) - 1, (m.start(), m.end()), mention, None))
                continue
            out.append((s0, body_end, (m.start(), m.end()), mention, None))  # fragments: _parenthetical_gap
            continue
        if pre.endswith(",") and (len(pre) > 20 or _short_statement(text, s0, s0 + len(pre) - 1)) and \
                _FRONTED_ING_START_RE.match(text, s0) is None and (
                word in _SPEECH_OR_BELIEVE or (
                word in _EVIDENCE_FORMS and _evidence_head(mention))):
            if not _THAT_AFTER_RE.search(text, m.end(), s1) and not re.match(r"\s*(?:that|,)", after):
                told = None
                if word in ADDRESSEE_FORMS:  # "CONTENT, he told the court."
                    told = find_np_after(text, m.end(), s1)
                rest = (text[told.end:s1] if told is not None else after).strip(" .\"\u201d")
                first = rest.split()[0].lower().strip(",") if rest.split() else ""
                if len(rest.split()) <= 8 and (not first or first in _PREPOSITIONS or first in _TIME_WORDS
                                               or (first.endswith("ly") and len(first) > 4)):
                    out.append((s0, s0 + len(pre) - 1, (m.start(), m.end()), mention,
                                told.text if told is not None else None))
                    continue
        addressee = None
        pos = mention.end if by_agent else m.end()
        if word in ADDRESSEE_FORMS and not by_agent:
            nxt = find_np_after(text, pos, s1)
            if nxt and nxt.text.lower() not in ("that",):
                cut = _CLAUSE_PRONOUN_RE.search(nxt.text, 1)  # "told host Chris Cuomo she believed"
                if cut is not None:
                    nxt = Mention(nxt.start, nxt.start + cut.start(), nxt.text[:cut.start()])
            if nxt and nxt.text.lower() not in ("that",) and _can_hear(nxt):
                addressee = nxt.text
                pos = nxt.end
        if word == "pledged" and text.startswith(" delegate", m.end()):
            continue  # "300 pledged delegates": an adjective
        if word == "called" and _NAMED_BEFORE_RE.search(text, max(s0, m.start() - 60), m.start()) and \
                _NAME_AFTER_RE.match(text, m.end(), s1):
            continue  # "a firm called Cambridge Analytica": a name given, not a call
        if word in _APOLOGY_FORMS and not by_agent:
            heard = _apology_addressee(text, pos, s1)
            if heard is not None:
                topic = _FOR_RE.match(text, heard.end, s1)
                if topic is None:
                    continue  # "apologised to his victims in a brief statement": no content
                addressee = text[heard.name_start:heard.end] if heard.name_start is not None else heard.text
                pos = topic.end()  # "apologised to the family for the delay": what for (PolNeAR keeps "for")
        if word in _TALK_FORMS:
            to = _TO_WITH_RE.match(text, pos, s1)  # "spoke to Dr. Emily Chen about the report"
            if to is not None:
                heard = find_np_after(text, to.end(), s1)
                if heard is not None and (heard.name_start is not None or heard.text[:1].isupper()
                                          or heard.text.lower() in _PRONOUNS
                                          or heard.text.rsplit(None, 1)[-1].lower() in _HEARER_HEADS):
                    topic = _ABOUT_RE.match(text, heard.end, s1)
                    if topic is None:
                        continue  # talking to someone says nothing by itself (not "speak with one voice")
                    addressee = text[heard.name_start:heard.end] if heard.name_start is not None else heard.text
                    pos = topic.end()
            nxt = _NEXT_WORD_RE.match(text[pos:s1])
            if nxt is not None and (nxt.group(1).lower() in _TALK_SETTING or nxt.group(1).lower() in _TIME_WORDS) \
                    and _TALK_TOPIC_RE.search(text, pos, _clause_stop(text, pos, body_end)) is None:
                continue  # "spoke in Phoenix on Wednesday", "spoke for 77 minutes": where and when, not what
                # (and "X, speaking in Brussels, said ... of ...": the topic is in another clause)
        if word.startswith("appear") and _APPEAR_SETTING_RE.match(text, pos, s1):
            continue  # "appeared on Fox News", "appeared together at a rally": a place, not a view
        if text[pos:s1].lstrip(" ").startswith(",") and mention is not None and \
                _SUBORDINATE_OPEN_RE.fullmatch(text, s0, mention.start):
            continue  # "As she spoke, the crowd cheered": the main clause is not what she said
        if word in STANCE_FORMS:
            # the object is the content: "X endorsed Y", "X declined to comment", "X referred to Y"
            after = text[pos:s1]
            c0 = pos + (len(after) - len(after.lstrip(" ,:")))
            if text.startswith("as ", c0):
                # "which X condemned as unconstitutional, observers think ...": the predicate ends
                # at the first comma, the rest is another clause
                k = text.find(",", c0, body_end)
                if k > 0:
                    out.append((c0, k, (m.start(), m.end()), mention, addressee))
                    continue
            pm = _PARTICLE_RE.match(text, c0, s1)
            if pm:
                c0 = pm.end()
            if body_end - c0 >= 2:
                out.append((c0, _content_end(text, c0, body_end), (m.start(), m.end()), mention, addressee))
            continue
        # skip adverbials up to "that" (said on Tuesday that, said in an interview that)
        that_end = None if word in _TO_FORMS and _INFINITIVE_NEXT_RE.match(text, pos, s1) else \
            _that_within(text, pos, s1)  # "vowed to block any deal that ...": the "that" is the deal's
        if that_end is not None and word in ADDRESSEE_FORMS and addressee is None and pos == m.end() \
                and _thing_object(text, pos, that_end):
            that_end = None  # "promised tougher penalties for companies that pollute": the object's "that"
        if that_end is not None:
            c0 = that_end
        else:
            after = text[pos:s1]
            nxt = _NEXT_WORD_RE.match(after)
            if not nxt:
                continue
            w = nxt.group(1).lower()
            passive = _PASSIVE_RE.search(text, max(s0, m.start() - 12), m.start()) is not None
            if passive and w == "to" and word in ("expected", "asked", "urged", "told", "encouraged"):
                pass  # "Trump is expected to win", "she was asked to leave"
            elif (word in _WEAK_FORMS or word in COGNITION_FORMS) and word not in _OBJECT_WEAK_FORMS \
                    and not (w == "to" and word in _TO_FORMS):  # "hopes to make a statement"
                if w not in ("he", "she", "they", "we", "i", "it", "there") and not (
                        word in _EVIDENCE_FORMS and _evidence_head(mention)) and not (
                        word in _REPORT_FORMS and mention.text[:1].isupper() and w not in _PREPOSITIONS) and not (
                        word == "citing" and text[max(s0, m.start() - 2):m.start()].strip() == ",") and not (
                        (word in _BELIEF_FORMS or word in _CLAUSE_SPEECH_FORMS) and w not in _NOT_CLAUSE and w not in _PREPOSITIONS
                        and not after.lstrip(" ").startswith(",") and _finite_verb_ahead(text, pos + nxt.start(1), s1)
                        and not _QUESTION_BEFORE_RE.search(text, max(s0, mention.start - 10), mention.start)):
                    continue  # but "a poll shows Sanders leading": evidence shows its content;
                    # "Democrats believe the drumbeat will grow": a belief holds a clause
            c0 = pos + (len(after) - len(after.lstrip(" ,:")))
            if word in _ASK_FORMS and w in _ASK_OK or (addressee and w == "to") or (passive and w == "to") \
                    or (w == "to" and word in _TO_FORMS):
                pass
            elif w == "about" and _NUMBER_AFTER_RE.match(text, nxt.end() + pos, s1):
                pass  # "said about 20 people have ..."
            elif w == "to" and word in _RESPOND_FORMS and _REQUEST_RE.match(text, pos + nxt.end(), s1):
                c0 = pos + nxt.end()  # "did not respond to a request for comment": the request is answered, or not
            elif w in _PREPOSITIONS and word in SPEECH_FORMS:
                pp = _PP_THEN_SUBJECT_RE.match(text, c0, s1)  # "said after the convention he would"
                if pp is None:
                    continue
                c0 = pp.start(1)
            elif w in _PREPOSITIONS or (w.endswith("ly") and len(w) > 4):
                continue
            elif w in _NOT_CLAUSE and not (w in _CLAUSE_OPENERS and word in SPEECH_FORMS
                                           and (w not in _PARTICLES or text.startswith("-", pos + nxt.end()))
                                           and _finite_verb_ahead(text, c0, s1)):
                continue  # "said so", "said nothing"; but "said those emails were", "said more than 1 million donors made"
            if word.endswith("ing") and w in _DETERMINERS and not _finite_verb_ahead(text, c0, s1):
                continue  # "saying the words" is an object, not a clause; "saying the law violated" is one
        c0 = c0 + (len(text[c0:s1]) - len(text[c0:s1].lstrip(" ,:")))
        if body_end - c0 < 2:
            continue
        out.append((c0, _content_end(text, c0, body_end), (m.start(), m.end()), mention, addressee))
    # "During the two-hour service, the pastor asked ...": a fronted adverbial is no statement
    out = [c for c in out if c[2][0] < c[1] or "," not in text[c[1]:c[2][0] + 1] or not _verbless_phrase(text, c[0], c[1])]
    if question is not None:
        # the fronted question is nobody else's content ("When asked whom she supported, she declined
        # to answer"), and a verb inside it does not reach past it ("whom she supported, she ...")
        q0, q1 = question[2][0], question[1]
        out = [c for c in out if c is question or not (
            (q0 < c[2][0] < q1 and c[1] > q1 + 1) or (not q0 < c[2][0] < q1 and c[0] < q1 and c[1] <= q1 + 1))]
    return [_object_before_relative(text, _relative_clause_end(text, c)) for c in out]


#: ``Cruz, a graduate of Harvard Law School who ...``: the relative clause sits inside an appositive.
_APPOSITIVE_WHO_RE = re.compile(r"[A-Z][\w\-'\u2019]*,[ \t]+(?:a|an|the)[ \t]+[^,;.!?\n\"\u201c\u201d]+$")


def _thing_object(text: str, pos: int, that_end: int) -> bool:
    """Whether a cue that takes a hearer has, before its ``that``, an object no one could hear
    (``promised tougher penalties for ... that``; not ``warned last week that``)."""
    np_ = find_np_after(text, pos, that_end)
    if np_ is None or _can_hear(np_):
        return False
    words = np_.text.lower().split()
    return words[0] not in _TIME_WORDS and words[-1] not in _TIME_WORDS and words[0] not in _PREPOSITIONS \
        and not words[-1].endswith("ly")


def _can_hear(np_: Mention) -> bool:
    """Whether a noun phrase after ``told``/``promised`` can be someone talked to: a pronoun, a
    name, or a person or group noun (``promised tougher penalties`` names no hearer)."""
    words = np_.text.split()
    head = words[-1].lower()
    return np_.name_start is not None or any(w[:1].isupper() for w in words) or head in _PRONOUNS \
        or head in _OBJECT_PRONOUNS or head in _HEARER_HEADS or head in PERSON_NOUNS or head in _BODY_HEARERS \
        or head.endswith(_HEARER_SUFFIXES)


def _apology_addressee(text: str, pos: int, s1: int):
    """The one apologised to (``to his victims``), or None when no ``to`` follows the cue."""
    heard = None
    to = _TO_RE.match(text, pos, s1)
    while to is not None and (heard is None or to.group().lstrip().startswith("and")):
        nxt = find_np_after(text, to.end(), s1)  # "to his supporters and to Hillary Clinton"
        if nxt is None:
            break
        heard = nxt if heard is None else Mention(heard.start, nxt.end, text[heard.start:nxt.end])
        to = _TO_RE.match(text, nxt.end, s1)
    return heard


def _object_before_relative(text: str, cand: tuple) -> tuple:
    """``rebuked critics who claimed that ...``: a stance's object ends before a relative clause that
    has its own cue, so that clause is a statement of its own."""
    c0, c1, cue, mention, addressee = cand
    if text[cue[0]:cue[1]].lower() not in STANCE_FORMS:
        return cand
    for rel in _WHO_RE.finditer(text, c0, c1):
        nxt = _CUE_RE.search(text, rel.end(), min(c1, rel.end() + 30))
        if nxt is not None and not text[rel.end():nxt.start()].strip(" ").count(" ") > 2:
            end = len(text[:rel.start()].rstrip(" ,"))
            return cand if end - c0 < 2 else (c0, end, cue, mention, addressee)
    return cand


_WHO_RE = re.compile(r",?\s+(?:who|which)\s")


def _relative_clause_end(text: str, cand: tuple) -> tuple:
    """``X, who backed Y in 2012, said Z``: the content of a cue inside a relative clause set off
    by commas ends at the clause's closing comma, before the main clause's statement."""
    c0, c1, cue, mention, addressee = cand
    if mention is None or mention.text.lower() != "who":
        return cand
    if not text[max(0, mention.start - 3):mention.start].rstrip().endswith(",") and \
            not _APPOSITIVE_WHO_RE.search(text, max(0, mention.start - 100), mention.start):
        return cand
    k = text.find(",", c0, c1)
    return cand if k < 0 else (c0, k, cue, mention, addressee)


# ----------------------------------------------------------------------------------------------
# The pipeline
# ----------------------------------------------------------------------------------------------


_COLON_SPEAKER_RE = re.compile(
    r"((?:[A-Z][\w.\-'\u2019]*|of|the)(?:[ \t]+(?:[A-Z][\w.\-'\u2019]*|of|the|camp)){0,4}?)[ \t]*:[ \t]+(?=\S)"
)
_COLON_VERBS = frozenset("is are was were be in on at to for with by from as it this that".split())
#: Paragraph openers with a colon that do not name a speaker.
_NOT_COLON_SPEAKERS = frozenset(
    """by from posted written reporting update updated note editor editor's editors related read
    photo photos watch source sources transcript abstract full video getty contact follow email tags share question answer
    warning breaking exclusive analysis opinion correction clarification disclosure listen
    see also more the this here previously earlier later why what how who when where top byline
    contributing contributors paid twitter facebook instagram look revealed""".split()
)
#: Words that name a column, newsletter or feature before a colon, not a speaker.
_COLUMN_WORDS = frozenset(
    """daily update updates newsletter briefing digest roundup playbook live blog podcast weekly wrap recap
    timeline factbox explainer""".split())


def _strip_s(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "\u2019s")) else word


#: ``Iowa: Tim Albrecht, Brad Anderson, Rob Barron, ...``: a list of names after a colon, not speech.
_NAME_LIST_RE = re.compile(r"(?:[A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,3},\s+){2,}")


_SINGLE_OPEN = "\u2018'"
_SINGLE_CLOSE = "\u2019'"
_DOUBLE_TO_SINGLE = str.maketrans({'"': "'", "\u201c": "\u2018", "\u201d": "\u2019"})
#: Word-initial apostrophes that open no quote (``'90s``, ``'em``, ``'til``, ``rock 'n' roll``).
_ELISION_RE = re.compile(r"[\u2018'](?:\d0s\b|\d\d\b|em\b|til\b|cause\b|n\b|tis\b|twas\b|bout\b)", re.IGNORECASE)


def _single_quote_pairs(text: str) -> list[tuple[int, int | None]]:
    """British-style quotation marks (``\u2018We will not back down,\u2019 she said``): the offsets of
    each opening single mark and of its closing mark (``None``: a paragraph that opens a quote
    and leaves it for the next paragraph to continue), told from apostrophes by position."""
    pairs: list[tuple[int, int | None]] = []
    for ps, pe in paragraph_spans(text):
        i = ps
        while i < pe:
            c = text[i]
            prev = text[i - 1] if i > ps else " "
            if c in _SINGLE_OPEN and (prev.isspace() or prev in "([{\u2014\u2013-/\u201c\"") and \
                    i + 1 < pe and (text[i + 1].isalnum() or text[i + 1] in ".\u2026") and \
                    text[i - 1:i + 1] != "''" and text[i:i + 2] != "''" and _ELISION_RE.match(text, i) is None:
                close = _single_close(text, i + 1, pe)
                if close is not None:
                    pairs.append((i, close))
                    i = close + 1
                    continue
                if i == ps or not text[ps:i].strip(" \t\u00a0\u2014-"):
                    pairs.append((i, None))  # a quote running on into the next paragraph
                break
            i += 1
    return pairs


def _single_close(text: str, lo: int, hi: int) -> int | None:
    """The closing single mark of a quote opened before ``lo``: after a word or punctuation and
    before a space or punctuation, skipping a plural possessive (``voters\u2019 choice``) when a
    mark after punctuation follows before the next opening one."""
    first_possessive = None
    for j in range(lo, hi):
        c = text[j]
        if c in _SINGLE_OPEN and j > lo and text[j - 1].isspace() and j + 1 < hi and text[j + 1].isalnum() \
                and c not in _SINGLE_CLOSE:
            break  # another quote opens: this one was never closed
        if c not in _SINGLE_CLOSE:
            continue
        before, after = text[j - 1], text[j + 1] if j + 1 < hi else " "
        if not (before.isalnum() or before in ".,!?;:\u2026\u2014-)"):
            continue
        if not (after.isspace() or after in ".,;:!?)]}\u2014\u2013-\"\u201d"):
            continue  # "don\u2019t": an apostrophe inside a word
        if before == "s" and after == " " and j + 2 < hi and text[j + 2].islower():
            first_possessive = j if first_possessive is None else first_possessive
            continue  # "the voters\u2019 choice", or the end of a partial quote: decided below
        return j
    return first_possessive


_STRAIGHT_OPEN_RE = re.compile(r"(?:^|(?<=[\s(\[{\u2014\u2013/-]))'(?=\w)")


def _single_quote_shadow(text: str) -> str | None:
    """The text with British-style single quotation marks swapped for double ones (and double
    marks, there nested quotes, for single ones), character for character so every offset holds;
    ``None`` when the article quotes with double marks."""
    if "\u2018" not in text and "'" not in text:
        return None
    doubles = sum(text.count(c) for c in '"\u201c\u201d') + text.count("''")
    openers = text.count("\u2018") + len(_STRAIGHT_OPEN_RE.findall(text))
    if doubles > openers:
        return None  # more double marks than single marks could pair: a double-quoted article
    found = _single_quote_pairs(text)
    closed = sum(b is not None for _, b in found)
    if not closed or doubles > closed:
        return None
    chars = list(text.translate(_DOUBLE_TO_SINGLE))
    for a, b in found:
        chars[a] = "\u201c" if text[a] == "\u2018" else '"'
        if b is not None:
            chars[b] = "\u201d" if text[b] == "\u2019" else '"'
    return "".join(chars)


def _text_of(article_or_text) -> str:
    if isinstance(article_or_text, str):
        return article_or_text
    text = getattr(article_or_text, "text", None)
    if isinstance(text, str):
        return text
    from helpers.errors import InputError

    raise InputError(
        f"extract_quotes needs a str or an Article, not {type(article_or_text).__name__}"
    )


def spoken_text(text: str, start: int, fragments=None, gap: str | None = None) -> str:
    """What the speaker said in a quote row whose ``text`` starts at ``start``: the row's
    ``fragments`` only, the attribution between them (``," he said. "``) left out.

    With ``gap=None`` the rest is blanked to spaces, so offsets stay those of ``text`` (scoring
    and evidence spans); with a ``gap`` string the fragments are joined by it (display).

    >>> spoken_text('A," he said. "B.', 0, [(0, 2), (14, 16)])
    'A,            B.'
    >>> spoken_text('A," he said. "B.', 0, [(0, 2), (14, 16)], gap=" … ")
    'A, … B.'
    """
    if fragments is None or len(fragments) < 2:
        return text
    parts = [(max(0, int(a) - start), max(0, int(b) - start)) for a, b in fragments]
    if gap is not None:
        return gap.join(text[a:b] for a, b in parts)
    out, pos = [], 0
    for a, b in parts:
        out.append(" " * (a - pos))
        out.append(text[a:b])
        pos = b
    out.append(" " * (len(text) - pos))
    return "".join(out)


def spoken_texts(quotes: pd.DataFrame, gap: str | None = None) -> list[str]:
    """:func:`spoken_text` of every row of a quote table (its ``text`` where it has no
    ``fragments``)."""
    texts = quotes["text"].tolist()
    if "fragments" not in quotes.columns or "start" not in quotes.columns:
        return texts
    return [t if not isinstance(f, (list, tuple, np.ndarray)) or len(f) < 2 or not isinstance(t, str)
            else spoken_text(t, int(s), f, gap)
            for t, s, f in zip(texts, quotes["start"].tolist(), quotes["fragments"].tolist())]


def fragment_spans(quotes: pd.DataFrame) -> list[list[tuple[int, int]]]:
    """Per row of a quote table, the ``(start, end)`` spans of what was said: its ``fragments``,
    or ``[(start, end)]`` for a table without them; ``[]`` where the offsets are missing."""
    starts, ends = quotes["start"].tolist(), quotes["end"].tolist()
    frags = quotes["fragments"].tolist() if "fragments" in quotes.columns else [None] * len(starts)
    out = []
    for s, e, f in zip(starts, ends, frags):
        if isinstance(f, (list, tuple, np.ndarray)) and len(f):
            out.append([(int(a), int(b)) for a, b in f])
        elif pd.isna(s) or pd.isna(e):
            out.append([])
        else:
            out.append([(int(s), int(e))])
    return out


def empty_quotes() -> pd.DataFrame:
    """An empty quote table with the contract's columns and dtypes."""
    return _frame([])


def extract_quotes(article_or_text) -> pd.DataFrame:
    """Every quote of an article (direct, partial, indirect) with its cue and resolved speaker.

    Accepts a ``str`` or a ``helpers.article.Article`` (its ``text``); offsets are into that text.
    Never raises on odd text; an article without quotes gives an empty table with the columns.
    """
    text = _text_of(article_or_text)
    if not text.strip():
        return empty_quotes()
    shadow = _single_quote_shadow(text)
    if shadow is not None:  # British style: read with the marks swapped, report the article's text
        quotes = _extract(shadow, None if isinstance(article_or_text, str) else article_or_text)
        return _with_text_of(quotes, text)
    return _extract(text, None if isinstance(article_or_text, str) else article_or_text)


def _with_text_of(quotes: pd.DataFrame, text: str) -> pd.DataFrame:
    """A quote table read from a shadow of ``text`` (same length), its strings cut from ``text``."""
    if quotes.empty:
        return quotes
    quotes["text"] = [text[int(a):int(b)] for a, b in zip(quotes["start"], quotes["end"])]
    for col, a_col, b_col in (("cue", "cue_start", "cue_end"), ("speaker_mention", "speaker_start", "speaker_end")):
        quotes[col] = [text[int(a):int(b)] if not pd.isna(a) else v
                       for v, a, b in zip(quotes[col], quotes[a_col], quotes[b_col])]
    return quotes


def _extract(text: str, article) -> pd.DataFrame:
    """``extract_quotes`` on a text whose quotation marks are double ones."""
    doc = _Doc(text, article)
    quoted = _quoted_spans(doc)
    quotes = _attribute_quoted(doc, quoted)
    cues_used = {q.cue for q in quotes if q.cue}
    taken = [(q.open_pos if q.open_pos is not None else q.start,
              (q.close_pos + _mark_len(text, q.close_pos)) if q.close_pos is not None else q.end)
             for q in quotes
             if q.kind == "direct"]
    # reported speech, sentence by sentence
    reported: list[_Quote] = []
    cue_starts = [m.start() for m in _CUE_RE.finditer(text)]
    q_starts = [q.start for q in quotes]
    taken.sort()
    for si, sent in enumerate(doc.sentences):
        k = bisect_right(cue_starts, sent[0] - 1)
        if (k >= len(cue_starts) or cue_starts[k] >= sent[1]) and not _holds(text, "ccording", *sent) \
                and (not _holds(text, "that", *sent) or (_NOUN_CUE_RE.search(text, *sent) is None
                                                         and _PREDICATE_CUE_RE.search(text, *sent) is None)) \
                and _POLL_INTRO_RE.match(text, *sent) is None \
                and (not _holds(text, " of ", *sent) or _PREDICATE_OF_RE.search(text, *sent) is None) \
                and (not _holds(text, " as ", *sent) or _VIEW_AS_RE.search(text, *sent) is None) \
                and (not _holds(text, " put", *sent) or _AS_SAID_FRONT_RE.match(text, *sent) is None) \
                and _TO_VIEW_RE.match(text, *sent) is None:
            continue  # no cue in this sentence
        cands = _reported(doc, sent, taken, cues_used)
        last_end = -1
        last = None
        for c0, c1, cue, mention, addressee in sorted(cands, key=lambda c: (c[0], -c[1])):
            c0, c1 = _trim(text, c0, c1)
            if c1 - c0 < 8 and not _short_content_ok(text, c0, c1, cue):
                continue
            if c0 > cue[1]:
                c1 = _tail_clause_cut(text, c0, c1, text[cue[0]:cue[1]].lower() not in STANCE_FORMS)
            if c0 < last_end and last is not None and mention is not None and last.cue[1] <= sent[0] + 12 and \
                    last.start < cue[0] and c1 <= last.end and text[last.cue[0]:last.cue[1]].lower() == "asked":
                pass  # "Asked if he thought that email went too far,": the question and the belief it asks about
            elif c0 < last_end:
                # a statement inside the previous one's content ("X wanted A, Y said B"): the outer
                # content ends before the inner speaker, and the inner statement is kept
                if last is None or mention is None or text[cue[0]:cue[1]].lower() == "asked" or \
                        not _nested_statement(text, last, cue, mention, c1):
                    continue
                new_end = _trim(text, last.start, _cut_before(text, last.start, mention.start))[1]
                if new_end - last.start < 8:
                    continue  # "X said he was advised to ...": the inner clause is the outer's content
                last.end = new_end
                last_end = last.end
            near = _overlapping(quotes, q_starts, c0, c1 + 2)
            inner = [q for q in near if q.kind in ("partial", "direct") and c0 <= q.start and
                     (q.end <= c1 + 2 or (q.kind == "partial" and q.start < c1))  # runs past a full stop inside it
                     and (q.cue is None or q.cue == cue or _cue_inside(text, q, c0)
                          or cue[1] <= q.cue[0] < q.cue[1] <= c0)]  # "hit back, saying ... that"
            if inner:
                for q in inner:
                    opens_content = q.open_pos is not None and q.open_pos <= c0 + 1
                    q.kind = "direct" if opens_content and q.kind == "direct" else "partial"
                    q.cue, q.mention, q.addressee = cue, mention, addressee
                    q.attribution = -1  # regrouped by cue
                last_end = c1
                continue
            clash = [q for q in near if q.kind == "direct" and q.start < c1 and c0 < q.end]
            if clash:
                first = min((q.open_pos if q.open_pos is not None else q.start) for q in clash)
                if first <= c0:
                    continue
                c0, c1 = _trim(text, c0, first)
                k = _CUE_RE.search(text, c0, c1)  # "... Bratton and said, "Who ...": drop "and said,"
                if k is not None:
                    c1 = _trim(text, c0, _AND_BEFORE_RE.sub("", text[c0:k.start()]).__len__() + c0)[1]
                while c1 > c0 and text[c1 - 1] in ",:;\u2014- ":
                    c1 -= 1
                if c1 - c0 < 8:
                    continue
            r = _Quote(c0, c1, "indirect", 0.7, None, None, doc.sent_par[si], cue, mention, addressee)
            reported.append(r)
            last_end = c1
            last = r
    # "Clinton camp: Trump's plan threatens security" / transcripts "FALLIN: Well, I think ..."
    for pi, (ps, pe) in enumerate(doc.paragraphs):
        m = _COLON_SPEAKER_RE.match(text, ps, pe)
        if m is None or m.group(1).split()[0].rstrip(".:").lower().replace("\u2019", "'") in _NOT_COLON_SPEAKERS:
            continue
        if _NAME_LIST_RE.match(text, len(text[:m.end()]) + len(text[m.end():pe]) - len(text[m.end():pe].lstrip())):
            continue
        if any(w.lower() in _COLON_VERBS for w in m.group(1).split()[1:]):
            continue  # "FIX IS IN: ...": a headline phrase, not a speaker
        if _strip_s(m.group(1).split()[-1].lower()) in _COLUMN_WORDS:
            continue  # "Breitbart News Daily:", "Delegate Update:", "Monday's Morning Email:": a column's name
        c0 = m.end()
        line_end = text.find("\n", c0, pe)
        c1 = _trim(text, c0, pe if line_end < 0 else line_end)[1]
        if c1 - c0 < 8 or any(a < c1 and c0 < b for a, b in taken) or any(
                r.start < c1 and c0 < r.end for r in reported):
            continue
        colon = text.index(":", m.end(1))
        mention = Mention(m.start(1), m.end(1), m.group(1))
        reported.append(_Quote(c0, c1, "indirect", 0.6, None, None, pi, (colon, colon + 1), mention))
    # drop unattributed short quoted spans that are scare quotes / titles
    kept = []
    for q in quotes:
        if q.kind == "partial" and q.cue is None:
            if "speech_cue" not in q.extra:
                continue  # a scare quote or a title
            q.cue = q.extra["speech_cue"]  # '..., saying she is experienced "on paper"': speech, speaker unknown
        kept.append(q)
    rows = sorted(kept + reported, key=lambda q: (q.start, q.end))
    for q in rows:
        if q.mention is not None:
            q.mention = _agent_mention(doc, q.mention)
            if q.cue is not None:
                q.cue, q.mention = _speaker_of_cue(doc, q.cue, q.mention)
    return _assemble(doc, rows)


_LONE_PARTICLES = frozenset("down up back off out away on in over".split())
_SHORT_OBJECTS_NOT = frozenset("it this that so here there first too".split())


def _short_content_ok(text: str, c0: int, c1: int, cue: tuple[int, int]) -> bool:
    """A content under eight characters is a statement only as a stance's object or an answer:
    "declined to comment", "endorsed her", "said no"; not "backing down", "spoke first", "claimed it"."""
    content = text[c0:c1].lower()
    if c1 - c0 < 2 or content in _LONE_PARTICLES or content in _SHORT_OBJECTS_NOT:
        return False
    cue_text = text[cue[0]:cue[1]].lower()
    return content in ("yes", "no") or cue_text in STANCE_FORMS or cue_text.rsplit(None, 1)[-1] in _ATTITUDE_ADJECTIVES


def _cue_inside(text: str, q: _Quote, c0: int) -> bool:
    """A partial quote whose own cue is a verb of thought or stance inside the reported content
    (``says she really thinks Cruz can win if he keeps "doing what he's doing"``): the words are
    the outer speaker's; a verb of saying there (``said Trump called it "a disaster"``) keeps its own."""
    return c0 <= q.cue[0] and q.cue[1] <= q.start and text[q.cue[0]:q.cue[1]].lower() in _THOUGHT_FORMS


_THOUGHT_FORMS = COGNITION_FORMS | frozenset(_inflect("want"))


def _speaker_of_cue(doc: _Doc, cue: tuple[int, int], mention: Mention) -> tuple[tuple[int, int], Mention]:
    """The cue and speaker a statement reports once the mention found next to its cue is read in
    its clause: a pronoun inside an outer statement (``X said he wanted``), a message described by
    an ``-ing`` cue (``Clinton's speech denouncing``), a verb taking the ``-ing`` cue (``kept asking``)."""
    text = doc.text
    last = mention.text.rsplit(None, 1)[-1]
    if mention.text.lower() in _CLAUSE_SUBJECTS:
        return _outer_statement(doc, cue, mention) or (cue, mention)
    ing = text[cue[0]:cue[1]].endswith("ing")
    if ing and 0 <= cue[0] - mention.end <= 2 and last.lower() in _MESSAGE_HEADS:
        return cue, _message_author(doc, mention) or mention
    if ing and 0 <= cue[0] - mention.end <= 2 and mention.text[:1].islower() and \
            mention.text.lower() not in _PRONOUNS:
        verb = _VERB_BEFORE_OBJECT_RE.search(text, max(0, mention.start - 30), mention.start)
        if verb is not None and verb.group(1).lower() not in _CATENATIVE:
            # "The senator emailed supporters saying": the object of a verb does not speak
            s0 = doc.sentences[doc.sentence_of(mention.start)][0]
            subject = find_np_before(text, verb.start(1), s0, strict=False)
            if subject is not None and subject.text.lower() not in ("which", "that", "it", "who"):
                return cue, subject
    if ing and last in _CATENATIVE:
        # "Republicans have begun urging", "Senator Grant kept asking": the verb's subject
        head = mention.text.rpartition(" ")[0]
        if head:
            return cue, Mention(mention.start, mention.start + len(head), head)
        s0 = doc.sentences[doc.sentence_of(mention.start)][0]
        return cue, find_np_before(text, mention.start, s0, strict=False) or mention
    return cue, mention


_VERB_BEFORE_OBJECT_RE = re.compile(r"\b([a-z]+ed|told|sent|wrote|gave|met|took|urged|thanked)\s+$")
#: Verbs that take an ``-ing`` complement: a mention starting with one is a verb phrase, not a speaker.
_CATENATIVE = frozenset(
    "begun began begin begins kept keep keeps started start starts continued continue continues spent "
    "spend spends remember remembers stopped stop stops left".split()
)
#: What carries words without saying them: ``a statement condemning``, ``ads praising``.
_MESSAGE_HEADS = frozenset(
    "statement statements email emails message messages letter letters memo ad ads spot spots video videos "
    "report release speech call post cover signs petition response tweet tweets op-ed footage photos "
    "cable commercial commercials mailer mailers note".split()
)
_OWNER_BEFORE_RE = re.compile(r"((?:[A-Z][\w.\-]*\s+){0,3}[A-Z][\w.\-]*)['\u2019]s?\s+(?:[\w\-]+\s+){0,2}$")


def _message_author(doc: _Doc, mention: Mention) -> Mention | None:
    """``Clinton's speech denouncing ...`` / ``Trump fired back a response saying ...``: the author
    of a message that an ``-ing`` cue describes: its owner, else the subject of its clause."""
    text = doc.text
    s0 = doc.sentences[doc.sentence_of(mention.start)][0]
    head_start = mention.end - len(mention.text.rsplit(None, 1)[-1])
    own = _OWNER_BEFORE_RE.search(text, max(s0, mention.start - 60), head_start)  # "Clinton's Tuesday speech"
    if own is not None:
        return Mention(own.start(1), own.end(1), own.group(1))
    agent = _coordinated_subject(text, s0, mention.start)
    if agent is None or agent.text.lower() in ("which", "that", "who", "it"):
        return None
    return agent


_OUTER_CUE_RE = re.compile(r"\b([a-z]+)(?:\s+that)?\s+$")


def _outer_statement(doc: _Doc, cue: tuple[int, int], mention: Mention):
    """``X said he wanted "..."``: a pronoun subject right after a speech verb speaks inside the
    outer statement, which is what the quote reports: cue and speaker of that verb, else None."""
    text = doc.text
    if not (mention.end <= cue[0] < mention.end + 40):
        return None
    m = _OUTER_CUE_RE.search(text, max(0, mention.start - 20), mention.start)
    if m is None or m.group(1) not in SPEECH_FORMS or m.group(1) in ADDRESSEE_FORMS or m.group(1) in _ASK_FORMS:
        return None
    s0 = doc.sentences[doc.sentence_of(m.start(1))][0]
    outer = _OuterCue(m.start(1), m.end(1), m.group(1))
    speaker = _participle_subject(doc, outer, s0) or _and_subject(doc, outer, s0) or \
        find_np_before(text, m.start(1), s0, strict=False)
    if speaker is None or speaker.text.lower() in ("which", "that", "who", "it"):
        return None
    return (m.start(1), m.end(1)), _agent_mention(doc, speaker)


class _OuterCue:
    """A cue found by hand, with the ``re.Match`` methods the subject finders use."""
    __slots__ = ("_start", "_end", "_word")

    def __init__(self, start: int, end: int, word: str):
        self._start, self._end, self._word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._word


_ISSUED_RE = re.compile(r"\b(?:issued|released|sent|posted|put out|published|tweeted|wrote|"
                        r"e-?mailed|circulated|distributed|filed|started|launched|unveiled|delivered|gave|aired|"
                        r"ran|sent out|fired back|cut)\s+$", re.IGNORECASE)
_DOCUMENT_HEADS = frozenset(
    "statement statements release letter memo memorandum email e-mail tweet tweets message note "
    "post video ad advertisement op-ed editorial report speech petition ads".split()
)
_PARTICIPLE_RE = re.compile(r"[A-Z][a-z]{2,}ing$")
_COMMON_ING = frozenset(
    """having being speaking citing holding joining running continuing arriving making taking
    following responding rattling addressing appearing asked answering writing talking
    standing sitting pointing referring noting adding saying campaigning testifying
    visiting returning facing touring praising attacking criticizing defending warning""".split()
)


#: Sentence adverbs and time words a capitalised-word search takes for a name.
_FLOATING_WORDS = frozenset("both all each almost always never also still often already just even long once".split())
_CONTROL_VERB_FORMS = frozenset(f for lemma in """allow require force urge help convince watch hold beg ask tell
    let make lead cause prompt encourage push enable permit get want expect invite persuade depict leave
    see hear""".split() for f in _inflect(lemma)) | {"begged", "begging", "letting", "getting"}
_ADVERB_COMMA_RE = re.compile(r"(?:\s+so)?,")
_NOT_AGENT_WORDS = frozenset(
    """nevertheless nonetheless however meanwhile instead still yet also indeed moreover furthermore
    thus therefore so then now today yesterday tonight earlier later afterwards finally eventually
    initially overall separately similarly additionally alternatively regardless accordingly
    consequently otherwise likewise besides anyway perhaps maybe apparently clearly obviously rather even
    absent plus hence admittedly frankly honestly ironically sadly luckily first second third lastly next
    ultimately fortunately unfortunately interestingly notably importantly specifically basically
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


_NAME_AFTER_DESCRIPTION_RE = re.compile(
    r",[ \u00a0]+((?:(?:Mr|Mrs|Ms|Dr)\.[ \u00a0]+)?[A-Z][\w'\u2019\-]+(?:[ \u00a0]+(?:[A-Z]\.|[A-Z][\w'\u2019\-]+)){0,3})"
    r"(?=,|[ \u00a0]+(?:said|says|told|tells|added|adds|wrote|writes|explained|noted|recalled)\b|\.?$|\.\s)"
)
_NP_GAP_RE = re.compile(r"[\w'\u2019\-.]+(?:[ \u00a0]+[\w'\u2019\-.]+)*")
_GAP_STOP_WORDS = frozenset("and but or that who which as when while if because so then he she they we i it".split())
_COORDINATED_DESCRIPTION_RE = re.compile(r"(?:[Tt]he|[Aa]n?)\s+(?:[\w'\u2019\-]+\s+){0,4}[\w'\u2019\-]+\s+and")
_DESCRIPTION_RE = re.compile(r"(?:[a-z][\w'\u2019\-]*\s+){0,4}[a-z][\w'\u2019\-]*")
_ACCORDING_BEFORE_RE = re.compile(r"\b(?:[Aa]ccording to|[Ff]rom|[Ii]n)\s+$")
_NOT_NAME_WORDS = frozenset("i he she they we it but and or if when as who which that the this".split())


def _agent_mention(doc: _Doc, mention: Mention) -> Mention:
    """The agent behind a mention that is not one: ``X issued a statement saying`` -> X;
    ``Holding signs ..., the protesters chanted`` -> the protesters (a participle opens the sentence)."""
    text = doc.text
    words = mention.text.split()
    if not words:
        return mention
    head = words[-1].lower()
    if head in _DOCUMENT_HEADS and words[0].lower() in ("a", "an", "the"):
        verb = _ISSUED_RE.search(text, max(0, mention.start - 24), mention.start)
        if verb is not None:
            s0 = doc.sentences[doc.sentence_of(mention.start)][0]
            agent = find_np_before(text, verb.start(), s0, strict=False)
            if agent is not None and agent.text.lower() not in ("which", "that", "who", "it"):
                return agent
        return mention
    first = words[0]
    if len(words) == 1 and (first in _FLOATING_WORDS or (first.endswith("ly") and first.islower())):
        # "Trump and Sanders have both argued", "the campaign has always maintained": the subject is
        # before the floating quantifier or adverb
        s0 = doc.sentences[doc.sentence_of(mention.start)][0]
        before = find_np_before(text, mention.start, s0, strict=False)
        if before is not None and before.text.lower() not in ("which", "that", "it", "who"):
            return before
    if len(words) > 1 and first in _CONTROL_VERB_FORMS:
        # "to allow foreigners to vote", "begged reporters to ask": the verb's object does the cue
        rest = mention.text[len(first):].lstrip()
        start = mention.end - len(rest)
        return _agent_mention(doc, Mention(start, mention.end, rest))
    if first[:1].islower() and len(words) > 1 and head in SPEAKER_HEADS:
        named = _NAME_AFTER_DESCRIPTION_RE.match(text, mention.end)
        if named is not None and named.group(1).split()[0].lower() not in _NOT_NAME_WORDS and \
                not _ACCORDING_BEFORE_RE.search(text, max(0, mention.start - 16), mention.start):
            # "his longtime friend, John Smith, told": the name after the description speaks
            return Mention(named.start(1), named.end(1), named.group(1), role=mention.text)
    if len(words) == 1 and first.lower() in _NOT_AGENT_WORDS and _ADVERB_COMMA_RE.match(text, mention.end):
        # "Nevertheless, a survey ... found": the sentence adverb is not the speaker
        s1 = doc.sentences[doc.sentence_of(mention.start)][1]
        agent = find_np_after(text, _ADVERB_COMMA_RE.match(text, mention.end).end(), s1)
        if agent is not None and agent.text.lower() not in ("which", "that", "who", "and", "but", "it"):
            return agent
        return mention
    if _PARTICIPLE_RE.match(first) and (first.lower() in _COMMON_ING or first.lower() in CUE_FORMS
                                        or text.find(" " + first.lower() + " ") >= 0):
        si = doc.sentence_of(mention.start)
        s0, s1 = doc.sentences[si]
        if text[s0:mention.start].strip(" \"\u201c\u201d'(\u2014-_"):
            return mention  # not sentence-initial
        comma = text.find(",", mention.end, s1)
        while comma > 0:
            after = comma + 1
            if text[after:after + 1] in ('"', "\u201d"):
                after += 1  # 'calling Christie "a loser," the protesters chanted'
            if after > comma + 1 or not _in_marks(text, s0, comma):
                agent = find_np_after(text, after, s1)
                if agent is not None and agent.text.lower() not in ("which", "that", "who", "and", "but"):
                    return _name_only(agent)
                return mention
            comma = text.find(",", comma + 1, s1)
    return mention


def _name_only(m: Mention) -> Mention:
    """``Judge Berman proceeded`` -> ``Judge Berman``: a capitalised run ends at a lower-case verb."""
    toks = list(re.finditer(r"\S+", m.text))
    for a, b in zip(toks, toks[1:]):
        low = b.group().lower()
        if low in CUE_FORMS or low in _AUX or (low.endswith("ed") and len(low) > 4):  # "the protesters chanted"
            return Mention(m.start, m.start + a.end(), m.text[:a.end()])
        if a.group()[:1].isupper() and b.group()[:1].islower() and b.group() not in ("of", "for", "de", "and") \
                and a.group().lower() not in _DETERMINERS:  # "The bias begins": not the name "The"
            return Mention(m.start, m.start + a.end(), m.text[:a.end()])
    return m


def _in_marks(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` is inside an open double-quotation in ``text[lo:pos]`` (odd count of marks)."""
    seg = text[lo:pos]
    return (seg.count('"') + seg.count("\u201c") + seg.count("\u201d")) % 2 == 1


_NESTED_TAIL_RE = re.compile(r"(?:[\s,;:\u2014\-]|\b(?:and|but|while|as|that|because|when|although|though|after|"
                             r"before|since|if|so|even|then)\b)*$", re.IGNORECASE)


def _nested_statement(text: str, outer: _Quote, cue, mention, c1: int) -> bool:
    """Whether a candidate (speaker ``mention``, ``cue``) is a statement inside ``outer``'s content."""
    if mention is None:
        return False
    word = text[cue[0]:cue[1]].lower()
    if word not in SPEECH_FORMS or word in _WEAK_FORMS:
        return False
    if not (outer.start + 8 <= mention.start < outer.end and cue[1] <= outer.end):
        return False
    if _MODALS_RE.search(text, max(0, cue[0] - 30), cue[0]):
        return False  # "they expect the campaign to emphasize", "he would not support": not said yet
    head = _cut_before(text, outer.start, mention.start)
    return head - outer.start >= 8


def _cut_before(text: str, lo: int, pos: int) -> int:
    """End of the text before ``pos`` without the joining words (``..., and`` / ``, that``)."""
    m = _NESTED_TAIL_RE.search(text, lo, pos)
    return m.start() if m else pos


def _attribute_quoted(doc: _Doc, quoted: list[_Quote]) -> list[_Quote]:
    """Give each quoted span its cue and mention; classify direct/partial; share split attributions."""
    text = doc.text
    n = len(quoted)
    for q in quoted:
        body = text[q.start:q.end]
        title = _is_title(body)
        if title and body[-1] in ",?!" and " " not in body and q.close_pos is not None and \
                _attrib_after(doc, q, doc.paragraphs[q.paragraph][1]) is not None:
            continue  # '"Denver," he answered.': a one-word answer, not a title
        if title and q.open_pos is not None and _cue_word_before(text, q.open_pos, punctuated=True):
            continue  # 'Priebus said, "Probably."', 'a headline that said, "ISIS Declares ...": introduced by its cue
        if title and _one_word_sentence(doc, q, body):
            continue  # 'Gonzalez shook her head. "Never."': a common word said as a sentence, not a name
        if title and q.open_pos is not None and _naming_stance_before(text, q.open_pos):
            continue  # 'Jacobs called Merkel "The Chancellor of the Free World."': what someone called her
        if title and q.open_pos is not None and " " not in body.strip() and \
                _COPULA_BEFORE_QUOTE_RE.search(text, max(0, q.open_pos - 30), q.open_pos):
            continue  # 'said the judge was "Mexican."': a predicate, what was said of him, not a name
        if title or not any(c.isalpha() for c in body) or (
                q.open_pos is not None and text[max(0, q.open_pos - 1):q.open_pos] == "="):
            q.kind = "title"  # a name, a number or a markup attribute (id="123"), not speech
    for i, q in enumerate(quoted):
        if q.kind == "title":
            continue
        ps, pe = doc.paragraphs[q.paragraph]
        nxt_open = pe
        j = i + 1
        while j < n and quoted[j].kind == "title":
            j += 1
        if j < n and quoted[j].paragraph == q.paragraph:
            nq = quoted[j]
            nxt_open = nq.open_pos if nq.open_pos is not None else nq.start
        prev_close = ps
        j = i - 1
        while j >= 0 and quoted[j].kind == "title":
            j -= 1
        if j >= 0 and quoted[j].paragraph == q.paragraph:
            pq = quoted[j]
            prev_close = (pq.close_pos + _mark_len(text, pq.close_pos)) if pq.close_pos is not None else pq.end
        sent_start = doc.sentences[doc.sentence_of(q.open_pos if q.open_pos is not None else q.start)][0]
        lo = max(prev_close, min(sent_start, q.open_pos if q.open_pos is not None else q.start))
        found = None
        embedded = _is_embedded(text, q)
        if q.close_pos is not None or q.open_pos is None:
            found = _attrib_after(doc, q, nxt_open)
        if found is not None and not embedded and q.open_pos is not None and \
                _cue_word_before(text, q.open_pos) and found[0][0] > q.start:
            # 'Mr. Manafort, citing ''the unique magic of Trump,'' said the candidate ...': the cue
            # that opens the quote speaks for it, not the verb of the sentence it sits in
            found = _attrib_before(doc, q, lo) or found
        if found is not None and embedded and (text[found[0][0]:found[0][1]].endswith("ing") or
                                               not _comma_attribution(text, q, found) or
                                               (found[1].start < found[0][0] and
                                                _clause_after_cue(text, found[0][1], nxt_open))):
            # 'told Newsmax that Romney "had a crazy policy," adding, "...', 'said that it would
            # "have been cool" had Clinton congratulated him': the clause's own cue comes first
            found = _attrib_before(doc, q, lo) or found
        if found is None:
            found = _attrib_before(doc, q, lo)
        if found is None and prev_close < lo and not embedded:
            # '..., Mr. Turry said. "We were ...': the previous sentence ends with the cue
            found = _attrib_before(doc, q, prev_close)
            if found is not None and text[found[0][1]:lo].strip() not in (".", ""):
                found = None
        if found is None and q.close_pos is not None and q.paragraph + 1 < len(doc.paragraphs) and \
                not text[q.close_pos + _mark_len(text, q.close_pos):pe].strip():
            found = _dash_line(doc, doc.paragraphs[q.paragraph + 1])  # '"..."' then '-President Obama, tweeting'
        if found is None and q.open_pos is not None and q.open_pos == ps and q.paragraph > 0:
            found = _attrib_colon(doc, q)
        if found is None and q.open_pos is not None and not embedded and text[lo:q.open_pos].rstrip().endswith(":"):
            found = _colon_intro(doc, len(text[:q.open_pos].rstrip()))  # 'Trump boomed: "..."'
            k = i - 1
            while k >= 0 and quoted[k].kind == "title":
                k -= 1
            pq = quoted[k] if k >= 0 and quoted[k].paragraph == q.paragraph else None
            if found is None and pq is not None and pq.cue is not None and pq.mention is not None and \
                    pq.cue[1] <= q.open_pos:
                m2 = _second_cue(text, max(pq.cue[1], pq.end), q.open_pos)
                if m2 is not None and not text[m2.end():q.open_pos].strip(" :"):
                    # '"...," he said at a news conference, and then predicted: "..."'
                    found = (m2.start(), m2.end()), pq.mention, None
        if found:
            q.cue, q.mention, q.addressee = found
        body = text[q.start:q.end]
        if embedded:
            q.kind = "partial"
        elif found is None and not _sentence_like(body) and not _one_word_sentence(doc, q, body):
            q.extra["short"] = True  # a scare quote unless a split attribution or reported speech claims it
    # parts of one attribution: continued paragraphs, split quotes, one cue shared
    parent = list(range(n))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def link(k: int, j: int, how: str) -> None:
        quoted[k].linked = how
        quoted[k].extra["from"] = j
        parent[root(max(k, j))] = root(min(k, j))

    for i, q in enumerate(quoted):
        if q.continues and i > 0 and q.kind != "title" and quoted[i - 1].kind != "title" and not (
                q.cue is not None and quoted[i - 1].cue is not None and q.cue != quoted[i - 1].cue):
            link(i, i - 1, "continues")  # but '"... world.' then '"I'm not ...," he continued': a new cue
    for i, q in enumerate(quoted):
        if q.kind == "title" or q.linked == "continues":
            continue
        prev = quoted[i - 1] if i > 0 and quoted[i - 1].kind != "title" else None
        nxt = quoted[i + 1] if i + 1 < n and quoted[i + 1].kind != "title" else None
        if prev is not None and q.cue is not None and prev.cue == q.cue:
            if prev.mention is not None and q.mention is not None and \
                    prev.mention.start <= q.mention.start < prev.mention.end:
                q.mention = prev.mention  # one cue, one speaker: the longer reading found after the first part
            link(i, i - 1, "split")
            continue
        if q.cue is None and q.kind == "partial" and prev is not None and prev.cue is not None and \
                prev.cue[1] <= q.start and _same_sentence(doc, prev, q):
            q.cue, q.mention, q.addressee = prev.cue, prev.mention, prev.addressee
            link(i, i - 1, "split")  # 'were "meticulous" about ensuring that they were "in no way ..."'
            continue
        if q.cue is not None or q.kind != "direct":
            continue
        j = i - 1  # the previous direct quote of the paragraph, over partial quotes in between
        while j >= 0 and quoted[j].paragraph == q.paragraph and quoted[j].kind != "direct":
            j -= 1
        pd_ = quoted[j] if j >= 0 and quoted[j].paragraph == q.paragraph else None
        if pd_ is not None and pd_.cue is not None and pd_.end <= pd_.cue[0] < q.start and \
                _second_cue(text, pd_.cue[1], q.open_pos if q.open_pos is not None else q.start) is None:
            # but '"...," he said ..., and then predicted: "..."': a cue of its own, a new statement
            q.cue, q.mention, q.addressee = pd_.cue, pd_.mention, pd_.addressee
            link(i, j, "split")
            continue
        if nxt is not None and nxt.paragraph == q.paragraph and nxt.kind == "direct" and nxt.cue is not None:
            if q.end <= nxt.cue[0] < nxt.start or not text[q.end:nxt.start].strip(" \"\u201c\u201d,.\u2014'"):
                q.cue, q.mention, q.addressee = nxt.cue, nxt.mention, nxt.addressee
                link(i, i + 1, "split")
                continue
        if q.extra.get("short"):
            continue
        if prev is not None and prev.kind == "direct" and prev.paragraph >= q.paragraph - 1 and \
                (prev.cue is not None or prev.linked):
            q.linked = "carried"
            q.extra["from"] = i - 1
    donors: dict[int, _Quote] = {}
    for i, q in enumerate(quoted):
        if q.cue is not None and q.kind != "title":
            donors.setdefault(root(i), q)
    for i, q in enumerate(quoted):
        d = donors.get(root(i))
        if q.cue is None and d is not None:
            q.cue, q.mention, q.addressee = d.cue, d.mention, d.addressee
        if q.extra.get("short") and q.linked is None and not any(
                quoted[j].linked and root(j) == root(i) for j in (i - 1, i + 1) if 0 <= j < n):
            q.kind = "partial"
    ids: dict[int, int] = {}
    for i, q in enumerate(quoted):
        q.attribution = ids.setdefault(root(i), len(ids))
    return [q for q in quoted if q.kind != "title"]


_RELATIVE_BEFORE_RE = re.compile(r",\s+(?:who|which|whose|whom)\b[^,]*$")
_SECOND_CUE_BEFORE_RE = re.compile(r"\b(?:and|but|then|before|later)\s+(?:\w+ly\s+|then\s+|also\s+)?$")


def _second_cue(text: str, lo: int, hi: int):
    """A coordinated cue of its own between a statement's cue and the next quote (``he said ...,
    and then predicted: "..."``), unlike a participle (``said, adding that``), as a match, or None."""
    for m in _CUE_RE.finditer(text, lo, hi):
        if _SECOND_CUE_BEFORE_RE.search(text, max(lo, m.start() - 20), m.start()) and \
                not _RELATIVE_BEFORE_RE.search(text, max(lo, m.start() - 80), m.start()):
            return m
    return None


def _cue_word_before(text: str, pos: int, punctuated: bool = False) -> bool:
    """A speech verb right before the opening mark at ``pos`` (``citing "``, ``said, "``; ``told
    them: "`` is not: an addressee comes between); ``punctuated``: a comma or colon must follow it."""
    head = text[max(0, pos - 24):pos].rstrip()
    if head.endswith((",", ":")):
        head = head[:-1].rstrip()
    elif punctuated:
        return False
    word = _PREV_WORD_RE.search(head)
    return word is not None and word.group(1).lower() in SPEECH_FORMS and word.group(1).islower()


def _comma_attribution(text: str, q: _Quote, found) -> bool:
    """Whether an attribution after a quote is set off as one (``"...," he said``, ``"..." - X``):
    the quote's own punctuation or a comma or dash before the speaker or the cue."""
    end = (q.close_pos + _mark_len(text, q.close_pos)) if q.close_pos is not None else q.end
    first = min(found[0][0], found[1].start) if found[1] is not None else found[0][0]
    gap = text[end:first]
    return text[q.end - 1:q.end] in ",?!.\u2014" or gap.lstrip()[:1] in (",", "\u2014", "\u2013", "-", "")


def _one_word_sentence(doc: _Doc, q: _Quote, body: str) -> bool:
    """``"Never."`` standing as a sentence of its own, its word also used in lower case in the
    article: an answer, not a name (``"Crimea."`` is never written ``crimea``)."""
    word = body.rstrip(".!?\u2026")
    if " " in body.strip() or not word.isalpha() or body[-1:] not in ".!?" or q.open_pos is None:
        return False
    s0 = doc.sentences[doc.sentence_of(q.open_pos)][0]
    return not doc.text[s0:q.open_pos].strip() and _lowercase_elsewhere(doc, word)


def _same_sentence(doc: _Doc, a: _Quote, b: _Quote) -> bool:
    """Both quotes open in one sentence of the article."""
    return doc.sentence_of(a.open_pos if a.open_pos is not None else a.start) == \
        doc.sentence_of(b.open_pos if b.open_pos is not None else b.start)


_CLAUSE_WORDS = frozenset(
    "is are was were be been am have has had will would can could do does did not i you we they he "
    "she it me us them".split()
)


_NAMING_STANCE_RE = re.compile(
    r"\b(?:(?P<call>calls|called|calling|dubs|dubbed|dubbing|labels|labeled|labelled|brands|branded)"
    r"|(?:refer(?:s|red|ring)?\s+to|describ(?:es|ed|ing)|hail(?:s|ed|ing)|herald(?:s|ed|ing)|tout(?:s|ed|ing))"
    r"\s+(?:[\w.,'\u2019\-]+\s+){1,10}?as)\s+(?:[\w.'\u2019\-]+\s+){0,4}$")
_NAMING_SUBJECT_BEFORE_RE = re.compile(r"(?:\b(?:he|she|they|we|I|who|has|have|had|was|were|is|are|be)"
                                       r"|[A-Z][\w.'\u2019\-]+)(?:\s+\w+ly)?\s+$")


#: A copula right before a quoted word makes it a predicate (``he is "Mexican,"``), unlike ``the "Union State"``.
_COPULA_BEFORE_QUOTE_RE = re.compile(r"\b(?:is|are|was|were|be|been|being|am|become|became|becomes|"
                                     r"seems?|seemed)\s+(?:(?:not|so|too|very|\w+ly)\s+)?$")


def _naming_stance_before(text: str, pos: int) -> bool:
    """A quoted name that someone gives something (``called Merkel "The Chancellor of the Free
    World"``, ``refers to the governor as "Chris"``): a stance, unlike ``a play called "Perception"``."""
    m = _NAMING_STANCE_RE.search(text, max(0, pos - 80), pos)
    if m is None:
        return False
    if m.group("call") is None:
        return True
    between = text[m.end("call"):pos].split()
    if not between or (between[0].lower() in ("the", "a", "an") and len(between) == 1):
        return False  # "a play called "Perception"", "A blog, called the "Feed"": a name given to a thing
    return _NAMING_SUBJECT_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()) is not None


def _is_title(body: str) -> bool:
    """``"Sunday Morning Futures,"``, ``"Union State."``: a short Title Case name, not speech."""
    words = [m.group() for m in islice(_WORD_RE.finditer(body), 9)]  # a ninth word settles it
    if not words or len(words) > 8 or body.rstrip()[-1:] in "!?":
        return False
    long = [w for w in words if len(w) > 3] or [w for w in words if len(w) == 3 and len(words) > 1]
    if not long or not all(w[0].isupper() or w.isdigit() for w in long) or \
            not (words[0][0].isupper() or (words[0].isdigit() and len(words) > 1)):
        return False  # "New Day", "60 Minutes" are names too
    if words[0].lower() in ("i", "we", "you", "he", "she", "they"):
        return False  # "We Win.": a clause
    if len(words) > 1 and sum(w[0].isupper() or w.isdigit() for w in words) < 2:
        return False  # "This one is for you."
    if any(w[0].islower() and w.lower() not in _TITLE_SMALL_WORDS for w in words):
        return False  # "I'm a big fan of Paul,": lower-case content words make it speech
    if any(_CONTRACTION_RE.search(w) for w in words):
        return False  # "I'm", "We'll", "Don't": a clause
    return not any(w.lower() in _CLAUSE_WORDS for w in words[1:])


#: Words a title leaves in lower case (``Gone with the Wind``, ``Union of the Comoros``).
_TITLE_SMALL_WORDS = frozenset(
    "a an the of and or nor but for to in on at by with from as vs via de la le du des von van der den da di y".split()
)
_CONTRACTION_RE = re.compile(r"['\u2019](?:m|re|ve|ll|d)$|n['\u2019]t$", re.IGNORECASE)


_PREP_BEFORE_RE = re.compile(r"\b(?:with|for|on|in|of|at|from|to|by|about|against|into|over|under|"
                             r"referencing|citing)\s+$")
_AS_BEFORE_RE = re.compile(r"\b[Aa]s\s*$")
_SUBORDINATE_RE = re.compile(r"(?:When|After|Before|While|Although|Though|Since|Once|If|Later|Earlier|"
                             r"In|On|At|During)\b[^,.;:!?\"\u201c\u201d]{0,80},\s+")


def _attrib_colon(doc: _Doc, q: _Quote):
    """``Dr. Ward stated:`` closing the previous paragraph introduces this paragraph's quote."""
    text = doc.text
    ps, pe = doc.paragraphs[q.paragraph - 1]
    if not text[ps:pe].endswith(":"):
        return None
    return _colon_intro(doc, pe)


_PERSON_NAME_RE = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen)\.\s+)?"
                             r"[A-Z][a-z][\w'\u2019\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z][\w'\u2019\-]+){1,2}")
_DASH_NAME_COLON_RE = re.compile(r"\s[\-\u2013\u2014]\s+[A-Z][\w.'\u2019\-]*(?:\s+[A-Z][\w.'\u2019\-]*){0,3}:$")
_ABOUT_TAIL_RE = re.compile(r"\s+(?:about|of|on|regarding|concerning)\s")  # "said about its platform ...:"
_FROM_COLON_RE = re.compile(r"(?:^|\s[\-\u2013\u2014]\s+|\b[Ff]rom\s+)$")


_WORDS_BY_RE = re.compile(r"\b(statements?|remarks?|comments?|words|claims?|tweets?|posts?|speech|message|answer|"
                          r"response)\s+(?:by|from)\s+((?:[A-Z][\w.'\u2019\-]*\s+){0,3}[A-Z][\w'\u2019\-]+)")


def _colon_intro(doc: _Doc, pe: int):
    """Cue and speaker of the sentence ending in the colon at ``pe - 1`` that introduces a quote."""
    text = doc.text
    sent = doc.sentences[doc.sentence_of(pe - 1)]
    named = find_np_before(text, pe - 1, sent[0], strict=False)
    if named is not None and named.text[:1].isupper() and \
            _FROM_COLON_RE.search(text[sent[0]:named.start]) is not None:
        # "Republican pollster Jane Doe: ..." / "- More from Smith: ..." / "From the report: ...":
        # the source is named right before the colon
        return (pe - 1, pe), named, None
    m = _cue_match(text, sent[0], pe, first=False)
    if m is not None:
        mention = find_np_before(text, m.start(), sent[0])
        near = len(text[m.end():pe]) <= 60 or (len(text[m.end():pe]) <= 200 and _ABOUT_TAIL_RE.match(text, m.end(), pe)
                                               and _CUE_RE.search(text, m.end(), pe) is None)
        if mention is not None and (near or _AS_BEFORE_RE.search(text, sent[0], mention.start)):
            return (m.start(), m.end()), mention, _addressee_after(text, m, pe)  # "As X observed, ...:"
        if near:
            return None
    elif named is not None and named.end == pe - 1:
        ns = named.name_start if named.name_start is not None else named.start
        if _PERSON_NAME_RE.fullmatch(text, ns, named.end):
            # "The surge does not surprise Republican pollster Daron Shaw: ...": a person named at the colon
            return (pe - 1, pe), Mention(ns, named.end, text[ns:named.end]), None
    by = None
    for by in _WORDS_BY_RE.finditer(text, sent[0], pe):
        pass
    if by is not None:  # "how the website rated this statement by Trump on June 11:"
        return (by.start(1), by.end(1)), Mention(by.start(2), by.end(2), by.group(2)), None
    # "President Clinton released the following statement:" / "He then listed the qualities:"
    if pe - sent[0] > 200:
        return None
    sub = _SUBORDINATE_RE.match(text, sent[0], pe)  # "When Wallace died in 1998, President Clinton ..."
    mention = find_np_after(text, sub.end(), pe) if sub is not None else \
        _sentence_subject(doc, pe - 1, coordinated=True)
    if mention is not None:
        mention = _name_only(mention)
    if mention is None or not (mention.text[:1].isupper() or mention.text.lower() in _PRONOUNS):
        return None
    return (pe - 1, pe), mention, None


def _assemble(doc: _Doc, rows: list[_Quote]) -> pd.DataFrame:
    text = doc.text
    if not rows:
        return empty_quotes()
    quoted = [(q.start, q.end) for q in rows if q.kind != "indirect"]
    resolver = SpeakerResolver(text, quoted)
    # attribution ids for reported rows
    next_aid = max((q.attribution for q in rows), default=-1) + 1
    by_cue: dict = {}
    for q in rows:
        if q.attribution < 0:
            key = q.cue if q.cue is not None else ("row", id(q))
            if key not in by_cue:
                by_cue[key] = next_aid
                next_aid += 1
            q.attribution = by_cue[key]
    # resolve mentions in document order of the mention (salience grows as we read)
    resolved: dict[int, tuple] = {}
    order = sorted(range(len(rows)), key=lambda k: (rows[k].mention.start if rows[k].mention else rows[k].start))
    for k in order:
        q = rows[k]
        if q.mention is None:
            continue
        key = (q.mention.start, q.mention.end)
        if key in resolved:
            continue
        found = resolver.resolve(q.mention, q.start, exclude=_addressee_canon(resolver, q))
        if q.cue is not None and found[1] == "person" and _ACCORDING_RE.fullmatch(text, *q.cue):
            found = resolver.source_by_name(found)  # "According to Opta": a firm, not a person
        resolved[key] = found
    records = []
    for i, q in enumerate(rows):
        speaker = stype = role = None
        resolution = "unresolved"
        m = q.mention
        if m is not None:
            speaker, stype, resolution, role = resolved[(m.start, m.end)]
        elif q.kind == "direct":
            src = _carried_source(rows, i)
            if src is not None:
                sm = rows[src].mention
                if sm is not None:
                    speaker, stype, _, role = resolved[(sm.start, sm.end)]
                    resolution = f"carried over from quote {src}"
                    m = sm  # the mention the speaker rests on, with its offsets
                    if _continues_statement(doc, rows[src], q):
                        q.attribution = rows[src].attribution
            if stype is None:  # nothing to carry, or only a phrase that names no one
                sm = _previous_subject(doc, q)
                if sm is not None:
                    speaker, stype, _, role = resolver.resolve(sm, q.start)
                    if stype is not None:
                        resolution = f"subject of the sentence before, at offset {sm.start}"
                        m = sm
                    else:
                        speaker = role = None
        ent = resolver.entity(speaker)
        aliases = list(ent.aliases) if ent and ent.aliases else ([m.text] if m else [])
        addressee = q.addressee
        if addressee:
            addressee = resolver.canonical_name(addressee) if addressee[:1].isupper() else addressee
        sent = doc.sentence_of(q.start)
        gap = _parenthetical_gap(text, q) if q.kind == "indirect" else None
        records.append({
            "quote_id": i, "start": q.start, "end": q.end, "text": text[q.start:q.end],
            "kind": q.kind,
            "cue": text[q.cue[0]:q.cue[1]] if q.cue else None,
            "cue_start": q.cue[0] if q.cue else None, "cue_end": q.cue[1] if q.cue else None,
            "speaker": speaker,
            "speaker_mention": m.text if m else None,
            "speaker_start": m.start if m else None, "speaker_end": m.end if m else None,
            "speaker_type": stype, "addressee": addressee, "resolution": resolution,
            "confidence": float(q.confidence if m is not None and not resolution.startswith("carried")
                                else min(q.confidence, 0.8 if m is not None else 0.5)),
            "paragraph": doc.paragraph_of(q.start), "sentence": sent, "overridden": False,
            "attribution": q.attribution, "speaker_role": role or (ent.role if ent else None),
            "speaker_aliases": aliases,
            "fragments": None if gap is None else [(q.start, gap[0]), (gap[1], q.end)],
        })
    return _frame(_statements(text, records))


def _parenthetical_gap(text: str, q: _Quote) -> tuple[int, int] | None:
    """``The plan, the mayor said on Monday, will cost ...``: the attribution inside a reported
    statement's content, from its speaker to the comma that closes it, as ``(start, end)``."""
    if q.cue is None or q.mention is None:
        return None
    a = min(q.cue[0], q.mention.start)
    if not q.start < a or not q.cue[1] < q.end:
        return None
    paren = _PARENTHETICAL_RE.match(text, q.cue[1], q.end)
    if paren is None or not text[q.start:a].rstrip().endswith(","):
        return None
    left = q.start + len(text[q.start:a].rstrip(" ,"))
    right = paren.end() - 1
    return (left, right) if q.start < left < right < q.end else None


#: The fields a statement takes from its first passage with a resolved speaker.
_SPEAKER_FIELDS = ("cue", "cue_start", "cue_end", "speaker", "speaker_mention", "speaker_start", "speaker_end",
                   "speaker_type", "addressee", "resolution", "speaker_role", "speaker_aliases")


def _statements(text: str, records: list[dict]) -> list[dict]:
    """One row per statement: the passages of one attribution (a quote split by its attribution,
    continued over paragraphs, the partial quotes of one reported clause) become one row that
    spans them, their own spans listed in ``fragments``.

    A quoted passage of another statement ends the open quoted statements, so quoted rows never
    overlap; reported speech may sit inside a quote's span (``"A," he said, adding that X. "B."``).
    """
    out: list[dict] = []
    open_: dict[tuple[int, bool], dict] = {}
    unit_of: list[int] = []
    for r in records:
        key = (r.pop("attribution"), r["kind"] != "indirect")
        span = (r["start"], r["end"])
        if key[1]:
            for k in [k for k in open_ if k != key]:
                del open_[k]
        u = open_.get(key)
        if u is None:
            r["quote_id"] = len(out)
            r["fragments"] = r["fragments"] or [span]
            open_[key] = r
            out.append(r)
            unit_of.append(r["quote_id"])
            continue
        unit_of.append(u["quote_id"])
        u["fragments"].extend(r["fragments"] or [span])
        u["end"] = max(u["end"], r["end"])
        u["confidence"] = min(u["confidence"], r["confidence"])
        if u["kind"] != r["kind"] and "direct" in (u["kind"], r["kind"]):
            u["kind"] = "direct"
        if u["speaker"] is None and r["speaker"] is not None:
            for c in _SPEAKER_FIELDS:
                u[c] = r[c]
    for u in out:
        if len(u["fragments"]) > 1:
            u["text"] = text[u["start"]:u["end"]]
        res = u["resolution"]
        if res.startswith("carried over from quote "):
            u["resolution"] = f"carried over from quote {unit_of[int(res.rsplit(' ', 1)[1])]}"
    return out


_COLUMN_INDEX = pd.Index(QUOTE_COLUMNS + EXTRA_COLUMNS)
_ROW_VALUES = itemgetter(*_COLUMN_INDEX)


def _block_layout() -> list[tuple[str, list[int]]]:
    """The blocks pandas' constructor forms from these columns, in its order: one per numpy dtype
    (the columns in order, the group placed at its first column), one per ``Int64`` column."""
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(_COLUMN_INDEX):
        groups.setdefault(_DTYPES[c], []).append(i)
    return [(dt, cols) for dt, idx in groups.items() for cols in ([[i] for i in idx] if dt == "Int64" else [idx])]


_BLOCKS = _block_layout()


def _frame(records: list[dict]) -> pd.DataFrame:
    """Build the quote table block by block with the contract's dtypes (no inference, no
    consolidation pass: the blocks are the ones ``pd.DataFrame._from_arrays`` would form)."""
    n = len(records)
    columns = list(zip(*map(_ROW_VALUES, records))) if n else [()] * len(_COLUMN_INDEX)
    if create_dataframe_from_blocks is None:  # pragma: no cover - pandas < 3
        return _frame_from_arrays(columns, n)
    blocks = []
    for dt, idx in _BLOCKS:
        if dt == "Int64":
            vals = columns[idx[0]]
            mask = np.fromiter((v is None for v in vals), dtype=bool, count=n)
            data = np.fromiter((0 if v is None else v for v in vals), dtype=np.int64, count=n)
            blocks.append((pd.arrays.IntegerArray(data, mask), np.array(idx)))
        elif dt == "object":  # object, not str: missing values stay None
            arr = np.empty((len(idx), n), dtype=object)
            for row, i in enumerate(idx):
                arr[row] = np.fromiter(columns[i], dtype=object, count=n)
            blocks.append((arr, np.array(idx)))
        else:
            blocks.append((np.array([columns[i] for i in idx], dtype=dt).reshape(len(idx), n), np.array(idx)))
    return create_dataframe_from_blocks(blocks, index=pd.RangeIndex(n), columns=_COLUMN_INDEX)


def _frame_from_arrays(columns: list[tuple], n: int) -> pd.DataFrame:
    """``_frame`` on a pandas without ``pandas.api.internals``: one array per column."""
    arrays = []
    for c, vals in zip(_COLUMN_INDEX, columns):
        dt = _DTYPES[c]
        if dt == "object":
            arrays.append(np.fromiter(vals, dtype=object, count=n))
        elif dt == "Int64":
            mask = np.fromiter((v is None for v in vals), dtype=bool, count=n)
            data = np.fromiter((0 if v is None else v for v in vals), dtype=np.int64, count=n)
            arrays.append(pd.arrays.IntegerArray(data, mask))
        else:
            arrays.append(np.asarray(vals, dtype=dt))
    try:  # no per-column inference (pandas would turn object into str)
        return pd.DataFrame._from_arrays(arrays, columns=_COLUMN_INDEX, index=pd.RangeIndex(n),
                                         verify_integrity=False)
    except (AttributeError, TypeError):
        return pd.DataFrame({c: (pd.Series(v, dtype=object, copy=False) if _DTYPES[c] == "object" else v)
                             for c, v in zip(_COLUMN_INDEX, arrays)})


def _addressee_canon(resolver, q: _Quote) -> str | None:
    if q.addressee and q.addressee[:1].isupper():
        return resolver.canonical_name(q.addressee)
    return None


def _previous_subject(doc: _Doc, q: _Quote) -> Mention | None:
    """A name or he/she opening the sentence before an unattributed quote (``Howard continued his
    remarks. "Eight years ago ..."``): the likeliest speaker when no cue or earlier quote says."""
    text = doc.text
    open_pos = q.open_pos if q.open_pos is not None else q.start
    si = doc.sentence_of(open_pos)
    if text[doc.sentences[si][0]:open_pos].strip() or si == 0:
        return None
    p0, p1 = doc.sentences[si - 1]
    if any(c in text[p0:p1] for c in _QUOTE_CHARS) or "''" in text[p0:p1]:
        return None  # the sentence before holds a quote: its own attribution rules
    fronted = _FRONTED_RE.match(text, p0, p1)  # "Asked whether she would move, Gonzalez shook her head."
    if fronted is not None:
        p0 = fronted.end()
    m = _SUBJECT_START_RE.match(text, p0, p1)
    if m is None or m.group().split()[0].lower() in _FUNCTION_WORDS_START or \
            m.group().lower() in ("i", "we", "they"):
        return None
    return Mention(m.start(), m.end(), m.group())


def _continues_statement(doc: _Doc, src: _Quote, q: _Quote) -> bool:
    """An unattributed quote that goes on with its source's statement rather than starting one:
    in the source's paragraph, or a paragraph of nothing but quoted text right after it
    (``"...," he said.`` then ``"But we do not need ..."``). On PolNeAR train such quotes are
    one attribution with their source 77 times in 94; after reported speech, half the time."""
    if src.kind == "indirect":
        return False
    if q.paragraph == src.paragraph:
        return True
    if q.paragraph != src.paragraph + 1:
        return False
    ps, pe = doc.paragraphs[q.paragraph]
    text = doc.text
    return not text[ps:q.start].strip(_MARK_STRIP) and not text[q.end:pe].strip(_MARK_STRIP)


_MARK_STRIP = _QUOTE_CHARS + "'\u2018\u2019 \t\n\r\u00a0"


def _carried_source(rows: list[_Quote], i: int) -> int | None:
    """The quote whose speaker an unattributed quote inherits: the latest attributed one in the
    same or the previous paragraph (following a chain of unattributed quotes back)."""
    par = rows[i].paragraph
    for j in range(i - 1, -1, -1):
        r = rows[j]
        if r.paragraph < par - 1:
            return None
        if r.mention is not None:
            return j
        if r.kind == "direct":
            par = r.paragraph
    return None


# ----------------------------------------------------------------------------------------------
# Analyst overrides (implemented in helpers.overrides; re-exported here as docs/ARCHITECTURE.md
# lists them under this module)
# ----------------------------------------------------------------------------------------------


def load_overrides(source):
    """Read ``data/overrides.csv`` (see :func:`helpers.overrides.load_overrides`)."""
    from helpers.overrides import load_overrides as _load

    return _load(source)


def apply_overrides(quotes: pd.DataFrame, overrides, article_sha256: str, *args, **kwargs) -> pd.DataFrame:
    """Apply analyst corrections to a quote table (see :func:`helpers.overrides.apply_overrides`)."""
    from helpers.overrides import apply_overrides as _apply

    return _apply(quotes, overrides, article_sha256, *args, **kwargs)
