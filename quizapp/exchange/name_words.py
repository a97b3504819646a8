"""The words that tell what a capitalised run of words is: stop words, titles before a
person's name, head words of each kind of concept, and how common an English word is.

Word rarity comes from wordfreq: a capitalised "Regarding", "Strictly" or "Let" is an
ordinary English word at the start of a clause, while a Vietnamese name, an acronym or
"Politburo" is rare in English at large.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency

from quizapp.generation.words import STOP_WORDS

MORE_STOP_WORDS = {
    "about", "after", "again", "against", "all", "also", "although", "amid", "among", "any",
    "because", "been", "before", "being", "both", "can", "could", "despite", "did", "do",
    "does", "during", "each", "even", "every", "few", "had", "here", "how", "however", "if",
    "last", "many", "may", "meanwhile", "might", "more", "most", "much", "must", "my", "no",
    "not", "now", "one", "only", "other", "over", "should", "since", "so", "some", "such",
    "than", "then", "there", "these", "those", "through", "thus", "too", "two", "under",
    "unlike", "until", "us", "very", "what", "when", "where", "while", "why", "would", "yet",
    "likewise", "therefore", "according", "ibid", "i", "me", "him", "your",
}  # fmt: skip
STOPS = STOP_WORDS | MORE_STOP_WORDS
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec",
}  # fmt: skip
NOT_NAMES = STOPS | MONTHS  # a capitalised word that is one of these names nothing
# Words that introduce a person's name: "Chinese President Xi Jinping" names Xi Jinping.
# Words before a title ("Former Minister", "Deputy Director") that name no office alone.
TITLE_ADJECTIVES = {"former", "late", "deputy", "vice", "acting", "then"}
TITLES = TITLE_ADJECTIVES | {
    "lt", "gen", "col", "capt", "rev", "president", "prime", "minister", "chairman",
    "chairwoman", "secretary", "general",
    "professor", "prof", "dr", "mr", "mrs", "ms", "premier", "chancellor", "director",
    "chief", "king", "queen", "prince", "senator", "governor", "ambassador", "judge", "pope",
    "sir", "dame", "lord", "lady", "colonel", "captain", "bishop", "father", "sister",
}  # fmt: skip
# Heads that say what kind of thing a name is; the last word of a name is its head.
KIND_WORDS = {
    "document": {
        "directive", "declaration", "constitution", "report", "agreement", "treaty", "law",
        "act", "resolution", "decree", "charter", "convention", "amendment", "code", "bill",
        "plan", "program", "programme", "policy", "strategy", "decision", "circular",
        "covenant", "article", "clause",
        "manifesto", "accord", "accords", "protocol", "doctrine",
    },
    "event": {
        "congress", "revolution", "revolutions", "protest", "protests", "movement", "summit",
        "war", "conference", "election", "elections", "uprising", "massacre", "crisis",
        "olympics", "campaign", "reform", "reforms", "spring", "riots", "strike",
    },
    "organization": {
        "party", "committee", "organization", "organisation", "council", "watch", "house",
        "university", "academy", "assembly", "news", "magazine", "journal", "newspaper",
        "times", "union", "association", "institute", "institution", "foundation", "agency",
        "ministry", "department", "bank", "court", "army", "police", "politburo",
        "commission", "bureau", "office", "parliament", "senate", "government",
        "corporation", "company", "network", "radio", "service", "federation", "league",
        "alliance", "front", "fund", "center", "centre", "school", "college", "project",
        "international",
        "post", "press", "tribune", "nations", "forum", "secretariat", "group",
    },
    "place": {
        "sea", "ocean", "river", "mountain", "mountains", "city", "province", "island",
        "islands", "bay", "gulf", "lake", "valley", "street", "square", "district", "county",
        "region", "kingdom", "republic", "strait", "peninsula", "europe", "asia", "africa",
        "america", "states", "east", "west", "wales", "delta", "coast", "highlands",
    },
}  # fmt: skip
# A head word alone ("Party", "Constitution") is too vague to be a concept of its own.
# Abbreviations that begin a name: "St. Petersburg", "Mt. Fuji".
NAME_ABBREVIATIONS = {"st", "mt", "ft", "pt"}
VAGUE_ALONE = set().union(*KIND_WORDS.values()) - {
    "politburo", "europe", "asia", "africa", "america", "wales", "olympics", "secretariat",
} | {"state", "people", "nation", "country", "internet", "web"}  # fmt: skip
GROUP_HEADS = {"group"}  # "Group 72" is a group of people, not an organization's office
DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
              "middle", "central", "upper", "lower"}  # fmt: skip
DEMONYM_ENDINGS = ("ese", "ian", "ish", "ean", "ic", "ist", "ern", "ite", "al")
PLACE_ACRONYMS = {"US", "USA", "UK", "UAE", "PRC", "DPRK", "ROK", "EU"}
JUNK_ACRONYMS = {"OK", "TV", "AM", "PM", "ID", "II", "III", "IV", "VI", "VII", "VIII", "IX",
                 "XI", "XII", "AD", "BC", "CEO", "PS", "FAQ", "PDF", "URL", "HTML"}  # fmt: skip
# Vietnamese names put the family name first; these few cover most of the population,
# so a capitalised run that starts with one is taken for a person.
VIETNAMESE_FAMILY_NAMES = {
    "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
    "ho", "ngo", "duong", "ly", "truong", "au", "dinh", "doan", "lam", "luong", "mai", "trinh",
    "cao", "ha", "ta", "to", "quach", "lai", "chau", "thai",
}  # fmt: skip
PLACE_PREPOSITIONS = {"in", "from", "across", "throughout", "inside", "near", "visited"}

# Verbs of saying: the name before one is a speaker, usually a person.
SPEECH_VERBS = {
    "said", "says", "argued", "argues", "wrote", "writes", "warned", "warns", "claimed",
    "claims", "insisted", "insists", "stated", "told", "tells", "added", "adds", "noted",
    "explained", "explains", "believes", "believed", "stressed", "asked", "replied",
    "states", "notes", "contended", "maintained", "asserted", "declared", "emphasized",
    "emphasised",
}  # fmt: skip
# Zipf frequency (log10 of uses per billion words): 4 is about "crisis" or "verdict".
COMMON_ZIPF = 4.0
VERY_COMMON_ZIPF = 5.5  # "let", "last", "may": above every country's name
INFLECTIONS = ("ly", "ing", "ed")


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    return zipf_frequency(word.lower(), "en")


def is_common_word(word: str) -> bool:
    """An ordinary English word: frequent itself ("Justice") or an inflection of one."""
    word = word.strip(".,;:").lower()
    if not word.isalpha():
        return False
    return zipf(word) >= COMMON_ZIPF + 1 or is_inflected_word(word)


def is_inflected_word(word: str) -> bool:
    """An adverb or participle of a frequent word ("Strictly", "Regarding", "According"),
    which no name is: "Beijing" is not "beij" + "ing"."""
    word = word.strip(".,;:").lower()
    if not word.isalpha():
        return False
    for ending in INFLECTIONS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3 and zipf(stem) >= COMMON_ZIPF:
            return zipf(word) >= COMMON_ZIPF - 1
    return False


def rarest_zipf(words: list[str]) -> float:
    """How common the rarest of ``words`` is; digits and stop words count as common."""
    return min((zipf(w) for w in words if w.isalpha() and w.lower() not in STOPS), default=8.0)
