"""Typed answers are graded leniently: spelling slips pass, wrong answers do not."""

from __future__ import annotations

import pytest

from quizapp.generation.matching import answer_matches, normalize_answer


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("Nguyễn Phú Trọng", "nguyen phu trong"),
        ("Đà Nẵng", "da nang"),
        ("U.N.", "un"),
        ("Human Rights Watch (HRW)", "human rights watch hrw"),
        ("Project88", "project88"),
        ("2,000", "2000"),
        ("1,000,000", "1000000"),
        ("1.5", "1.5"),
        ("1,5", "1.5"),
        ("People's Army", "peoples army"),
        ("People’s Army", "peoples army"),
        ("Al-Qaeda", "al qaeda"),
        ("Trans–Pacific Partnership", "trans pacific partnership"),
        ("“Đổi Mới”", "doi moi"),
        ("the Politburo", "politburo"),
        ("A Tale of Two Cities", "tale of two cities"),
        ("An Giang", "giang"),
        ("  Freedom   House \n", "freedom house"),
        ("A", "a"),
        ("The", "the"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        ("?!", ""),
        ("", ""),
    ],
)
def test_normalize_answer_folds_case_accents_punctuation_and_articles(text, normalized):
    assert normalize_answer(text) == normalized


@pytest.mark.parametrize(
    ("given", "accepted", "rejected"),
    [
        # Case, accents, punctuation and spacing do not count.
        ("politburo", ["Politburo"], []),
        ("POLITBURO", ["Politburo"], []),
        ("nguyen phu trong", ["Nguyễn Phú Trọng"], []),
        ("Nguyen Phu Trong", ["Nguyễn Phú Trọng"], []),
        ("Da Nang", ["Đà Nẵng"], []),
        ("UN", ["U.N."], []),
        ("U.N", ["U.N."], []),
        ("human rights watch hrw", ["Human Rights Watch (HRW)"], []),
        ("Al Qaeda", ["Al-Qaeda"], []),
        ("Alqaeda", ["Al-Qaeda"], []),
        ("Peoples Army", ["People's Army"], []),
        ("doi moi", ["“Đổi Mới”"], []),
        ("Bosnia and Herzegovina", ["Bosnia & Herzegovina"], []),
        ("humanrightswatch", ["Human Rights Watch"], []),
        ("Human  Rights   Watch", ["Human Rights Watch"], []),
        ("Project 88", ["Project88"], []),
        # Leading articles do not count, on either side.
        ("the Politburo", ["Politburo"], []),
        ("Politburo", ["The Politburo"], []),
        ("a Tale of Two Cities", ["A Tale of Two Cities"], []),
        # Typos within the allowance: 1 edit for 4-7 characters, 2 for 8 or more.
        ("Hanio", ["Hanoi"], []),
        ("Veitnam", ["Vietnam"], []),
        ("Poltiburo", ["Politburo"], []),
        ("Poliburto", ["Politburo"], []),
        ("Freedom Hose", ["Freedom House"], []),
        ("Fredom Hose", ["Freedom House"], []),
        ("Human Rights Wach", ["Human Rights Watch"], []),
        ("nguyen phu trog", ["Nguyễn Phú Trọng"], []),
        ("Projet88", ["Project88"], []),
        # Numbers typed with or without thousands separators.
        ("2013", ["2013"], []),
        ("2000", ["2,000"], []),
        ("2,000", ["2000"], []),
        ("1,5", ["1.5"], []),
        # Any of several aliases.
        ("HRW", ["Human Rights Watch", "HRW"], []),
        ("Saigon", ["Ho Chi Minh City", "Saigon", "Sài Gòn"], []),
        ("Sai Gon", ["Ho Chi Minh City", "Saigon", "Sài Gòn"], []),
        ("Ho Chi Min City", ["Ho Chi Minh City", "Saigon"], []),
        ("ASAEN", ["ASEAN"], []),  # a transposition is one edit; five letters allow one
    ],
)
def test_answer_matches_accepts_right_answers_typed_loosely(given, accepted, rejected):
    assert answer_matches(given, accepted, rejected)


@pytest.mark.parametrize(
    ("given", "accepted", "rejected"),
    [
        # Blank answers never match.
        ("", ["Politburo"], []),
        ("   ", ["Politburo"], []),
        ("?!.", ["Politburo"], []),
        ("the", ["The Politburo"], []),
        # Numbers are never fuzzy.
        ("2012", ["2013"], []),
        ("81", ["18"], []),
        ("1986", ["1968"], []),
        ("2001", ["2,000"], []),
        ("15", ["1.5"], []),
        ("Project89", ["Project88"], []),
        ("Project", ["Project88"], []),
        ("Route 66", ["Route"], []),
        # Short answers get no typo allowance.
        ("SOC", ["SCO"], []),
        ("UM", ["UN"], []),
        # A different name is wrong, even when it looks similar.
        ("Chile", ["China"], []),
        ("Politbureau", ["Politburo"], []),
        ("Ho Chi Minh", ["Nguyễn Phú Trọng"], []),
        ("Human Rights", ["Human Rights Watch"], []),
        ("Amnesty International", ["Human Rights Watch", "HRW"], []),
        # A known wrong answer stays wrong, however close to the right one.
        ("Iran", ["Iraq"], ["Iran"]),
        ("IRAN", ["Iraq"], ["Iran"]),
        ("Austria", ["Australia"], ["Austria"]),
        # A typo as close to a wrong answer as to the right one is not forgiven.
        ("Irak", ["Iraq"], ["Iran"]),
        ("Irna", ["Iraq"], ["Iran"]),
    ],
)
def test_answer_matches_refuses_wrong_and_blank_answers(given, accepted, rejected):
    assert not answer_matches(given, accepted, rejected)


def test_answer_matches_without_rejected_terms_forgives_a_one_letter_typo():
    assert answer_matches("Iran", ["Iraq"])


def test_answer_matches_ignores_a_rejected_term_that_is_also_accepted():
    assert answer_matches("Saigon", ["Saigon"], ["Saigon", "Hanoi"])


def test_answer_matches_ignores_blank_accepted_entries():
    assert not answer_matches("x", ["", "  ", "—"])
    assert answer_matches("Hanoi", ["", "Hanoi"])


@pytest.mark.parametrize(
    ("given", "accepted", "rejected"),
    [
        # A typo is forgiven when it is strictly closer to the right answer than to a wrong one.
        ("Iraqq", ["Iraq"], ["Iran"]),
        ("Vietnnam", ["Vietnam"], ["Cambodia", "Laos"]),
    ],
)
def test_a_typo_closer_to_the_right_answer_than_to_any_wrong_one_is_forgiven(
    given, accepted, rejected
):
    assert answer_matches(given, accepted, rejected)
