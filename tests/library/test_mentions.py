"""Concept names are found in text ignoring case and accents; acronyms only in capitals."""

from quizapp.library.mentions import MentionFinder, contains_folded


def test_names_match_ignoring_case_and_accents_longest_first():
    finder = MentionFinder({"vcp": ["Communist Party of Vietnam"], "vietnam": ["Vietnam"]})
    found = finder.find("The communist party of VIETNAM rules Vietnam.")
    assert found == [("vcp", 4, 30), ("vietnam", 37, 44)]
    assert finder.find("Nothing here.") == []


def test_accented_name_is_found_from_unaccented_text_and_back():
    finder = MentionFinder({"trong": ["Nguyễn Phú Trọng"]})
    assert finder.find("nguyen phu trong spoke") == [("trong", 0, 16)]
    finder = MentionFinder({"trong": ["Nguyen Phu Trong"]})
    assert finder.find("Ông Nguyễn Phú Trọng") == [("trong", 4, 20)]


def test_acronyms_match_only_in_capitals():
    finder = MentionFinder({"usa": ["United States", "US"]})
    assert finder.find("Let us see what the US said.") == [("usa", 20, 22)]


def test_names_match_whole_words_only():
    finder = MentionFinder({"sco": ["Shanghai Cooperation Organization", "SCO"], "iran": ["Iran"]})
    assert finder.find("SCOPE and Iranian and Iran") == [("iran", 22, 26)]


def test_contains_folded_requires_whole_words():
    assert contains_folded("The Politburo met.", "politburo")
    assert not contains_folded("Politburos met.", "Politburo")
    assert not contains_folded("anything", "   ")
