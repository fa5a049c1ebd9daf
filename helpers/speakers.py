"""Speaker mentions and their resolution to canonical speakers; the speaker table.

A mention is the speaker as written near a quote (``he``, ``the Belarusian leader``,
``Lukashenko``). :class:`SpeakerResolver` turns it into a canonical speaker (``Alexander
Lukashenko``) with the path it took, so that an analyst can audit it:

- a name -> the fullest form of that name in the article (``name adjacent``);
- a pronoun -> the right earlier person, by gender evidence and salience
  (``pronoun -> antecedent at offset N``);
- a description -> the person the article gave that role (``description -> Alexander
  Lukashenko``), learnt from appositives such as ``Vladimir Putin, Russia's president``.

``speakers_table(quotes)`` summarises a quote table per canonical speaker.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

try:
    from pandas.api.internals import create_dataframe_from_blocks
except ImportError:  # pragma: no cover - pandas < 3
    create_dataframe_from_blocks = None

SPEAKER_COLUMNS = [
    "speaker", "type", "aliases", "role", "n_quotes", "n_direct", "n_partial", "n_indirect",
    "first_start",
]

# ----------------------------------------------------------------------------------------------
# Small lexicons (English news)
# ----------------------------------------------------------------------------------------------

#: Titles dropped from names (``Mr. Trump`` -> ``Trump``); some carry gender.
TITLES = {
    "mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
    "sir": "m", "dame": "f", "lord": "m", "lady": "f", "king": "m", "queen": "f", "prince": "m",
    "princess": "f", "madam": "f", "sen.": "", "sen": "", "senator": "", "rep.": "",
    "rep": "", "gov.": "", "gov": "", "governor": "", "president": "", "vice": "", "dr.": "",
    "dr": "", "prof.": "", "professor": "", "gen.": "", "general": "", "col.": "",
    "lt.": "", "adm.": "", "sgt.": "", "capt.": "", "gov't": "", "judge": "", "justice": "",
    "secretary": "", "minister": "", "chancellor": "", "premier": "", "mayor": "",
    "ambassador": "", "then-president": "", "former": "", "sheikh": "m", "pope": "m",
    "rev.": "", "reverend": "", "father": "m", "chairman": "m", "chairwoman": "f",
    "speaker": "", "leader": "", "host": "", "commissioner": "", "attorney": "",
    "congressman": "m", "congresswoman": "f", "councilman": "m", "councilwoman": "f",
    "st.": "", "saint": "", "state": "", "prime": "", "foreign": "", "defense": "", "first": "",
    "lady's": "", "house": "", "councillor": "", "councilor": "", "cllr": "", "treasurer": "",
    "detective": "", "inspector": "", "sheriff": "", "coach": "",
}
_MALE_NAMES = frozenset(
    """alexander aleksandr alexandr alex vladimir valery valeri artyom artem nigel petro petr
    volodymyr emmanuel donald bernie bernard ted marco john jeb ben chris mike michael joe joseph
    barack bill william george hillary_no jim james robert bob paul rand rick richard scott
    mitt newt lindsey_no kevin mark david steve stephen steven tom thomas peter matt matthew
    andrew anthony brian charles chuck dan daniel dennis eric frank gary greg harry henry jack
    jeff jeffrey jerry john jon jonathan josh joshua justin keith ken kenneth larry lawrence
    martin nathan nick nicholas patrick phil philip ralph ray raymond reince roger ron ronald
    sam samuel sean sergei sergey dmitry dmitri igor ivan mikhail nikolai oleg yuri viktor victor
    boris andrei andriy oleksandr arseniy xi recep angela_no francois jean pierre jacques
    nicolas olaf friedrich helmut gerhard luis carlos juan jose miguel antonio mohammed muhammad
    ahmed ali omar hassan hussein abdul benjamin benny bibi naftali yair ehud narendra rahul
    shinzo fumio yoshihide kim moon justin tony gordon boris keir rishi david jeremy dominic
    corey kellyanne_no stephen reid harry mitch paul lindsey graham marco rand ben carly_no
    chris martin jim hank roy al alan allen arthur bruce carl clarence craig curtis dale dave
    dean don doug douglas earl edward ed eugene fred gerald glenn harold howard jason jesse
    jimmy johnny jordan karl kyle lee leo leon lou louis luke mario max mitchell neil noah
    norman oliver oscar otto randy roy russell ryan seth simon stanley ted terry tim timothy
    todd travis trevor troy vernon wade walter warren wayne zach zachary adam aaron
    """.split()
)
_FEMALE_NAMES = frozenset(
    """hillary sviatlana svetlana angela theresa marine nancy elizabeth liz sarah sara palin
    carly kellyanne huma chelsea michelle melania ivanka donna debbie jennifer jessica kate
    katherine catherine kathy karen linda lisa laura mary maria marie patricia susan sue
    barbara betty dorothy helen margaret ruth sandra sharon deborah amy anna anne ann emily
    emma olivia rachel rebecca julia julie jane janet joan joanne judy kelly kim_no kirsten
    amy elena hope dianne diane dana megyn gretchen maxine nikki condoleezza condi madeleine
    samantha ursula kamala tulsi ilhan alexandria rashida ayanna jill christine christina
    yulia yuliya natalia natalya olga irina tatiana tatyana lyudmila maria ekaterina
    valentina marina alla anastasia jacinda nicola priti liz penny kemi
    caroline claire clare dottie ellen erin grace heather holly jenna joy kristen leslie lori
    lynn meghan megan melissa monica nicole paula rosa rose stephanie teresa tina valerie
    wendy zoe hannah abigail alice alison allison andrea angie beth brenda carol carolyn
    cheryl cindy connie denise diana ella eva eve gloria jackie jacqueline jean_no joyce
    judith kay lauren lucy marilyn martha nora pam pamela peggy phyllis ruby shirley tammy
    tracy vicky virginia
    """.split()
)
#: Places and institutions that speak as organisations (``Moscow``, ``the Kremlin``).
PLACES = frozenset(
    """moscow kremlin washington beijing kyiv kiev minsk london paris berlin brussels tokyo
    tehran ankara damascus jerusalem pyongyang seoul delhi islamabad kabul baghdad cairo riyadh
    warsaw vilnius riga tallinn rome madrid ottawa canberra russia ukraine belarus china
    america britain france germany iran iraq syria turkey israel japan india pakistan nato
    lithuania latvia estonia poland europe eu un u.s. us uk u.k. u.n. kremlin pentagon
    whitehall downing congress senate parliament duma government administration
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont virginia wisconsin wyoming york jersey carolina
    dakota hampshire mexico canada cuba brazil syria libya egypt afghanistan korea vietnam
    philadelphia chicago boston houston dallas atlanta miami denver seattle detroit cleveland
    baltimore orlando phoenix manhattan brooklyn nato opec
    """.split()
)
_ORG_WORDS = frozenset(
    """kremlin pentagon house department ministry party committee campaign commission council
    agency office times post news journal press tribune herald guardian telegraph reuters
    associated bloomberg cnn nbc abc cbs fox msnbc politico breitbart axios npr bbc
    university institute foundation center centre bank corp inc inc. company group union
    association court police army navy administration government senate congress parliament
    duma poll polls survey report study organization organisation network channel magazine
    gazette daily weekly service services fund council bureau board authority federation
    league alliance coalition movement front caucus republicans democrats gop dnc rnc fbi cia
    nsa doj fcc sec irs epa ap afp tass ria interfax state
    watch international trust society forum assembly labour tories amnesty greenpeace oxfam unicef
    airlines airways motors holdings partners plc ltd llc uk usa
    homes city united fc afc rovers athletic wanderers albion
    """.split()
)
#: Lower-case heads of person descriptions (``the Belarusian leader``, ``a spokesman``).
PERSON_NOUNS = frozenset(
    """president leader ruler minister chancellor secretary spokesman spokeswoman spokesperson
    analyst ambassador fellow chief director head senator governor candidate nominee chairman
    chairwoman chair ceo founder professor expert official officials general commander adviser
    advisor aide aides strategist host anchor correspondent reporter editor economist lawyer
    attorney judge mayor king queen prince premier envoy diplomat representative congressman
    congresswoman lawmaker lawmakers member speaker manager researcher scientist historian
    author pollster activist source sources observer observers critic critics supporter
    supporters voter voters resident residents man woman witness witnesses spokesmen
    politician politicians person people officer officers agent agents staffer staffers
    businessman businesswoman billionaire mogul democrat republican delegate delegates
    prosecutor prosecutors investigator investigators insider insiders owner executive
    commentator columnist writer blogger operative operatives surrogate surrogates whip
    superdelegate superdelegates student students worker workers father mother wife husband
    son daughter brother sister friend friends colleague colleagues partner
    captain coach treasurer councillor councilor detective inspector sheriff referee goalkeeper
    player players actress actor singer doctor doctors physician surgeon nurse teacher author authors
    researchers scientists experts
    """.split()
)
ORG_NOUNS = frozenset(
    """campaign committee company government ministry party poll polls survey study report
    newspaper paper network agency administration department office court army group
    organization organisation team union institute university firm bank white kremlin state
    council commission board website site station channel magazine data statement document
    documents memo letter email e-mail emails records figures numbers research analysis
    charity club hospital school college theatre theater museum trust society
    chipmaker carmaker automaker drugmaker developer retailer lender insurer airline broadcaster
    regulator watchdog""".split()
)
#: Heads of sources that are evidence rather than agents (``Satellite footage``, ``a new poll``,
#: ``the study``): PolNeAR annotates them as attribution sources, so they stay, typed ``source``.
EVIDENCE_NOUNS = frozenset(
    """footage photography photograph photographs photo photos imagery image images video videos
    picture pictures data poll polls polling survey surveys study studies research report reports
    analysis analyses figures numbers statistics stats records record documents document evidence
    census results findings estimates estimate projections map maps chart charts graph tally
    count counts readings measurements scans tests test""".split()
)
_ROLE_HEADS = frozenset(
    """president leader ruler minister chancellor secretary spokesman spokeswoman spokesperson
    analyst ambassador fellow chief director head senator governor candidate nominee chairman
    chairwoman chair ceo founder professor expert official general commander adviser advisor
    aide strategist host anchor correspondent reporter editor economist lawyer attorney judge
    mayor king queen prince premier envoy diplomat representative congressman congresswoman
    lawmaker member speaker manager researcher scientist historian author pollster activist
    dictator strongman autocrat opposition columnist commentator writer blogger publisher producer
    executive operative pastor
    captain coach treasurer councillor councilor councilman councilwoman prosecutor detective
    inspector sheriff constable superintendent commissioner officer referee goalkeeper striker
    midfielder defender player actress actor singer novelist playwright musician physician
    surgeon doctor epidemiologist neurologist psychologist campaigner chef""".split()
)
#: (the second block: heads from sport, courts, health, culture and town halls, where
#: ``City captain Ben Carter`` and ``Australian Treasurer Jim Chalmers`` are a role, then a name)
_ROLE_SYNONYMS = {"ruler": "leader", "dictator": "leader", "strongman": "leader",
                  "autocrat": "leader", "head": "leader", "president": "leader",
                  "premier": "minister"}
_FUNCTION_CAPS = frozenset(
    """the a an in on at but and or for if when while as after before since though although
    because unless until whether whereas once so thus hence yet nor instead meanwhile
    however meanwhile then this that these those there here it its he she they we i you his her
    their our my your what who which where why how not no yes so also still yet just even
    during despite with without from by to of into over under about according last next
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december like unlike among amid within upon
    is was are were be been has have
    had do does did will would can could should might must shall mr mrs ms many some most
    all both each every other another such one two three several few more less only""".split()
)
_DETERMINERS = frozenset(
    "the a an another this these those some many several most both his her their its our my "
    "your two three four five other any each every all no".split()
)
_STOP_NP = frozenset(
    """and or but that which who whom whose when while as if because so than then there here
    not is was are were be been being has have had do does did will would can could should
    may might must shall to in on at of for with by from about into over under during after
    before since through between among against without within upon via amid also still yet
    just even only very too said says say told tells tell according what where why how
    it's whether said: nor until unless although once whereas till""".split()
)
#: Participles that open a tail after a lower-case head (``a study published on Wednesday``,
#: ``people familiar with``): the noun phrase ends at the head.
_NP_TAIL_PARTICIPLES = frozenset(
    """published released issued conducted compiled obtained seen reviewed posted filed cited
    commissioned prepared provided gathered collected written signed sent analysed analyzed
    presented produced carried made shared leaked unveiled launched funded led based familiar
    due set""".split()
)
#: Departments whose name joins two words with ``and`` (``Work and Pensions Secretary``).
_JOINT_OFFICE_PAIRS = frozenset(tuple(p.split("+")) for p in
                                """work+pensions health+human health+social housing+urban media+sport
                                food+rural business+trade housing+communities education+skills
                                security+net innovation+technology culture+sport""".split())
_JOINT_BEFORE_RE = re.compile(r"([A-Z][a-z]+)[ \t]+and[ \t]+$")
_FIRST_WORD_RE = re.compile(r"[A-Za-z]+")


def _joint_office_start(text: str, d0: int) -> int:
    """Where a description starting at ``d0`` starts when a joint department opens it
    (``Work and`` + ``Pensions Secretary``), else ``d0``."""
    left = _JOINT_BEFORE_RE.search(text, max(0, d0 - 20), d0)
    word = _FIRST_WORD_RE.match(text, d0)
    if left is None or word is None or (left.group(1).lower(), word.group().lower()) not in _JOINT_OFFICE_PAIRS:
        return d0
    return left.start(1)


#: Lower-case heads of an organisation's description before its name (``Disability charity Scope``).
_ORG_ROLE_HEADS = frozenset("""charity company firm developer retailer chipmaker carmaker lender insurer
                            airline broadcaster regulator watchdog thinktank startup""".split())
#: ``Special Agent in Charge``, ``Commander in Chief``: an office that goes on after ``in``.
_IN_OFFICE_WORDS = frozenset(("Charge", "Chief"))
_PRONOUN_GENDER = {"he": "m", "she": "f", "i": "s", "you": "s", "we": "p", "they": "p",
                   "it": "n", "who": "?", "which": "?"}
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_TOKEN_RE = re.compile(r"\w+(?:[\-'\u2019.&]\w+)*\.?|[^\w\s]")
_RESOURCES = Path(__file__).resolve().parent / "resources"


def _word_list(name: str) -> frozenset:
    path = _RESOURCES / name
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().lower()
        if line:
            words.append(line)
    return frozenset(words)


#: Lower-case nouns that can head a speaker phrase (``officials``, ``the campaign``, ``a source``).
SPEAKER_HEADS = _word_list("speakers_heads.txt")
_AGENT_SUFFIXES = ("ers", "ists", "ians", "ants", "ents", "ist", "ian")
#: Verbs between a subject and its cue (``he began calling``, ``was prompted to say``).
_CONTROL = frozenset(
    """began begin begins started start starts tried try tries went go goes decided decide used
    to prompted going able unable likely quick quickly seemed seem seems appeared appear appears
    wanted want wants chose choose refused declined agreed moved rushed sought hastened
    continues continue continued proceeded""".split()
)


_NOT_HEADS = frozenset(
    """him them me us long correct fewer more less much free taken runs own same other such
    only whole entire main key major new old last first next previous recent several enough
    really actually also just even still later earlier overnight despite until one today
    yesterday tonight ago together heard the a an""".split()
)
_YEAR_RE = re.compile(r"(?:1[89]|20)\d\d$")


def _bad_head(word: str) -> bool:
    """Words that cannot head a speaker phrase even in lenient mode (``him said``, ``2008 said``)."""
    low = word.lower()
    if low in SPEAKER_HEADS:
        return False
    if low in _NOT_HEADS or _YEAR_RE.match(low):
        return True
    return word.islower() and len(low) > 4 and low.endswith(
        ("ly", "ed", "ing", "ose", "ous", "ive", "ful", "less", "able", "ible", "ical", "ial", "ong", "ory"))


def _valid_head(word: str) -> bool:
    low = word.lower().strip(".,")
    if not word[:1].islower():
        return True
    if low in SPEAKER_HEADS or low in _PRONOUN_GENDER or low.isdigit():
        return True
    return low.endswith(_AGENT_SUFFIXES) and low not in _STOP_NP and len(low) > 4
_NAME_TOKEN = (r"(?:(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Jr|Sr|Lt|Col|Sgt|Capt|Adm|Rev|Prof|Ft|Mt)\.|[A-Z]\.|"
               r"[A-Z][\w\-'\u2019]*(?<![.])|(?<![\w\-'\u2019])"
               r"(?:de|van|von|der|den|bin|al|da|dos|del|la|le|du|di)(?=\s+[A-Z]))")
# (?=[A-Zdvbal]): every name token starts with a capital or a particle's first letter; checked
# first, it lets the scan skip other positions before the look-behind (same matches, ~35% faster)
_NAME_RUN_RE = re.compile(r"(?=[A-Zdvbal])(?<![\w\-'\u2019])" + _NAME_TOKEN + r"(?:[ \t]+" + _NAME_TOKEN + r")*")


def _trie_pattern(words) -> str:
    """A regex matching exactly the given words, as a character trie (one pass, no backtracking
    over a long alternation)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


assert all(re.fullmatch("[a-z]+", h) for h in _ROLE_HEADS)  # _ROLE_HEAD_RE relies on it
# a head after a non-letter, searched in " " + text: starting on a character class (not a look-behind)
# lets the scan skip letters; the non-letter before one head never belongs to the previous one
_ROLE_HEAD_RE = re.compile(r"[^a-z](" + _trie_pattern(_ROLE_HEADS) + r")(?![a-z])")
_ROLE_END_RE = re.compile(r"[,;\n\"\u201c\u201d]|(?<!\b[A-Z])\.(?![A-Z]\.)")  # not the dots of "U.K."
#: After a name run, lower-case role words and another name: the run is who the person works or
#: plays for (``City head coach Maria Santos``, ``Rovers manager Tony Dalton``), not a subject.
_AFFILIATION_AFTER_RE = re.compile(r"[ \t]+((?:[a-z][\w\-]*[ \t]+){0,2}?)(?:" + _trie_pattern(_ROLE_HEADS)
                                   + r")[ \t]+[A-Z]")
#: Marks that open / close a title in quotation marks (``the drama "Harbour Lights", which``).
_TITLE_OPEN = frozenset("\"\u201c\u2018'")
_TITLE_CLOSE_RE = re.compile(r"[,.]?[\"\u201d\u2019']")
_POSSESSIVE_RE = re.compile(r"(?:['\u2019]s?)$")


_WORD_RE = re.compile(r"[A-Za-z][\w\-'\u2019]*")
_AFTER_ROLE_RE = re.compile(r",?[ \t]+(" + _NAME_TOKEN + r"(?:[ \t]+" + _NAME_TOKEN + r")*)")
_NAME_BEFORE_RE = re.compile(r"(" + _NAME_TOKEN + r"(?:[ \t]+" + _NAME_TOKEN + r")*)\s*$")
_PREP_BEFORE_RE = re.compile(r"\b(?:of|at|for|from|in|with|to)\s+(?:the\s+)?$")
_APPOSITIVE_HEAD_RE = re.compile(r"(" + _NAME_TOKEN + r"(?:[ \t]+" + _NAME_TOKEN + r")*),\s+(?:a|an|the)\s+[^,;.\n]*$")
_OF_PLACE_RE = re.compile(r"(" + _NAME_TOKEN + r"(?:[ \t]+" + _NAME_TOKEN + r")*)[ \t]+of[ \t]+$")
_REL_NP_RE = re.compile(r"\b((?:[a-z][\w\-]*[ \t]+){0,3}[a-z][\w\-]*)[ \t]*$")
_REL_DETERMINERS = frozenset("the a an some many other two three four five several most few those these all both".split())
_INDEFINITE_HEADS = frozenset("those one ones anyone anybody everyone everybody someone somebody".split())
_APPOSITIVE_NAME_RE = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.\s+)?[A-Z][a-z][\w'\u2019\-]*(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z][\w'\u2019\-]*){1,2}")
_LAST_WORD_RE = re.compile(r"([\w\-]+)\s+$")


_CAP_WORD_RE = re.compile(r"[A-Z][\w\-'\u2019]*")
_CAP_CHAR_RE = re.compile(r"[\w\-'\u2019]")


def _cap_word_count(text: str, word: str, limit: int | None = None) -> int:
    """``Counter(_CAP_WORD_RE.findall(text))[word]`` from the occurrences of ``word`` alone,
    counting no further than ``limit`` when one is given.

    A match starts at a capital with no capital before it in its run of word characters and ends
    where the run ends; checking that around each occurrence spares a count of every capitalised
    word of the article (a PolNeAR article asks about ~6 words).
    """
    if not _CAP_WORD_RE.fullmatch(word):
        return 0
    n = 0
    size = len(word)
    p = text.find(word)
    while p >= 0:
        e = p + size
        if e == len(text) or not _CAP_CHAR_RE.match(text, e):
            j = p - 1
            while j >= 0 and _CAP_CHAR_RE.match(text, j) and not "A" <= text[j] <= "Z":
                j -= 1
            if j < 0 or not "A" <= text[j] <= "Z":
                n += 1
                if n == limit:
                    break
        p = text.find(word, p + 1)
    return n


_SENT_START_RE = re.compile(r"(?:^|[.!?]['\"\u201d]?\s+|\n)$")
_SENTENCE_HEAD_RE = re.compile(r"(?:^|[.!?]['\"\u201d]?\s+|\n)([^.!?\n]*)$")
#: Words that may open a sentence before its subject (``But Trump``, ``On Monday, Trump``, ``At a
#: rally in Portland, Maine, on Thursday, Trump``).
_OPENERS = frozenset(
    """but and so yet still meanwhile however then now later earlier also on last this today yesterday
    tonight instead indeed thus in at after before when while as if though although because since once
    finally first separately similarly asked speaking according for from with without despite during
    under over by unlike like until whether""".split()
) | frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


_ADVERB_OPENERS = frozenset(
    """but and so yet still meanwhile however then now later earlier also today yesterday tonight
    instead indeed thus finally first separately similarly when while as if though although because
    since once after before nonetheless nevertheless moreover furthermore besides otherwise likewise
    regardless ultimately initially eventually afterward afterwards overall again importantly
    therefore consequently accordingly elsewhere here there""".split()
) | frozenset("on last this".split())  # with a weekday: "On Monday Trump"


def _opens_clause(text: str, s: int) -> bool:
    """Whether the name at ``s`` is its sentence's subject after an opener: ``But Trump``, ``On
    Monday Trump``, ``At a rally in Portland, Maine, Trump`` -- not ``Perez hammered Trump``."""
    m = _SENTENCE_HEAD_RE.search(text, max(0, s - 160), s)
    if m is None:
        return False
    words = m.group(1).split()
    if not words:
        return True
    if len(words) <= 2 and all(w.lower().strip(",") in _ADVERB_OPENERS or w.strip(",").endswith("ly")
                               or w.strip(",") in _WEEKDAYS for w in words) and \
            not (words[-1].lower() in ("on", "last", "this")):
        return True  # "But Trump", "Still, Trump", "Monday Trump"; not "At DuPont" or "In Harlem"
    return m.group(1).rstrip().endswith(",") and words[0].lower().strip(",") in _OPENERS


#: Words that may sit between a subject and its cue verb (``he also said``, ``has repeatedly said``).
_AUX = frozenset(
    """has have had also later then previously recently once repeatedly ever again just already
    further would will could may might did does do is was are were been be not never reportedly
    publicly privately quickly often frequently first initially still now even simply only
    similarly separately subsequently earlier flatly bluntly openly angrily tweeted""".split()
)
#: Adverbs between a subject and its verb, in lower case only (``has long argued``, not ``Senator Long``).
_ADV_LOWER = frozenset("long always since soon usually generally".split())
_CUE_FORMS: frozenset | None = None


def _cue_forms() -> frozenset:
    """The cue verbs of :mod:`helpers.quotes` (imported once, late: quotes imports this module)."""
    global _CUE_FORMS
    if _CUE_FORMS is None:
        from helpers.quotes import CUE_FORMS

        _CUE_FORMS = CUE_FORMS
    return _CUE_FORMS


_NOT_DESCRIPTION: frozenset | None = None


def _not_description_words() -> frozenset:
    """Lower-case words that end the description before a role head (function words, cue verbs)."""
    global _NOT_DESCRIPTION
    if _NOT_DESCRIPTION is None:
        _NOT_DESCRIPTION = _STOP_NP | _DETERMINERS | _FUNCTION_CAPS | _cue_forms()
    return _NOT_DESCRIPTION


def _modifier_words(words: str) -> bool:
    """Whether the lower-case words between a team and its role only modify the role (``head``
    in ``City head coach``), not a verb and its object (``Dalton praised goalkeeper Luke Ferris``)."""
    cues = _cue_forms()
    return all(w not in _STOP_NP and w not in cues and not w.endswith("ed") for w in words.split())


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def lower_aligned(text: str) -> str:
    """``text.lower()`` of the same length, so offsets into one are offsets into the other
    (``"\u0130".lower()`` is two characters: such a character is left as it is)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def _only_suffixes(toks) -> bool:
    """Whether every token is a name suffix (``Jr.``, ``III``): no name of its own."""
    return all(t.lower().rstrip(".,") in _NAME_SUFFIXES for t in toks)


def _strip_possessive(name: str) -> str:
    return _POSSESSIVE_RE.sub("", name) if name.endswith(("'s", "\u2019s", "'", "\u2019")) else name


def _owner_end(toks: list[str]) -> int:
    """Where a person's name starts after an owner inside a capitalised run (``Morgan Stanley's
    Joseph Moore`` -> 2: the firm is where the person works), else 0."""
    for k in range(len(toks) - 3, 0, -1):
        if toks[k].endswith(("'s", "\u2019s")) and (_name_gender(toks[k + 1]) is not None or (
                len(toks) == k + 3 and toks[-1].lower() not in _OFFICE_WORDS
                and _type_of(" ".join(toks[k + 1:])) == "person")):
            return k + 1
    return 0


def _office_object_end(stripped: str, toks: list[str]) -> int:
    """1 when the name follows the object of a stripped office (``Secretary of`` + ``State Anne
    Porter``: the name is Anne Porter), else 0."""
    if len(toks) >= 3 and stripped.rstrip().endswith(" of") and _name_gender(toks[0]) is None \
            and (_name_gender(toks[1]) is not None or toks[0].lower() in _OFFICE_OBJECTS):
        return 1
    return 0


#: What an office is "of" (``Secretary of Defense``, ``Minister of Finance``), before a name.
_OFFICE_OBJECTS = frozenset("state defense defence treasury commerce labor labour energy health education "
                            "agriculture transportation transport justice interior homeland veterans housing "
                            "finance war staff".split())


#: Capitalised function words that are also first names (``Will Doyle``, ``Theresa May``, ``April Ryan``).
_FIRST_NAME_WORDS = frozenset("Will May June April".split())
_FIRST_NAME_OPENERS = tuple(w + " " for w in _FIRST_NAME_WORDS)
_SENTENCE_END_RE = re.compile(r"[.?!\n]")


def _opens_name(toks: list[str], k: int) -> bool:
    """Whether ``toks[k]`` is a first name like ``Will`` before another name word (``Will Doyle``),
    not a modal or month (``Will the``, ``May 5``)."""
    return toks[k] in _FIRST_NAME_WORDS and k + 1 < len(toks) and _is_cap(toks[k + 1]) \
        and toks[k + 1].lower() not in _FUNCTION_CAPS


def _name_tokens(name: str) -> list[str]:
    """Tokens of a name with leading titles and function words removed."""
    toks = _strip_possessive(name.strip()).split()
    titled = True
    while len(toks) > 1 and (toks[0].lower() in TITLES or (toks[0].lower() in _FUNCTION_CAPS
                                                            and not (titled and _opens_name(toks, 0)))
                             or (toks[0].endswith(("'s", "\u2019s", "s'", "s\u2019"))
                                 and not _possessive_in_name(toks))):
        titled = toks[0].lower() in TITLES
        toks = toks[1:]
    toks = toks[_owner_end(toks) or _office_object_end(name[:name.find(toks[0])] if toks else "", toks):]
    for k in range(len(toks) - 2, 0, -1):
        if toks[k].lower() in _TITLE_ABBREVS:
            return toks[k + 1:]  # "Maryland Gov. Martin O'Malley": the name after the office
    if "of" in toks[2:]:
        k = toks.index("of", 2)
        for j in range(k - 1):
            if toks[j].lower() in _MALE_NAMES or toks[j].lower() in _FEMALE_NAMES:
                return toks[j:k]  # "Scott Hawkins of Cheyenne", "House Speaker Paul D. Ryan of Wisconsin"
    return toks


@lru_cache(maxsize=16384)
def _name_key(name: str) -> tuple[str, str, str, bool] | None:
    """``(name without titles, first token, last token, single token?)``, or None for an empty name."""
    toks = _name_tokens(name)
    if not toks:
        return None
    return " ".join(toks), toks[0], toks[-1], len(toks) == 1


# ----------------------------------------------------------------------------------------------
# Mentions
# ----------------------------------------------------------------------------------------------


@dataclass
class Mention:
    """A speaker as written: offsets into the text, and the description seen with it."""

    start: int
    end: int
    text: str
    role: str | None = None  # appositive or pre-name description (``Belarusian political analyst``)
    name_start: int | None = None  # where the proper name inside the mention starts


def _tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text, lo, hi)]


_TIME_NOUNS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday week month year weekend night
    morning afternoon evening day""".split()
)
_TIME_PREPS = frozenset("on last this next early late that each every".split())
_WEEKDAYS = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


_NEG_AUX_RE = re.compile(r"(?i)(?:do|does|did|is|are|was|were|has|have|had|wo|ca|could|would|should)n['\u2019]t$")


def _skip_aux_back(toks, i):
    while True:
        while i >= 0 and (toks[i][2].lower() in _AUX or toks[i][2] in _ADV_LOWER or toks[i][2] in _CONTROL
                          or _NEG_AUX_RE.match(toks[i][2])
                          or (toks[i][2].endswith("ly") and toks[i][2].islower() and len(toks[i][2]) > 4)) \
                and not _closes_name(toks, i):
            i -= 1
        # a coordinated verb: "Ms. Sherry smiled and said", "He paused, then said"
        if i >= 1 and toks[i][2] == "and" and toks[i - 1][2].islower() and \
                toks[i - 1][2].endswith(("ed", "s")) and toks[i - 1][2] not in _STOP_NP:
            i -= 2
            continue
        # "The poll released Friday shows": a participle with its time word
        if i >= 1 and toks[i][2].lower() in _TIME_NOUNS and toks[i - 1][2].islower() and \
                toks[i - 1][2].endswith("ed"):
            i -= 2
            continue
        # a time phrase between subject and verb: "The White House on Monday also urged"
        if i >= 1 and toks[i][2].lower() in _TIME_NOUNS and toks[i - 1][2].lower() in _TIME_PREPS:
            i -= 2
            continue
        if i >= 2 and toks[i][2].lower() in ("night", "morning", "afternoon", "evening") and \
                toks[i - 1][2].lower() in _TIME_NOUNS and toks[i - 2][2].lower() in _TIME_PREPS:
            i -= 3
            continue
        # "Reince Priebus this past week announced", "Ms. Broaddrick Sunday night recounted"
        if i >= 2 and toks[i][2].lower() in _TIME_NOUNS and toks[i - 1][2].lower() == "past" and \
                toks[i - 2][2].lower() in _TIME_PREPS:
            i -= 3
            continue
        k = i - 1 if i >= 1 and toks[i][2].lower() in ("night", "morning", "afternoon", "evening") else i
        if k >= 1 and toks[k][2] in _WEEKDAYS and toks[k - 1][2][:1].isalnum():
            i = k - 1
            continue
        return i


def _closes_name(toks, i) -> bool:
    """Whether a capitalised ``May``/``Will`` at token ``i`` ends a name (``Theresa May said``), not a modal."""
    return toks[i][2] in _FIRST_NAME_WORDS and i >= 1 and _is_cap(toks[i - 1][2]) \
        and toks[i - 1][2].lower() not in _FUNCTION_CAPS


#: Capitalised function words that are names inside a run of names (``Yin Myint May``, ``Chairman Will Rogers``).
_NAME_FUNCTION_CAPS = frozenset("may will june april august march".split())


def _np_left(toks, i) -> int | None:
    """Index of the first token of the noun phrase ending at token ``i`` (walking left)."""
    j = i
    n = 0
    crossed_of = False
    while j >= 0 and n < 9:
        t = toks[j][2]
        low = t.lower()
        if not (t[0].isalnum()):
            if t in ("&", "/") and j > 0:
                j -= 1
                continue
            break
        if low in _DETERMINERS:
            if not crossed_of and j >= 2 and toks[j - 1][2].lower() == "of" and \
                    toks[j - 2][2][0].isalpha() and toks[j - 2][2].lower() not in _STOP_NP and \
                    toks[j - 2][2].lower() not in _DETERMINERS and n <= 5:
                crossed_of = True  # "the head of the committee"
                j -= 2
                continue
            return j
        if _is_cap(t):
            if low in _FUNCTION_CAPS and low not in _DETERMINERS and not (
                    low in _NAME_FUNCTION_CAPS and j >= 1 and _is_cap(toks[j - 1][2])
                    and toks[j - 1][2].lower() not in _FUNCTION_CAPS and (j == i or _is_cap(toks[j + 1][2]))):
                break
            j -= 1
            n += 1
            continue
        if t == "and" and 0 < j < i and (toks[j - 1][2].lower(), toks[j + 1][2].lower()) in _JOINT_OFFICE_PAIRS:
            j -= 1  # "Work and Pensions Secretary Liz Kendall": one department
            continue
        if (low in ("of", "for", "at") or (t == "in" and j < i and toks[j + 1][2] in _IN_OFFICE_WORDS)) \
                and not crossed_of and j > 0 and n <= 5 and \
                toks[j - 1][2][0].isalpha() and toks[j - 1][2].lower() not in _STOP_NP:
            crossed_of = True
            j -= 1
            continue
        if low in _STOP_NP or low in _PRONOUN_GENDER or (low.endswith("ing") and len(low) > 5):
            break
        if "\u2019t" in low or "'t" in low:
            break
        if low in _cue_forms() and n:
            break
        if low.endswith("ed") and j > 0 and toks[j - 1][2].lower() in ("which", "who", "that"):
            break  # "which included staff members": the relative clause's verb, not an adjective
        j -= 1
        n += 1
    j += 1
    if j > i:
        return None
    # never start on a dangling "of"
    while j <= i and toks[j][2].lower() in ("of", "for", "at"):
        j += 1
    return j if j <= i else None


_CLAUSE_STOPS = frozenset([",", ".", ";", ":", "\"", "\u201c", "\u201d", "!", "?", "''"])


def _inside_parens(toks, tok) -> bool:
    depth = 0
    for t in toks:
        if t is tok:
            return depth > 0
        if t[2] == "(":
            depth += 1
        elif t[2] == ")":
            depth -= 1
    return False


_UNITS = "one|two|three|four|five|six|seven|eight|nine"
# a number written out, as a share often is: "Thirty-one", "twelve", "five"
_NUMBER_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:" + _UNITS + r"))?|"
                r"ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|" + _UNITS + r")")
#: A share of people as a subject: ``Two in three``, ``26%``, ``More than 4 in 10 Republicans``,
#: ``Thirty-one percent of those surveyed``, ``Most of them``, ``All but two``, ``Everyone but Hewlett``.
_QUANTITY_SUBJECT_RE = re.compile(
    r"(?<![\w,.%])(?:(?:about|nearly|almost|roughly|some|only|just|more than|fewer than|less than|over|under|"
    r"at least)\s+)?(?:(?:\d[\d,.]*\s*|" + _NUMBER_WORD + r"\s+)(?:%|percent)|(?:\d+|one|two|three|four|five|six|"
    r"seven|eight|nine|ten)\s+(?:in|out of)\s+(?:every\s+)?(?:\d+|two|three|four|five|ten)|(?:most|some|many|half|"
    r"none|all|both|few|several|each|" + _UNITS + r"|a\s+(?:majority|minority|third|quarter|handful|few|couple)|"
    r"the\s+majority|two-thirds|three-quarters)\s+of(?=\s)|(?:all|everyone|everybody|none|nobody)\s+but(?=\s))"
    r"(?:\s+(?:of\s+)?(?:the\s+)?"
    r"(?!(?:and|or|but|that|who|which|to|also|he|she|they|we|i|it|you|is|are|was|were|has|have|had|will|would)\b)"
    r"[A-Za-z][\w'\u2019\-]*){0,5}$",
    re.IGNORECASE,
)
_CLAUSE_START_BEFORE_RE = re.compile(r"(?:^|[.,;:\"\u201c\u201d\n(]|\b(?:and|but|while|whereas|that))\s*$")


#: The first finite verb of a would-be appositive, and the relative pronoun before it if any.
_APPOSITIVE_CLAUSE_RE = re.compile(
    r"^(?:.*?\b(who|whose|whom|which|that|where|when)\b)?.*?\s(?:is|are|was|were|has|have|had|will|would|can|"
    r"could|should|must|does|do|did)\s", re.IGNORECASE | re.DOTALL)


def find_np_before(text: str, pos: int, lo: int = 0, strict: bool = True) -> Mention | None:
    """The subject noun phrase ending just before ``pos`` (a cue verb), within ``text[lo:pos]``.

    Handles pronouns, names, descriptions and ``NAME, APPOSITIVE, said``.

    >>> find_np_before("Vladimir Putin, Russia's president, said", 36).text
    'Vladimir Putin'
    """
    lo = max(lo, pos - 400)
    toks = _tokens(text, lo, pos)
    i = _skip_aux_back(toks, len(toks) - 1)
    if i >= 1 and toks[i][2] == "here":  # "Her campaign workers here said"
        i = _skip_aux_back(toks, i - 1)
    if i < 0:
        return None
    quantity = _QUANTITY_SUBJECT_RE.search(text, max(lo, toks[i][1] - 120), toks[i][1])
    if quantity is not None and _CLAUSE_START_BEFORE_RE.search(text, max(0, quantity.start() - 12), quantity.start()):
        # "Two in three said", "26% say", "More than 4 in 10 Republicans said" (not "won 52 percent and said")
        return Mention(quantity.start(), quantity.end(), quantity.group())
    t = toks[i][2]
    low = t.lower()
    if low in _PRONOUN_GENDER and low not in ("which",):
        return Mention(toks[i][0], toks[i][1], t)
    contracted = _CONTRACTED_AUX_RE.match(t)
    if contracted and contracted.group(1).lower() in _PRONOUN_GENDER:  # "He's said", "They've argued"
        return Mention(toks[i][0], toks[i][0] + contracted.end(1), contracted.group(1))
    if t in _DASHES:
        return _subject_before_dash(text, toks, i, lo, strict)
    if t in _CLOSING_QUOTES and i >= 2:
        # "Humphrey, who calls Trump a "sociopath," said": the quoted words sit inside the appositive
        if t == "'" and toks[i - 1][2] == "'":
            i -= 1
        if toks[i - 1][2] == ",":
            o = i - 2
            opening = _OPENING_QUOTES[t]
            while o >= 0 and i - o < 45 and toks[o][2] not in opening:
                o -= 1
            if o >= 1 and t == "'" and toks[o - 1][2] == "'":
                o -= 1
            if o >= 1 and toks[o - 1][2][0].isalpha() and _appositive_before(toks, o):
                toks = toks[:o] + [toks[i - 1]]
                i = o
                t = ","
    if t == "," and i >= 2 and toks[i - 1][2] == ")":
        # "Sen. Jack Reed (D-R.I.), said": the comma closes the parenthesis, not an appositive
        k = i - 2
        while k >= 0 and toks[k][2] != "(":
            k -= 1
        b = k - 1
        while b >= 0 and toks[b][2] not in _CLAUSE_STOPS:
            b -= 1
        if k >= 1 and _is_cap(toks[k - 1][2]) and (b < 0 or toks[b][2] != ","):
            i -= 1
            t = ")"
    if t == ")":
        k = i
        while k >= 0 and toks[k][2] != "(":
            k -= 1
        if k <= 0:
            return None
        i = k - 1
        t = toks[i][2]
    if t == ",":
        # NAME, APPOSITIVE, said  (the appositive may hold commas: "Jane Roe, 21, a student, said")
        k = i
        place = None  # (first, last token) of the town in "retired in Cambridge, Mass., said"
        place_prep = None  # the preposition before that town
        relative = False  # inside "NAME, whose husband, X, was ..., said": only "who/whose" may open it
        for _hop in range(3):
            seg_end = k - 1
            k -= 1
            while k >= 0 and i - k < 45 and toks[k][2] not in _CLAUSE_STOPS:
                k -= 1
            if place is None and k >= 1 and toks[k][2] == "," and _is_cap(toks[k - 1][2]) and \
                    _place_tail(toks, k + 1, seg_end):
                # a town and its state are one place, not a name and its appositive
                k -= 1
                place = [k, k]
                while k >= 0 and _is_cap(toks[k][2]) and toks[k][2].lower() not in _FUNCTION_CAPS:
                    k -= 1
                place[0] = k + 1
                if k >= 0 and toks[k][2].lower() in _PLACE_PREPS:
                    place_prep = k
                while k >= 0 and i - k < 45 and toks[k][2] not in _CLAUSE_STOPS:
                    k -= 1
            if k < 1 or toks[k][2] != ",":
                if place_prep is not None and place_prep > k + 1:
                    # "A handful of skywriters in Pasadena, Calif., said": the phrase before the place
                    found = find_np_before(text, toks[place_prep][0], max(lo, toks[k + 1][0] if k >= 0 else lo),
                                           strict)
                    if found is not None:
                        return found
                if place is not None and place[1] == i - 3 and not relative:
                    # no phrase before it: the place itself ("Pasadena, Calif., announced")
                    start, end = toks[place[0]][0], toks[place[1]][1]
                    return Mention(start, end, text[start:end], role=text[toks[place[1] + 2][0]:toks[i - 1][1]])
                return None
            appositive = text[toks[k + 1][0]:toks[i - 1][1]] if k + 1 <= i - 1 else ""
            if _hop == 0 and k >= 1 and _ASIDE_RE.fullmatch(appositive):
                return _subject_before_aside(text, toks, k, lo, strict)
            first_word = appositive.split()[0].lower() if appositive else ""
            if relative and first_word not in ("who", "whose"):
                continue
            if first_word in _PP_PREPS or first_word in ("like", "as", "after", "before"):
                # "Mrs. Clinton, in her stump speech, decried": a parenthetical phrase
                j = _np_left(toks, k - 1)
                if j is not None and (_is_cap(toks[k - 1][2]) or _valid_head(toks[k - 1][2])):
                    return _with_role(Mention(toks[j][0], toks[k - 1][1], text[toks[j][0]:toks[k - 1][1]]))
                return None
            if first_word in ("of", "from"):
                continue  # "Jane Roe, 29, of Huntsville, Ala., says": where she is from, after her age
            if first_word in ("was", "is", "has", "had"):
                relative = True  # "whose husband, Ty Woods, was killed in ..., said": read on to "whose"
                continue
            if not appositive or (first_word in _STOP_NP and first_word not in ("who", "whose", "which", "then")):
                return None  # (but "Mr. Sperling, then 38, said": what he was then)
            clause = _APPOSITIVE_CLAUSE_RE.search(appositive)
            if clause is not None and clause.group(1) is None:
                return None  # "voters, candidates have more room to ..., said X": a clause, not an appositive
            e = k - 1
            if toks[e][2] == ")":  # "Rep. Elijah Cummings (D-Md.), chair of ..., said"
                while e >= 0 and toks[e][2] != "(":
                    e -= 1
                e -= 1
                if e < 0:
                    return None
            j = _np_left(toks, e)
            if j is not None and ((any(_is_cap(x[2]) for x in toks[j:e + 1]) and _is_cap(toks[e][2]))
                                  or toks[e][2].lower() in SPEAKER_HEADS):
                start, end = toks[j][0], toks[e][1]
                return _with_role(Mention(start, end, text[start:end], role=_appositive_role(appositive.strip(" ,"))))
            apo = [x for x in toks[k + 1:i]]
            words = [x for x in apo if x[2][0].isalnum()]
            if words and _is_cap(words[0][2]) and words[0][2].lower() not in _FUNCTION_CAPS and \
                    all(_is_cap(x[2]) or x[2] in ("(", ")", "-", ".") or not x[2][0].isalpha()
                        or _inside_parens(apo, x) for x in apo):
                last = i - 1
                if toks[last][2] == ")":
                    while last > k and toks[last][2] != "(":
                        last -= 1
                    last -= 1
                if last > k:
                    start, end = words[0][0], toks[last][1]
                    return Mention(start, end, text[start:end])
        return None
    if low in _SURVEY_PARTICIPLES and i >= 1 and (toks[i - 1][2].lower() == "those" or
                                                  _people_plural(toks[i - 1][2].lower())):
        j = _np_left(toks, i - 1)  # "Those surveyed say", "By big margins, voters polled said"
        if j is not None:
            return Mention(toks[j][0], toks[i][1], text[toks[j][0]:toks[i][1]])
    titled = t[:1].isupper() and i >= 1 and toks[i - 1][2].lower() in TITLES or _closes_name(toks, i)  # "Mr. Will"
    if not t[0].isalnum() or (not titled and (low in _STOP_NP or (strict and not _valid_head(t)) or _bad_head(t))):
        return None
    j = _np_left(toks, i)
    if j is None:
        return None
    if j >= 1 and toks[j - 1][2].lower() in ("all", "both") and toks[j][2][0].isalnum():
        j -= 1  # "all five states", "both parties"
    if j >= 2 and toks[j - 1][2].lower() in _PP_PREPS and not _is_cap(toks[i][2]) \
            and toks[i][2].lower() not in PERSON_NOUNS:
        # "Mrs. Clinton, in her stump speech, decried": the phrase is a PP, the subject is before it
        k = j - 2
        if toks[k][2] == ",":
            k -= 1
        if k >= 0 and toks[k][2][0].isalnum() and _is_cap(toks[k][2]):
            j2 = _np_left(toks, k)
            if j2 is not None:
                return _with_role(Mention(toks[j2][0], toks[k][1], text[toks[j2][0]:toks[k][1]]))
        if k == j - 2 and k >= 0 and toks[k][2].lower() in PERSON_NOUNS:
            j2 = _np_left(toks, k)  # "Democratic voters in many states said": the people, with where they are
            if j2 is not None:
                return _with_role(Mention(toks[j2][0], toks[i][1], text[toks[j2][0]:toks[i][1]]))
    if j >= 4 and toks[j - 1][2] == "," and _is_cap(toks[j - 2][2]) and _place_tail(toks, j, i):
        # "Stacy Baker of Columbia, South Carolina says", "Voters in Columbia, S.C. say": the
        # people of the town, not the state
        k = j - 2
        while k >= 0 and _is_cap(toks[k][2]) and toks[k][2].lower() not in _FUNCTION_CAPS:
            k -= 1
        if k >= 1 and toks[k][2].lower() in _PLACE_PREPS and toks[k - 1][2].isalpha() and \
                toks[k - 1][2].lower() not in _STOP_NP:
            j2 = _np_left(toks, k - 1)
            if j2 is not None:
                start, end = toks[j2][0], toks[k - 1][1]
                return _with_role(Mention(start, end, text[start:end], role=text[toks[k][0]:toks[i][1]]))
    start, end = toks[j][0], toks[i][1]
    return _with_role(Mention(start, end, text[start:end]))


_PP_PREPS = frozenset("in during at on through via with".split())
#: Dashes around an aside (``Jason Sims \u2014 a teacher \u2014 says``; ``--`` is two ``-`` tokens).
_DASHES = frozenset("\u2014 \u2013 -".split())
#: Closing marks of a quotation inside an appositive, with their openings (NYT ``''`` is two ``'`` tokens).
_OPENING_QUOTES = {"\"": ("\"",), "\u201d": ("\u201c",), "'": ("'",)}
_CLOSING_QUOTES = frozenset(_OPENING_QUOTES)
#: A parenthetical remark between commas that is not an appositive (``Humphrey, for example, said``).
_ASIDE_RE = re.compile(
    r"(?i)for (?:example|instance|one|now|(?:his|her|its|their|our|my) part)|of course|by (?:contrast|comparison)|"
    r"after all|to be sure|as (?:well|expected|usual|always)|so far|above all|too")
#: Prepositions that may join a subject's head to its complement (``Many speakers at the service``).
_SUBJECT_PREPS = frozenset("of in at for from across on with around near among".split())
#: Participles that make ``those`` a subject (``Those surveyed say``, ``voters polled said``).
_SURVEY_PARTICIPLES = frozenset("surveyed polled interviewed questioned sampled contacted".split())


def _appositive_before(toks, o: int) -> bool:
    """Whether the words before a quotation opening at ``toks[o]`` are an appositive after a comma
    (``Humphrey, who calls Trump a``, ``Akhil Amar, author of``), not a clause (``hard,'' Mr. Trump told``)."""
    k = o - 1
    while k >= 0 and o - k < 45 and toks[k][2] not in _CLAUSE_STOPS and toks[k][2] != "'":
        k -= 1
    if k < 0 or toks[k][2] != "," or not toks[k + 1][2][0].isalpha():
        return False
    cues = _cue_forms()
    return toks[k + 1][2].lower() in ("who", "whose", "which") or toks[k + 1][2].endswith("ing") or \
        not any(x[2] in cues for x in toks[k + 1:o])


def _phrase_before(toks, k: int) -> int:
    """Start of the words before ``toks[k]`` that a subject and its prepositional phrases may span
    (``Many speakers at the service``, ``Legislative leaders in North Carolina``); ``k`` if none."""
    j = k - 1
    cues = _cue_forms()
    while j >= 0 and k - j <= 12 and toks[j][2][0].isalnum() and (
            toks[j][2].lower() not in _STOP_NP or toks[j][2].lower() in _SUBJECT_PREPS) and \
            (j == k - 1 or toks[j][2] not in cues):
        j -= 1
    j += 1
    while j < k and toks[j][2].lower() in _SUBJECT_PREPS:
        j += 1
    return j


def _phrase_mention(text: str, toks, j: int, k: int, strict: bool) -> Mention | None:
    """``toks[j:k]`` as a subject of more than one word whose head (before its first preposition) may
    speak, or None."""
    head = j
    while head + 1 < k and toks[head + 1][2].lower() not in _SUBJECT_PREPS:
        head += 1
    if j < k - 1 and not _bad_head(toks[head][2]) and (not strict or _valid_head(toks[head][2])):
        start, end = toks[j][0], toks[k - 1][1]
        return _with_role(Mention(start, end, text[start:end]))
    return None


def _subject_before_aside(text: str, toks, k: int, lo: int, strict: bool) -> Mention | None:
    """The subject before an aside opening at the comma ``toks[k]``: ``Humphrey, for example, said``;
    ``Legislative leaders in North Carolina, for instance, noted`` (not ``North Carolina``); ``Brian
    Murphy, the chairman of ... in New Hampshire, for example, said`` (the name before the appositive)."""
    found = find_np_before(text, toks[k][0], lo, strict)
    if found is not None:
        before = _tokens(text, max(lo, found.start - 20), found.start)
        if not before or before[-1][2].lower() not in _SUBJECT_PREPS:
            return found
    return find_np_before(text, toks[k][1], lo, strict) or \
        _phrase_mention(text, toks, _phrase_before(toks, k), k, strict) or found


def _subject_before_dash(text: str, toks, i: int, lo: int, strict: bool) -> Mention | None:
    """The subject before an aside between dashes that closes at ``toks[i]``: ``Many speakers at the
    service -- including Muslims, Jews -- said`` (the whole phrase, prepositions and all)."""
    if toks[i][2] == "-" and i >= 1 and toks[i - 1][2] == "-":  # "--"
        i -= 1
    k = i - 1
    while k >= 0 and i - k < 45 and toks[k][2] not in _DASHES and toks[k][2] not in (".", "!", "?", ";"):
        k -= 1
    if k >= 1 and toks[k][2] == "-" and toks[k - 1][2] == "-":
        k -= 1
    if k < 1 or toks[k][2] not in _DASHES or i - k < 3:
        return None
    return _phrase_mention(text, toks, _phrase_before(toks, k), k, strict) or \
        find_np_before(text, toks[k][0], lo, strict)


#: Heads of documents and counts whose author may follow (``an analysis by``, ``a post from``).
_DOCUMENT_HEADS = EVIDENCE_NOUNS | frozenset(
    """interview interviews post posts calculation calculations memo memos letter letters statement
    statements filing filings article articles transcript transcripts email emails tweet tweets
    book paper release""".split()
)
_PLACE_PREPS = frozenset("in of from at near outside".split())
#: Postal-style abbreviations of US states as news style writes them after a town (``Mass.``).
_STATE_ABBREVS = frozenset(
    """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. kans. ky. la. md. mass.
    mich. minn. miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c.
    s.d. tenn. tex. vt. va. wash. w.va. wis. wyo. d.c.""".split()
)


def _place_tail(toks, a: int, b: int) -> bool:
    """Whether tokens ``a..b`` are the state or country after a town (``Mass.``, ``Ohio``,
    ``South Carolina``, ``France``)."""
    if a > b or b - a > 2:
        return False
    words = [toks[x][2] for x in range(a, b + 1)]
    if not all(_is_cap(w) for w in words):
        return False
    last = words[-1].lower()
    return last in _STATE_ABBREVS or last.rstrip(".") in PLACES
_CONTRACTED_AUX_RE = re.compile(r"([A-Za-z]+)['\u2019](?:s|ve|d|ll)$")


def _in_office_end(toks: list[str], k: int) -> bool:
    """Whether ``toks[:k]`` ends an office that goes on after ``in`` (``Special Agent in Charge``)."""
    return k >= 3 and toks[k - 1] in _IN_OFFICE_WORDS and toks[k - 2] == "in"


def _with_role(m: Mention) -> Mention:
    """Split ``Belarusian political analyst Artyom Shraibman`` into role + name."""
    toks = m.text.split()
    if len(toks) < 3:
        return m
    # the name is the final run of capitalised tokens; the role is what precedes it
    k = len(toks)
    while k > 0 and _is_cap(toks[k - 1]) and toks[k - 1].lower() not in _ROLE_HEADS and not _in_office_end(toks, k):
        k -= 1
    if _only_suffixes(toks[k:]):
        return m  # "Martin Luther King Jr.": a suffix, not a name after the role "King"
    if 2 <= k < len(toks) and toks[k - 1] == "of":
        j = k - 1
        while j > 0 and _is_cap(toks[j - 1]) and toks[j - 1].lower() not in _ROLE_HEADS:
            j -= 1
        if any(t.lower() in _MALE_NAMES or t.lower() in _FEMALE_NAMES for t in toks[j:k - 1]):
            k = j  # "House Speaker Paul D. Ryan of Wisconsin": the person's name, then a place
        else:
            k += _office_object_end(" of", toks[k:])  # "Secretary of State Anne Porter": State is the office's
    titled = [a for a in range(k, len(toks) - 1) if toks[a].lower() in _TITLE_ABBREVS]
    if titled and titled[-1] > 0:
        k = titled[-1] + 1  # "former Maryland Gov. Martin O'Malley": the role runs to the title
        offset = m.text.index(toks[k], sum(len(t) + 1 for t in toks[:k]) - 1)
        role = m.text[:offset].strip()
        return Mention(m.start, m.end, m.text, role=m.role or role, name_start=m.start + offset)
    described = len(toks) - k >= 2 and all(t.isalpha() and t.islower() for t in toks[:k]) and \
        toks[0] not in _STOP_NP  # "longtime customer Raj Patel": a description in lower case, then a full name
    if 0 < k < len(toks) and (described or _in_office_end(toks, k) or toks[k - 1] in _ORG_ROLE_HEADS
                              or any(t.lower().strip("'\u2019s") in _ROLE_HEADS or t.lower() in _ROLE_HEADS
                                     for t in toks[:k])):
        offset = m.text.index(toks[k], sum(len(t) + 1 for t in toks[:k]) - 1)
        role = m.text[:offset].strip()
        if role.split()[0].lower() in ("the", "a", "an"):
            role = " ".join(role.split()[1:])
        return Mention(m.start, m.end, m.text, role=m.role or role or None, name_start=m.start + offset)
    return m


def find_np_after(text: str, pos: int, hi: int) -> Mention | None:
    """The noun phrase just after ``pos`` (inverted order: ``said Belarusian analyst X, a ...``)."""
    toks = _tokens(text, pos, min(hi, pos + 400))
    if not toks:
        return None
    t = toks[0][2]
    low = t.lower()
    if low in _PRONOUN_GENDER and low not in ("which", "who"):
        return Mention(toks[0][0], toks[0][1], t)
    k = 0
    while k < len(toks) and k < 10:
        w = toks[k][2]
        if not w[0].isalnum():
            if w == "-" or w == "&":
                k += 1
                continue
            break
        if w.lower() in _STOP_NP and not (k and w.lower() in ("of", "for") and k + 1 < len(toks)
                                           and _is_cap(toks[k + 1][2])) and not (
                k and w == "in" and k + 1 < len(toks) and toks[k + 1][2] in _IN_OFFICE_WORDS) and not (
                w in ("Will", "May") and ((k + 1 < len(toks) and _is_cap(toks[k + 1][2])) or (k and _is_cap(toks[k - 1][2])))):
            break  # but "said Will Doyle", "said Theresa May": names
        if k and w.lower() in _DETERMINERS:
            break
        if k and w in _NP_TAIL_PARTICIPLES and toks[k - 1][2].islower():
            break  # "a study published on Wednesday": the study
        k += 1
    if k == 0:
        return None
    start, end = toks[0][0], toks[k - 1][1]
    if k < len(toks) - 1 and toks[k][2].lower() in ("by", "from", "with") and \
            toks[k - 1][2].lower() in _DOCUMENT_HEADS:
        # "a recent report from Bloomberg New Energy Finance", "an analysis by the Pew Research
        # Center": the document's author belongs to the source, and names it
        agent = find_np_after(text, toks[k][1], hi)
        if agent is not None and agent.text.lower() not in _PRONOUN_GENDER:
            words = _tokens(text, agent.start, agent.end)
            for a, b in zip(words, words[1:]):
                if _is_cap(a[2]) and b[2].islower() and not a[2].endswith(("'s", "\u2019s")) and \
                        b[2] not in SPEAKER_HEADS and b[2] not in ("of", "for", "and", "de"):
                    # "by the Pew Research Center based on ...": the name ends before the verb
                    agent = _with_role(Mention(agent.start, a[1], text[agent.start:a[1]]))
                    break
            named = agent.name_start if agent.name_start is not None else \
                (agent.start if any(_is_cap(w[2]) for w in words) else None)
            return Mention(start, agent.end, text[start:agent.end], role=agent.role, name_start=named)
    last = toks[k - 1][2]
    if last.endswith(".") and len(last) > 2 and last[:-1].lower() not in TITLES \
            and last[:-1].lower() not in ("jr", "sr", "inc", "co", "corp", "ltd"):
        end -= 1  # the sentence's full stop, not an abbreviation
    m = _with_role(Mention(start, end, text[start:end]))
    # appositive after the name: ", a former British ambassador ... ."
    if k < len(toks) and toks[k][2] == "," and k + 1 < len(toks):
        a0 = toks[k + 1][0]
        stop = k + 1
        while stop < len(toks) and toks[stop][2] not in (".", ";", "\"", "\u201c", "\u201d", "!", "?"):
            stop += 1
        a1 = toks[stop - 1][1] if stop - 1 > k else a0
        appositive = text[a0:a1].strip().rstrip(",")
        if appositive and appositive.split()[0].lower() in ("a", "an", "the") or (
                appositive and appositive.split()[0].lower() in _ROLE_HEADS) or (
                appositive and re.match(r"\w+['\u2019]s?\s", appositive)):
            first = appositive.split()[0].lower()
            role = " ".join(appositive.split()[1:]) if first in ("a", "an", "the") else appositive
            if m.role is None:
                m.role = role
    return m


# ----------------------------------------------------------------------------------------------
# Resolution
# ----------------------------------------------------------------------------------------------


#: ``the charity``, ``the company``: an organisation referred back to by its kind.
_ORG_DESCRIPTION_RE = re.compile(
    r"[Tt]he[ \t]+(charity|company|firm|developer|society|trust|foundation|bank|club|retailer|"
    r"airline|insurer|lender|chipmaker|carmaker|broadcaster|regulator|watchdog|group)")
#: Name words that tell an organisation's kind (``Greenfield Homes`` is a company).
_ORG_KIND_WORDS = {
    "charity": frozenset("society trust foundation fund appeal".split()),
    "company": frozenset("homes inc inc. corp corp. ltd plc llc group partners holdings systems motors "
                         "airlines airways industries technologies co co. energy".split()),
}
for _kind in ("firm", "developer", "retailer", "chipmaker", "carmaker"):
    _ORG_KIND_WORDS[_kind] = _ORG_KIND_WORDS["company"]
_ORG_ANTECEDENT_SPAN = 800


def _org_fits(head: str, ent) -> bool:
    """Whether an organisation entity can be ``the HEAD`` (by its name or its role)."""
    words = {w.lower() for w in ent.name.split()}
    if head in words or (ent.role and head in ent.role.lower().split()):
        return True
    return bool(words & _ORG_KIND_WORDS.get(head, frozenset()))


@dataclass
class _Entity:
    name: str
    type: str | None
    gender: str | None = None
    role: str | None = None
    aliases: list | None = None
    first: int = 0


def _demonym_key(word: str) -> str:
    w = _strip_possessive(word.lower())
    return w[:5]


@lru_cache(maxsize=4096)
def _description_key(desc: str) -> tuple[str, frozenset] | None:
    """``(role head, demonym keys of its modifiers)`` of a description, None if no role head ends it."""
    words = [w for w in re.findall(r"[\w\-]+", desc.lower()) if w not in _DETERMINERS]
    if not words:
        return None
    head = words[-1]
    head = _ROLE_SYNONYMS.get(head, head)
    if head not in _ROLE_HEADS and head not in _ROLE_SYNONYMS.values():
        return None
    return head, frozenset(_demonym_key(w) for w in words[:-1])


@lru_cache(maxsize=4096)
def _role_key(role: str) -> tuple[frozenset, frozenset]:
    """``(heads with synonyms folded, demonym keys)`` of the words of a learnt role."""
    rw = re.findall(r"[\w\-]+", role.lower())
    return frozenset(_ROLE_SYNONYMS.get(w, w) for w in rw), frozenset(_demonym_key(w) for w in rw)


#: A transcript label opening a paragraph: ``TAPPER: ``, ``Sen. Clinton: ``, ``Q: ``.
_LABEL_RE = re.compile(r"[ \t]*((?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.\s)?[A-Z][A-Za-z'\u2019\-]*(?:\s[A-Z][A-Za-z'\u2019\-]*){0,2}):\s")


#: A person described by age (``the 22-year-old``, ``the 52-year-old actress``); group 1 the noun.
_AGE_DESCRIPTION_RE = re.compile(r"[Tt]he[ \t]+\d{1,3}-year-old(?:[ \t]+((?:[a-z][\w\-]*[ \t]+){0,2}[a-z][\w\-]*))?")
_AGE_NOUN_GENDER = {w: "f" for w in "woman actress mother girl daughter wife grandmother sister".split()} | {
    w: "m" for w in "man actor father boy son husband grandfather brother".split()}
_QA_LINE_RE = re.compile(r"(?m)^[ \t]*[QA]:")
_INTERVIEW_INTRO_RE = re.compile(
    r"\b(?:spoke|talked|sat\s+down|speaks|talks|chatted)\s+(?:to|with)\s+|\binterview(?:ed|s)?\s+(?:with\s+)?",
    re.IGNORECASE)


class SpeakerResolver:
    """Resolve mentions in document order to canonical speakers (stateful: salience, genders)."""

    def __init__(self, text: str, quoted: list[tuple[int, int]] | None = None):
        self.text = text
        self.quoted = sorted(quoted or [])
        self._quoted_starts = [a for a, _ in self.quoted]
        self.entities: dict[str, _Entity] = {}
        self._last_name: dict[str, str] = {}
        self._mentions: list[tuple[int, str]] = []  # (offset, canonical) of person names, outside quotes
        self._subject_memo: dict[int, bool] = {}
        self._cap_counts: dict[str, int] = {}
        self._speakers: list[tuple[int, str, int]] = []  # (offset, speaker, anchoring name offset)
        self._roles: list[tuple[str, str]] = []  # (role text, canonical)
        self._interviewee_memo: list = []  # [] until looked up, then [(name, offset) or None]
        self._index_names()

    # -- names ----------------------------------------------------------------------------------
    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self._quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def _index_names(self) -> None:
        """Every proper-name run: canonical forms (first full mention), genders, person mentions."""
        text = self.text
        records = []
        last_name = self._last_name
        for m in _NAME_RUN_RE.finditer(text):
            raw, base = m.group(), m.start()
            if raw.startswith(_FIRST_NAME_OPENERS) and self._asks(base, m.end()):
                cut = raw.find(" ") + 1  # "Will Sanders come down ...?": a question, not a name
                raw, base = raw[cut:], base + cut
            elif " " in raw and raw[:raw.find(" ")] in _IN_OFFICE_WORDS and text.endswith(" in ", 0, base):
                cut = raw.find(" ") + 1  # "Special Agent in Charge Lisa Tran": the office ends at Charge
                raw, base = raw[cut:], base + cut
            for offset, name, gender, etype, last in _run_names(raw, text.endswith(" of ", 0, base)):
                records.append((base + offset, name, gender, etype))
                if last is not None:
                    last_name.setdefault(last, name)
        entities = self.entities
        mentions = self._mentions
        starts, quoted = self._quoted_starts, self.quoted
        # per distinct name: its canonical form, and whether it is one ungendered word
        seen: dict[str, tuple[str, bool]] = {}
        for s, name, gender, etype in records:
            got = seen.get(name)
            if got is None:
                got = seen[name] = (self.canonical_name(name), " " not in name and _name_gender(name) is None)
            canon, lone = got
            ent = entities.get(canon)
            if ent is None:
                ent = entities[canon] = _Entity(canon, etype, first=s, aliases=[])
                if etype == "person" and " " in canon:
                    ent.gender = _name_gender(canon.split()[0])
            if gender and ent.gender is None:
                ent.gender = gender
            aliases = ent.aliases
            if name not in aliases and len(aliases) < 8:
                aliases.append(name)
            if etype == "organization":
                self._affiliation(s, name)  # "City head coach Maria Santos", City a team
            if etype != "person":
                continue
            i = bisect_right(starts, s) - 1
            if i >= 0 and quoted[i][0] <= s < quoted[i][1]:
                continue
            if lone and self._sentence_initial(s) and self._cap_count(name) < 2:
                continue  # "Nonetheless", "Satellite": a capitalised sentence opener, not a name
            e = s + len(name)
            if self._affiliation(s, name):
                continue
            if s > 0 and text[s - 1] in _TITLE_OPEN and _TITLE_CLOSE_RE.match(text, e):
                continue  # the drama "Harbour Lights": a title, not a person
            if text.startswith(" ", e) and text[e + 1:e + 2].islower() \
                    and (text[max(0, s - 3):s] in (" a ", "An ") or text[max(0, s - 4):s] == " an "
                         or text[max(0, s - 2):s] == "A "):
                continue  # "a Clinton supporter", "an Obama appointee": the name modifies a noun
            mentions.append((s, canon))
        self._learn_roles()

    def _affiliation(self, s: int, name: str) -> bool:
        """Whether the name at ``s`` is a team or body before a role (``City head coach Maria
        Santos``): then it is no one a pronoun means, and the name after the role stands where the
        team stands (the subject when the team opens the sentence)."""
        affiliation = _AFFILIATION_AFTER_RE.match(self.text, s + len(name))
        if affiliation is None or not _modifier_words(affiliation.group(1)):
            return False
        self._subject_memo.setdefault(affiliation.end() - 1, self._is_subject(s))
        return True

    def _cap_count(self, word: str) -> int:
        """How often a capitalised word occurs in the text, up to 2: the caller asks whether it
        occurs twice (counted once per word, lazily)."""
        n = self._cap_counts.get(word)
        if n is None:
            n = self._cap_counts[word] = _cap_word_count(self.text, word, limit=2)
        return n

    def _sentence_initial(self, s: int) -> bool:
        j = s - 1
        text = self.text
        while j >= 0 and text[j] in " \t":
            j -= 1
        return j < 0 or text[j] in ".!?\n\"\u201c\u201d'"

    def _asks(self, s: int, e: int) -> bool:
        """Whether the run at ``s:e`` opens a sentence that ends with a question mark."""
        end = _SENTENCE_END_RE.search(self.text, e)
        return self._sentence_initial(s) and end is not None and end.group() == "?"

    def _is_subject(self, s: int) -> bool:
        """A mention in subject position: sentence start, possibly after a short adverbial."""
        hit = self._subject_memo.get(s)
        if hit is None:
            before = self.text[max(0, s - 40):s]
            hit = self._subject_memo[s] = self._sentence_initial(s) or _opens_clause(self.text, s)
        return hit

    def _type_of_name(self, name: str) -> str:
        return _type_of(name)

    def canonical_name(self, name: str) -> str:
        """Fullest form of a name seen in the article (``Lukashenko`` -> ``Alexander Lukashenko``)."""
        key = _name_key(name)
        if key is None:
            return name
        name, first, last, single = key
        full = self._last_name.get(last)
        if full and (single or full.split()[0] == first or len(full) >= len(name)):
            return full
        return name

    def _learn_roles(self) -> None:
        """Roles from appositives: ``NAME, Russia's president,`` / ``Belarus' ruler, NAME`` / ``analyst NAME``."""
        text = self.text
        low_text = lower_aligned(text)
        heads = []
        # one scan for all heads: an ASCII head bounded by non-letters is a whole [a-z] run, so the
        # regex (bounded by [a-z]) meets every occurrence the letter test below accepts
        for hm in _ROLE_HEAD_RE.finditer(" " + low_text):
            k, e = hm.start(1) - 1, hm.end(1) - 1
            if (k == 0 or not low_text[k - 1].isalpha()) and (e >= len(text) or not low_text[e].isalpha()):
                if k > 0 and low_text[k - 1] == "-":  # then-President
                    k = low_text.rfind(" ", 0, k) + 1
                heads.append((k, e))
        definite = []  # "the Belarusian leader": resolved after all roles are learnt
        not_desc = _not_description_words()
        for h0, h1 in sorted(heads):
            # the description words before the head (``Belarusian political``, ``Russia's``)
            d0 = h0
            det = None
            for wm in reversed(list(_WORD_RE.finditer(text, max(0, h0 - 60), h0))):
                gap = text[wm.end():d0]
                low = wm.group().lower()
                if gap.strip() or low in not_desc:
                    if not gap.strip() and low == "the":
                        det = wm.start()
                    break
                d0 = wm.start()
            d0 = _joint_office_start(text, d0)
            # DESC NAME / DESC, NAME
            nm = _AFTER_ROLE_RE.match(text, h1)
            if nm and len(nm.group(1).split()) >= 2:
                self._add_role(text[d0:h1], self.canonical_name(nm.group(1)))
                continue
            if det is not None and d0 < h0:
                definite.append((det, h1))
            # NAME, DESC,
            k = text.rfind(",", max(0, d0 - 90), d0)
            if k < 0 or "." in text[k:d0] or ";" in text[k:d0]:
                continue
            bm = _NAME_BEFORE_RE.search(text, max(0, k - 60), k)
            if bm is None or len(bm.group(1).split()) < 2:
                continue
            em = _ROLE_END_RE.search(text, h1)
            e = em.start() if em else len(text)
            if e - h1 > 120:
                continue
            self._add_role(text[k + 1:e], self.canonical_name(bm.group(1)))
        # definite descriptions are mentions too ("the Belarusian leader's maneuverability")
        added = False
        for d0, h1 in definite:
            if self._inside_quote(d0):
                continue
            who = self.match_description(text[d0:h1])
            if who and self.entities.get(who) is not None and self.entities[who].type == "person":
                self._mentions.append((d0, who))
                added = True
        if added:
            self._mentions.sort()

    def _add_role(self, role: str, canon: str) -> None:
        role = _clean_role(role)
        if not role:
            return
        if role.lower().startswith(("the ", "a ", "an ")):
            role = role.split(None, 1)[1]
        ent = self.entities.get(canon)
        if ent is None:
            ent = self.entities[canon] = _Entity(canon, "person", aliases=[])
        if ent.type != "person":
            return
        if ent.role is None:
            ent.role = role
        self._roles.append((role, canon))

    def match_description(self, desc: str) -> str | None:
        """The person whose learnt role best matches a description (``the Belarusian leader``)."""
        key = _description_key(desc)
        if key is None:
            return None
        head, mods = key
        best, best_score = None, 0
        for role, canon in self._roles:
            rheads, rmods = _role_key(role)
            if head not in rheads:
                continue
            score = 1 + len(mods & rmods)
            if score > best_score:
                best, best_score = canon, score
        return best

    # -- resolution -------------------------------------------------------------------------------
    def _noun_phrase_before(self, pos: int) -> Mention | None:
        """The lowercase noun phrase right before a relative pronoun: 'activists' in 'with activists who'."""
        m = _REL_NP_RE.search(self.text, max(0, pos - 60), pos)
        if m is None:
            return None
        words = list(_WORD_RE.finditer(m.group(1)))
        dets = [i for i, w in enumerate(words) if w.group().lower() in _REL_DETERMINERS]
        words = words[dets[-1]:] if dets else words[-2:]
        while words and (words[0].group().lower() in _STOP_NP or words[0].group().endswith(("ed", "ing", "ly"))):
            words.pop(0)  # "rebuked critics who", "slamming candidates who": the verb is not in the phrase
        if not words or words[-1].group().lower() in _STOP_NP or words[-1].group().endswith(("ed", "ing")):
            return None
        start, end = m.start(1) + words[0].start(), m.start(1) + words[-1].end()
        return Mention(start, end, self.text[start:end])

    def resolve(self, mention: Mention | None, pos: int, exclude: str | None = None):
        """``(speaker, type, resolution, role, aliases)`` for a mention of a quote at ``pos``."""
        if mention is None:
            return None, None, "unresolved", None
        raw = mention.text
        low = raw.lower()
        if low in ("who", "which"):
            end = len(self.text[:mention.start].rstrip().rstrip(","))
            nm = _NAME_BEFORE_RE.search(self.text, max(0, end - 80), end)
            if nm and _PREP_BEFORE_RE.search(self.text, max(0, nm.start(1) - 12), nm.start(1)):
                # "Cruz, a graduate of Harvard Law School who ...": the person the appositive describes
                nm = _APPOSITIVE_HEAD_RE.search(self.text, max(0, nm.start(1) - 120), nm.start(1)) or nm
            if nm and nm.group(1).lower() in PLACES:
                of = _OF_PLACE_RE.search(self.text, max(0, nm.start(1) - 80), nm.start(1))
                if of is not None:
                    nm = of  # "Senator Bernie Sanders of Vermont, who": the senator, not the state
                elif end < mention.start - 1:
                    nm = None  # "in Greenville, South Carolina, with activists who": a place ends a phrase
            if nm:
                canon = self.canonical_name(nm.group(1))
                ent = self.entities.setdefault(canon, _Entity(canon, self._type_of_name(canon), aliases=[],
                                                              first=nm.start()))
                self._note(ent, raw, mention.start, nm.start(1))
                return canon, ent.type, f"relative pronoun -> antecedent at offset {nm.start(1)}", ent.role
            word = _LAST_WORD_RE.search(self.text, max(0, mention.start - 30), mention.start)
            head = _APPOSITIVE_HEAD_RE.search(self.text, max(0, mention.start - 120), end) \
                if word is not None and word.group(1).islower() else None
            if head is not None and "," not in self.text[head.end(1) + 1:mention.start]:
                canon = self.canonical_name(head.group(1))  # "Braynard, a South Carolina native who writes"
                if canon.lower() not in PLACES:
                    ent = self.entities.setdefault(canon, _Entity(canon, self._type_of_name(canon), aliases=[],
                                                                  first=head.start(1)))
                    self._note(ent, raw, mention.start, head.start(1))
                    return canon, ent.type, f"relative pronoun -> appositive head at offset {head.start(1)}", ent.role
            if word is not None and word.group(1).islower() and word.group(1) not in _STOP_NP \
                    and word.group(1) not in _INDEFINITE_HEADS:
                np_ = self._noun_phrase_before(mention.start)  # "some far-right commentators who have"
                words = np_.text.split() if np_ is not None else []
                if 0 < len(words) <= 4 and np_.text.lower() not in _PRONOUN_GENDER \
                        and not any(w.endswith(("ed", "ly")) for w in words[1:]):
                    found = self.resolve(np_, pos, exclude)
                    if found[0] is not None:
                        return found[0], found[1], f"relative pronoun -> {found[2]} at offset {np_.start}", found[3]
        if low in _PRONOUN_GENDER:
            return self._resolve_pronoun(low, mention.start, exclude)
        if low in _POSSESSIVE_PRONOUNS:  # "her remark that ...": the owner of the words
            return self._resolve_pronoun(_POSSESSIVE_PRONOUNS[low], mention.start, exclude)
        if raw in ("Q", "A") and self.text.startswith(":", mention.end):
            # an interview transcript: "Q: ..." is the interviewer, "A: ..." the one answering,
            # named where the article introduces the interview ("spoke to Dr. Emily Chen")
            named = self._interviewee() if raw == "A" else None
            if named is not None:
                canon, at = named
                ent = self.entities.get(canon)
                return canon, "person", f"interviewee -> named at offset {at}", ent.role if ent else None
            return ("interviewer" if raw == "Q" else "interviewee"), "person", "description", None
        if " " not in raw.strip() and raw[:1].isupper() and _generic_head(low):
            # "Officials said", "Experts say": a capitalised sentence opener, not a name
            head = _strip_possessive(low)
            etype = "source" if head in EVIDENCE_NOUNS else "organization" if head in ORG_NOUNS else "person"
            return raw[:1].lower() + raw[1:], etype, "description", None
        # a description with the person's name in apposition: "Another critic, Laurence H. Tribe, likened"
        appos = mention.role
        words = raw.split()
        if appos and _APPOSITIVE_NAME_RE.fullmatch(appos) and len(words) >= 2 and words[1][:1].islower() \
                and (low.split()[0] in _DETERMINERS | _POSSESSIVE_PRONOUNS.keys()
                     or (words[0][:1].isupper() and _POSSESSIVE_RE.search(words[0]))):  # "Walsh's lawyer, Diane Foster"
            at = self.text.find(appos, mention.end, mention.end + 4 + len(appos))
            if at >= 0:
                canon = self.canonical_name(appos)
                ent = self.entities.setdefault(canon, _Entity(canon, self._type_of_name(canon), aliases=[], first=at))
                if ent.role is None:
                    ent.role = raw
                self._roles.append((raw, canon))
                self._note(ent, appos, mention.start, at)
                return canon, ent.type, f"description -> name in apposition at offset {at}", ent.role
        name_part = raw if mention.name_start is None else self.text[mention.name_start:mention.end]
        toks = name_part.split()
        caps = [t for t in toks if _is_cap(t)]
        first_low = toks[0].lower() if toks else ""
        rest = toks[1:] if first_low in _DETERMINERS else toks
        if mention.name_start is None and first_low in _DETERMINERS and rest and all(
                _is_cap(t) and (t.lower() in TITLES or t.lower() in _OFFICE_WORDS) for t in rest):
            # "The Prime Minister", "the Foreign Secretary": an office, not a name ("Minister")
            who = self.match_description(raw)
            if who:
                ent = self.entities[who]
                self._note(ent, raw, mention.start)
                return who, ent.type, f"description -> {who}", ent.role
            return " ".join(rest), "person", "description", None
        if caps and rest and _is_cap(toks[-1]) and (
                mention.name_start is not None
                or all(_is_cap(t) or t in ("of", "for", "and", "the", "de", "on") for t in rest)):
            # a proper name (possibly after a determiner: "the Kremlin")
            name = " ".join(rest) if first_low in _DETERMINERS else name_part
            canon = self.canonical_name(name)
            etype = self._type_of_name(canon)
            if canon.lower().strip() in ("kremlin", "white house", "pentagon") or etype == "organization":
                etype = "organization"
            if canon.split()[-1].lower() in EVIDENCE_NOUNS:
                etype = "source"  # "the AP-GfK Poll": evidence, not an agent
            ent = self.entities.setdefault(canon, _Entity(canon, etype, aliases=[], first=mention.start))
            if mention.role and mention.role.split()[-1] in _ORG_ROLE_HEADS:
                ent.type = "organization"  # "Disability charity Scope"
            if mention.role and ent.role is None:
                ent.role = mention.role
            if mention.role:
                self._roles.append((mention.role, canon))
            self._note(ent, name, mention.start)
            return canon, ent.type, "name adjacent", ent.role
        # a description
        age = _AGE_DESCRIPTION_RE.fullmatch(raw)
        if age is not None:
            found = self._age_antecedent(age, mention.start, exclude)
            if found is not None:
                return found
        who = self.match_description(raw) or self._org_antecedent(raw, mention.start)
        if who:
            ent = self.entities[who]
            self._note(ent, raw, mention.start)
            return who, ent.type, f"description -> {who}", ent.role
        words = re.findall(r"[\w\-]+", low)
        head = words[-1] if words else ""
        etype = "source" if head in EVIDENCE_NOUNS else \
            "person" if head in PERSON_NOUNS or _plural_person(head) else (
                "organization" if head in ORG_NOUNS else None)
        return raw, etype, "description", None

    def _org_antecedent(self, raw: str, pos: int) -> str | None:
        """``the charity``, ``the company``: the organisation that last spoke, a little before,
        when its name or role fits the noun (``Alzheimer's Society`` is a charity, ``Greenfield
        Homes`` a company; ``the bank`` after the FBI is no FBI)."""
        m = _ORG_DESCRIPTION_RE.fullmatch(raw)
        if m is None:
            return None
        head = m.group(1).lower()
        for p, canon, _ in reversed(self._speakers):
            if pos - p > _ORG_ANTECEDENT_SPAN:
                break
            ent = self.entities.get(canon)
            if ent is not None and ent.type == "organization" and _org_fits(head, ent):
                return canon
        return None

    def _age_antecedent(self, age: re.Match, pos: int, exclude: str | None):
        """``the 22-year-old``, ``the 52-year-old actress``: news style names a person, then refers
        back by age, so the description means the person a pronoun there would (gender from the noun)."""
        noun = age.group(1)
        head = noun.split()[-1].lower() if noun else None
        if head is not None and head not in PERSON_NOUNS and not head.endswith(_AGENT_SUFFIXES):
            return None  # "the 30-year-old law", "the 10-year-old plan"
        cand = self._pick_antecedent(pos, _AGE_NOUN_GENDER.get(head, "?"), exclude)
        if cand is None:
            return None
        p, canon = cand
        ent = self.entities[canon]
        self._note(ent, age.group(), pos, p)
        return canon, "person", f"description -> {canon}", ent.role

    def _note(self, ent: _Entity, alias: str, pos: int, ref: int | None = None) -> None:
        """Record a resolved speaker at ``pos``; ``ref`` is the name or description it rests on."""
        alias = _strip_possessive(alias.strip())
        if alias.lower() not in _PRONOUN_GENDER and alias not in ent.aliases:
            ent.aliases.append(alias)
        self._speakers.append((pos, ent.name, pos if ref is None else ref))

    def _interviewee(self) -> tuple[str, int] | None:
        """``(canonical name, offset)`` of the person an interview introduction names before the
        first ``Q:``/``A:`` line (``spoke to climate scientist Dr. Emily Chen``), or None."""
        if not self._interviewee_memo:
            found = None
            first = _QA_LINE_RE.search(self.text)
            intro = _INTERVIEW_INTRO_RE.search(self.text, 0, first.start()) if first else None
            m = find_np_after(self.text, intro.end(), first.start()) if intro else None
            if m is not None:
                key = _name_key(self.text[m.name_start:m.end] if m.name_start is not None else m.text)
                if key is not None and key[0][:1].isupper() and " " in key[0]:
                    found = (self.canonical_name(key[0]), m.start)
            self._interviewee_memo.append(found)
        return self._interviewee_memo[0]

    def _transcript_speaker(self, pos: int):
        """``(canonical, offset)`` of the label opening a transcript paragraph (``TAPPER: ... I think``),
        or None: an "I" or "we" there is the one the label names."""
        text = self.text
        par = text.rfind("\n", 0, pos) + 1
        m = _LABEL_RE.match(text, par, pos)
        if m is None:
            return None
        label = m.group(1)
        if label in ("Q", "A"):
            return ("interviewer" if label == "Q" else "interviewee"), m.start(1)
        canon = self.canonical_name(label)
        if label.isupper() and canon == label:
            named = self.canonical_name(label.title())  # "FALLIN" -> "Mary Fallin"
            canon = named if named in self.entities else label
        ent = self.entities.get(canon)
        if label.isupper() or (ent is not None and ent.type == "person" and " " in canon):
            return canon, m.start(1)  # "CLINTON:", "Clinton:" of Hillary Clinton; not "Note:"
        return None

    def _resolve_pronoun(self, low: str, pos: int, exclude: str | None):
        gender = _PRONOUN_GENDER[low]
        if low in ("i", "we"):
            label = self._transcript_speaker(pos)
            if label is not None:
                return label[0], "person", f"pronoun -> antecedent at offset {label[1]}", None
        if gender in ("s", "p", "n", "?") and low not in ("who",):
            group = _plural_subject(self.text, pos) if low == "they" else None
            if group is not None:
                # "Tech executives say they ...": the people named earlier in the sentence
                head = _strip_possessive(group.text.split()[-1].lower())
                etype = "organization" if head in ORG_NOUNS or head in _ORG_WORDS else "person"
                return group.text, etype, f"pronoun -> antecedent at offset {group.start}", None
            if low == "it" or low == "they":
                # the latest organisation speaker or mention
                for p, canon, ref in reversed(self._speakers):
                    if p < pos - 1500:
                        break
                    ent = self.entities.get(canon)
                    if p < pos and ent is not None and ent.type == "organization":
                        self._note(ent, low, pos, ref)
                        return canon, "organization", f"pronoun -> antecedent at offset {ref}", ent.role
            return None, None, "unresolved", None
        cand = self._pick_antecedent(pos, gender, exclude)
        if cand is None:
            return None, None, "unresolved", None
        p, canon = cand
        ent = self.entities[canon]
        if ent.gender is None and gender in ("m", "f"):
            ent.gender = gender
        self._note(ent, low, pos, p)
        return canon, "person", f"pronoun -> antecedent at offset {p}", ent.role

    def _compatible(self, canon: str, gender: str) -> bool:
        ent = self.entities.get(canon)
        if ent is None or ent.type != "person":
            return False
        return gender == "?" or ent.gender in (None, gender)

    def _pick_antecedent(self, pos: int, gender: str, exclude: str | None):
        window = pos - 2500
        speaker = None
        for p, canon, ref in reversed(self._speakers):
            if p < window:
                break
            if p < pos and canon != exclude and self._compatible(canon, gender):
                speaker = (p, canon, ref)
                break
        subject = None
        latest = None
        for p, canon in reversed(self._mentions):
            if p >= pos:
                continue
            if p < window:
                break
            if canon == exclude or not self._compatible(canon, gender):
                continue
            if latest is None:
                latest = (p, canon)
            if self._is_subject(p):
                subject = (p, canon)
                break
        if speaker and subject and subject[0] > speaker[0] and subject[1] != speaker[1]:
            return subject
        if speaker:
            return speaker[2], speaker[1]
        return subject or latest

    def entity(self, canon: str | None) -> _Entity | None:
        return self.entities.get(canon) if canon else None

    def source_by_name(self, found: tuple) -> tuple:
        """A resolved ``according to X`` where X is one word, never given a first name in the
        article nor a gender (``According to Opta``, ``data compiled by FactSet``): people are
        named in full in news, so X is an organisation (it stays one for later pronouns)."""
        canon, _, how, role = found
        ent = self.entities.get(canon)
        if ent is None or how != "name adjacent" or " " in canon or ent.gender is not None \
                or canon.lower() in _MALE_NAMES or canon.lower() in _FEMALE_NAMES or canon.lower() in _PRONOUN_GENDER:
            return found
        ent.type = "organization"
        return canon, "organization", how, role


#: Plural people nouns that open sentences as speakers (``Officials said``) but name nobody.
_GROUP_NOUNS = frozenset(
    """people others experts analysts aides advisers advisors critics supporters opponents voters
    residents officials sources observers economists lawmakers leaders members advocates activists
    protesters workers candidates scientists researchers doctors parents students historians
    strategists pollsters insiders donors delegates organizers organisers investigators
    prosecutors authorities diplomats witnesses volunteers participants respondents""".split()
)


#: Words that head a plural subject on their own (``Several said they``, ``46 percent say they``).
_PLURAL_QUANTS = frozenset("several many some most others both percent majority majorities half".split())
_OBJECT_PREPS = frozenset(
    "in on at with to for from by of about against among between into over under after before than like "
    "including".split())


def _plural_subject(text: str, pos: int) -> Mention | None:
    """The first plural phrase for people in the sentence before ``pos`` that is not a preposition's
    object (``In several cases, tech executives say they ...`` -> ``tech executives``)."""
    s = max(text.rfind(c, max(0, pos - 300), pos) for c in ".!?\n\"\u201c\u201d") + 1  # nor inside a quote
    toks = _tokens(text, s, pos)
    for n, (a, b, w) in enumerate(toks):
        low = _strip_possessive(w.lower())
        if low != w.lower() or not _people_plural(low):
            continue  # "officials' emails": a possessive modifies what follows
        if n + 1 < len(toks) and toks[n + 1][2][:1].isalpha() and toks[n + 1][2].islower() and \
                toks[n + 1][2] in SPEAKER_HEADS:
            continue  # a modifier: "members group"
        if n and toks[n - 1][2].lower() in _OBJECT_PREPS:
            continue  # "a surrogate for Republicans"
        m = find_np_before(text, b, s, strict=False)
        if m is None or m.end != b or m.text.lower() in _PRONOUN_GENDER:
            m = Mention(a, b, w)
        if m.text.split()[0].lower() in ("a", "an", "one", "another", "this", "that", "each"):
            continue  # "a sympathizer of white supremacists": one person
        before = [x for x in toks[:n + 1] if x[0] < m.start]
        if before and before[-1][2] != "," and before[-1][2].lower() not in _CLAUSE_OPENERS:
            continue  # an object ("set up liberals for", "help voters in"), not a subject
        return m
    return None


_CLAUSE_OPENERS = frozenset("and but because though although while as when if that so since after before "
                            "until whether yet or".split())
_PEOPLE_PLURAL_ENDINGS = ("ers", "ors", "ists", "ians", "ans", "ats", "ants", "ents", "ives", "als", "ees")
_PEOPLE_PLURALS = frozenset(
    """allies forces groups companies countries campaigns unions organizations networks firms outlets
    troops fans hawks families citizens parties courts others""".split()
)


def _people_plural(low: str) -> bool:
    """Whether a lower-case word is a plural for people or their groups (``executives``, ``allies``,
    ``Democrats``), or a quantity standing for them (``several``, ``46 percent``)."""
    if low in _GROUP_NOUNS or low in _PLURAL_QUANTS or low in _PEOPLE_PLURALS:
        return True
    if not low.endswith(_PEOPLE_PLURAL_ENDINGS) or low in _NOT_PEOPLE_PLURALS:
        return False
    return low in PERSON_NOUNS or low in SPEAKER_HEADS or low in _ORG_WORDS or low[:-1] in PERSON_NOUNS \
        or low.endswith(("ers", "ists", "ians"))  # "farmers", "economists", "librarians"


_NOT_PEOPLE_PLURALS = frozenset(
    """numbers papers letters orders matters waters powers centers borders headquarters others
    corners quarters answers offers chapters filters layers markers meters members' barriers
    transfers computers towers shelters""".split()
)


#: Organisation heads that are common nouns (``Campaign``, ``Government``), not a capitalised
#: institution's name (``Kremlin``, ``White House``, ``State``).
_GENERIC_ORG_NOUNS = ORG_NOUNS - {"kremlin", "white", "state", "court", "army", "union"}


def _generic_head(low: str) -> bool:
    """Whether a one-word mention is a common noun for people or things (``officials``, ``polls``)."""
    word = _strip_possessive(low).strip(".,")
    return word in _GROUP_NOUNS or (word in PERSON_NOUNS and word.endswith("s")) or word in _GENERIC_ORG_NOUNS \
        or word in EVIDENCE_NOUNS


@lru_cache(maxsize=16384)
def _headline_parts(raw: str) -> tuple[tuple[int, str], ...]:
    """A capitalised run cut at its headline verbs: ``Francois Hollande Says Donald Trump Makes``
    -> ``Francois Hollande``, ``Donald Trump Makes`` (with their offsets in the run)."""
    verbs = _headline_verbs()
    parts, start = [], 0
    for m in re.finditer(r"\S+", raw):
        if m.start() > start and m.group().lower() in verbs:
            parts.append((start, raw[start:m.start()].rstrip()))
            start = m.end() + len(raw[m.end():]) - len(raw[m.end():].lstrip())
    if start == 0:
        return ((0, raw),)
    if start < len(raw):
        parts.append((start, raw[start:]))
    return tuple(parts)


@lru_cache(maxsize=16384)
def _run_names(raw: str, after_of: bool = False) -> tuple[tuple[int, str, str | None, str, str | None], ...]:
    """The names of a capitalised run: ``(offset in raw, name, gender, type, last name of a
    multi-word person or None)`` per headline part that parses (one cached lookup per run)."""
    out = []
    for offset, run in _headline_parts(raw):
        p = _parse_name_run(run, after_of and offset == 0)
        if p is not None:
            shift, name, gender, etype = p
            last = name.rsplit(" ", 1)[1] if etype == "person" and " " in name else None
            out.append((offset + shift, name, gender, etype, last))
    return tuple(out)


@lru_cache(maxsize=1)
def _headline_verbs() -> frozenset:
    """Third-person cue verbs (``Says``, ``Tells``, ``Slams``) that end a name in a Title Case headline."""
    from helpers.quotes import SPEECH_FORMS

    verbs = {w for w in SPEECH_FORMS if w.endswith("s") and len(w) > 3} | _HEADLINE_STANCE
    return frozenset(verbs - _NOUN_LIKE_VERBS)


_HEADLINE_STANCE = frozenset(
    "slams blasts backs urges calls vows pledges blames defends praises attacks mocks rips knocks "
    "accuses endorses rejects dismisses denounces condemns hails".split()
)
#: Verb forms that are as often nouns in a Title Case name (``Washington Posts``, ``Claims Court``).
_NOUN_LIKE_VERBS = frozenset("posts notes charges comments counters jokes texts answers reports claims "
                             "states signals".split())


def _plural_person(head: str) -> bool:
    """``diplomats``, ``MPs``: the plural of a person noun."""
    return head.endswith("s") and head[:-1] in _PERSON_NAME_HEADS


_LEADING_AGE_RE = re.compile(r"\d{1,3}(?:,\s*|$)")


def _appositive_role(appositive: str) -> str | None:
    """The role an appositive gives, without the age news style puts first (``Margaret Ellis,
    84,``: no role); a participle phrase is where or how, no role (``Anne Porter, speaking in
    Brussels,``)."""
    m = _LEADING_AGE_RE.match(appositive)
    if m is not None:
        appositive = appositive[m.end():]
    first = appositive.split(None, 1)[0] if appositive else ""
    if not first or (first.islower() and first.endswith("ing") and len(first) > 4):
        return None
    return appositive


def _possessive_in_name(toks: list[str]) -> bool:
    """Whether the possessive opening ``toks`` belongs to an organisation's name (``Alzheimer's
    Society``, ``Children's Trust``), not an owner before it (``Russia's Duma``, ``Obama's
    Justice Department``): one org word after a possessor that is no place and no first name."""
    if len(toks) != 2 or toks[1].lower() not in _ORG_WORDS:
        return False
    owner = _strip_possessive(toks[0])
    return owner.lower() not in PLACES and _name_gender(owner) is None


@lru_cache(maxsize=16384)
def _parse_name_run(raw: str, after_of: bool = False):
    """``(offset of the name in raw, name, gender from a title, type)`` or None for a capitalised run."""
    toks = raw.split()
    shift = 0
    gender = None
    titled = True  # only titles stripped so far: "In May Trump" is a month, "Chairman Will Rogers" a name
    while toks and ((_strip_possessive(toks[0]).lower().rstrip(".") in _FUNCTION_CAPS
                     and not (titled and _opens_name(toks, 0))) or toks[0].lower() in TITLES
                    or (len(toks) > 1 and toks[0].endswith(("'s", "\u2019s", "s'", "s\u2019"))
                        and not _possessive_in_name(toks))):
        titled = toks[0].lower() in TITLES
        g = TITLES.get(toks[0].lower())
        if g:
            gender = g
        shift = raw.index(toks[1], shift + len(toks[0])) if len(toks) > 1 else len(raw)
        toks = toks[1:]
    if not toks or all(len(t) == 2 and t.endswith(".") for t in toks):
        return None  # bare initials ("S." of "U.S.")
    k = _owner_end(toks) or _office_object_end(raw[:shift] if shift or not after_of else " of", toks)
    if k:
        shift = raw.index(toks[k], raw.index(toks[k - 1], shift) + len(toks[k - 1]))
        toks = toks[k:]
    for k in range(len(toks) - 2, 0, -1):
        if (toks[k].lower().rstrip(".,") in _OFFICE_WORDS or toks[k].lower() in _TITLE_ABBREVS) and \
                not _only_suffixes(toks[k + 1:]):
            # "Fed Chair Jerome Powell", "Bank of England Governor Andrew Bailey": the name after the office
            shift = raw.index(toks[k + 1], raw.index(toks[k], shift) + len(toks[k]))
            toks = toks[k + 1:]
            break
    name = _strip_possessive(" ".join(toks)).strip()
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name.rstrip(".")
    if len(name) < 2:
        return None
    return shift, name, gender, _type_of(name)


#: Offices that end the description before a name inside one capitalised run.
_OFFICE_WORDS = frozenset(
    """chair chairman chairwoman chairperson secretary minister director governor senator president ceo
    spokesman spokeswoman spokesperson professor judge justice mayor ambassador commissioner chancellor
    premier speaker attorney congressman congresswoman economist analyst strategist adviser advisor
    founder coach columnist commentator editor reporter correspondent writer anchor host executive
    publisher pollster treasurer councillor councilor captain prosecutor detective inspector sheriff
    superintendent constable""".split())
#: Singular person nouns that make a capitalised phrase a person (``One Labour MP``).
_PERSON_NAME_HEADS = frozenset(w for w in PERSON_NOUNS | _OFFICE_WORDS | {"mp", "mep", "msp"}
                               if not w.endswith("s") or w in ("boss",))
#: Abbreviated titles that end the description before a name (``Maryland Gov. Martin O'Malley``).
_TITLE_ABBREVS = frozenset("gov. sen. rep. gen. col. lt. adm. sgt. capt. dr. prof.".split())
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())


_PLACE_PREFIXES = frozenset("new north south east west united san los las fort rhode northern southern".split())
_CREED_ADJECTIVES = frozenset(
    """democratic republican democrat american muslim christian jewish catholic evangelical
    conservative liberal progressive libertarian independent current""".split()
)


@lru_cache(maxsize=16384)
def _type_of(name: str) -> str:
    toks = [t.lower().strip(".") for t in name.split()]
    low = name.lower()
    if low in PLACES or (len(toks) == 1 and toks[0] in PLACES):
        return "organization"
    if len(toks) == 2 and toks[0] in _PLACE_PREFIXES:
        return "organization"  # "South Carolina", "United States", "Los Angeles": a place speaks as a body
    if len(toks) == 1 and toks[0] in _CREED_ADJECTIVES:
        return "demonym"  # "Democratic", "Republican", "Muslim": an adjective opening a phrase
    if toks and toks[-1] in EVIDENCE_NOUNS and not name[:1].islower() and len(toks) > 1:
        return "source"  # "AP-GfK Poll", "Satellite Imagery": evidence, not an agent
    if len(toks) > 1 and toks[-1] in _PERSON_NAME_HEADS:
        return "person"  # "Labour MP", "Downing Street spokesman": a person of the body named first
    if any(t in _ORG_WORDS for t in toks):
        return "organization"
    if len(toks) == 1 and toks[0].endswith(("ians", "ans")):
        return "organization"
    if len(toks) == 1 and toks[0].endswith(("ian", "ean", "ese", "ish")) and toks[0] not in _MALE_NAMES \
            and toks[0] not in _FEMALE_NAMES:
        return "demonym"
    if len(toks) == 1 and toks[0].endswith("ing") and toks[0] not in ("king", "ming", "jing", "sterling"):
        return "other"  # "Including", "Holding": a capitalised participle
    return "person"


def _clean_role(role: str) -> str:
    """Drop leading verbs and function words a regex caught: ``said Belarusian analyst`` -> ``Belarusian analyst``."""
    cue_forms = _cue_forms()
    words = role.strip().split()
    while words and (words[0].lower() in _STOP_NP or words[0].lower() in cue_forms
                     or (words[0].lower() in _FUNCTION_CAPS and words[0].lower() not in ("the", "a", "an"))):
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=16384)
def _name_gender(first: str) -> str | None:
    low = first.lower().rstrip(".")
    if low in _MALE_NAMES:
        return "m"
    if low in _FEMALE_NAMES:
        return "f"
    if len(low) > 3 and low.endswith(("a", "ia", "ya")) and low not in (
            "joshua", "luca", "nikita", "ilya", "andrea", "sasha", "misha", "kostya"):
        return "f"
    return None


# ----------------------------------------------------------------------------------------------
# The speaker table
# ----------------------------------------------------------------------------------------------


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


#: The quote-table columns a speaker's row is built from (``speaker_aliases``/``speaker_role`` optional).
SUMMARY_INPUT_COLUMNS = ("kind", "start", "speaker_type", "speaker_mention", "speaker_aliases", "speaker_role")


def speaker_summary(rows: list[int], cols: dict[str, list | None]) -> dict:
    """One speakers-table row (all but the name) from the positions of a speaker's quotes.

    ``cols`` maps each of :data:`SUMMARY_INPUT_COLUMNS` to that column as a plain list (``None``
    when the table lacks it). Shared by :func:`speakers_table` and the corpus, which builds every
    article's table of a partition in one pass. Ties between types go to the first one seen, so
    the result never depends on hash order.
    """
    aliases: list[str] = []
    if cols.get("speaker_aliases") is not None:
        for i in rows:
            v = cols["speaker_aliases"][i]
            for a in (v if isinstance(v, (list, tuple)) else []):
                if a not in aliases:
                    aliases.append(a)
    if not aliases:  # a table without our extra column: the mentions as written
        for i in rows:
            m = cols["speaker_mention"][i]
            if _missing(m):
                continue
            m = _strip_possessive(str(m))
            if m.lower() not in _PRONOUN_GENDER and m not in aliases:
                aliases.append(m)
    role = None
    if cols.get("speaker_role") is not None:
        roles = [r for r in (cols["speaker_role"][i] for i in rows) if isinstance(r, str) and r]
        role = max(roles, key=len) if roles else None
    types: dict[str, int] = {}
    stypes = cols["speaker_type"]
    for i in rows:
        t = stypes[i]
        if isinstance(t, str):
            types[t] = types.get(t, 0) + 1
    kinds = [cols["kind"][i] for i in rows]
    return {
        "type": max(types, key=types.__getitem__) if types else None,  # the first of the most common
        "aliases": aliases,
        "role": role,
        "n_quotes": len(rows),
        "n_direct": kinds.count("direct"),
        "n_partial": kinds.count("partial"),
        "n_indirect": kinds.count("indirect"),
        "first_start": int(min(cols["start"][i] for i in rows)),
    }


def speakers_table(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per canonical speaker: type, aliases seen, role from the text, counts, first offset.

    Rows are sorted by number of quotes (most quoted first), then first appearance. One pass over
    plain column lists (no per-group pandas work: this runs once per article in a corpus).
    """
    if quotes is None or len(quotes) == 0 or "speaker" not in quotes:
        return _speaker_frame([])
    cols = _column_lists(quotes)
    groups: dict = {}  # speaker -> row indices, in first-appearance (row) order
    for i, sp in enumerate(cols["speaker"]):
        if not _missing(sp):
            groups.setdefault(sp, []).append(i)
    rows = [{"speaker": speaker, **speaker_summary(idx, cols)} for speaker, idx in groups.items()]
    rows.sort(key=lambda r: (-r["n_quotes"], r["first_start"]))
    return _speaker_frame(rows)


_TABLE_INPUTS = ("speaker",) + SUMMARY_INPUT_COLUMNS
#: ``(column Index, {column: position or None})`` of the last quote table (unique names only).
_INPUT_POSITIONS: tuple = (None, None)


def _column_lists(quotes: pd.DataFrame) -> dict[str, list | None]:
    """``quotes[c].tolist()`` (None for a missing column) of the speaker and summary input columns,
    read from the column arrays at positions found once per column Index (tables share one)."""
    global _INPUT_POSITIONS
    columns = quotes.columns
    key, locs = _INPUT_POSITIONS
    if key is not columns:
        locs = {c: (columns.get_loc(c) if c in columns else None) for c in _TABLE_INPUTS} \
            if columns.is_unique else None
        _INPUT_POSITIONS = (columns, locs)
    if locs is None:
        return {c: (quotes[c].tolist() if c in quotes else None) for c in _TABLE_INPUTS}
    return {c: (None if i is None else quotes._get_column_array(i).tolist()) for c, i in locs.items()}


_SPEAKER_INDEX = pd.Index(SPEAKER_COLUMNS)


def _speaker_frame(rows: list[dict]) -> pd.DataFrame:
    """The speaker table with fixed dtypes: int64 counts, object text (missing stays None).

    One block per column, as ``pd.DataFrame`` forms from a dict of Series, built directly (no
    per-column Series, no inference)."""
    n = len(rows)
    if create_dataframe_from_blocks is None:  # pragma: no cover - pandas < 3
        return _speaker_frame_from_dict(rows)
    blocks = []
    for i, c in enumerate(SPEAKER_COLUMNS):
        if c.startswith("n_") or c == "first_start":
            arr = np.array([r[c] for r in rows], dtype="int64").reshape(1, n)
        else:
            arr = np.empty((1, n), dtype=object)
            arr[0] = np.fromiter((r[c] for r in rows), dtype=object, count=n)  # alias lists stay lists
        blocks.append((arr, np.array([i])))
    return create_dataframe_from_blocks(blocks, index=pd.RangeIndex(n), columns=_SPEAKER_INDEX)


def _speaker_frame_from_dict(rows: list[dict]) -> pd.DataFrame:
    """``_speaker_frame`` on a pandas without ``pandas.api.internals``."""
    data = {}
    for c in SPEAKER_COLUMNS:
        vals = [r[c] for r in rows]
        if c.startswith("n_") or c == "first_start":
            data[c] = np.array(vals, dtype="int64")
        else:
            arr = np.empty(len(vals), dtype=object)
            for i, v in enumerate(vals):  # element-wise: alias lists stay lists
                arr[i] = v
            data[c] = pd.Series(arr, dtype=object, copy=False)
    return pd.DataFrame(data, copy=False)
