"""The learned check-worthiness score: news patterns, the lead, reasons, threshold, speed path.

Sentences here are our own, about made-up places; none comes from the training data.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib import resources

import pytest

from workbench.core.text import assessment, claims
from workbench.core.text.claims import assess, extract
from workbench.core.text.cue_words import WORD, is_plain

ARTICLE = (
    "Harbour Board to close Wendmouth ferry terminal\n\n"
    "The Wendmouth harbour board will close its ferry terminal next year and move "
    "crossings to a new pier at Saltby.\n\n"
    "The decision ends a service that has run from the old quay for more than a century, "
    "and the board said 40 staff would be offered jobs at the new pier.\n\n"
    '"It is a sad day for the town," said councillor Ravi Mendes.\n\n'
    "A review by the county auditor found that repairs to the terminal had cost "
    "£3 million since 2019.\n\n"
    "Wendmouth is a quiet place with a long history of fishing.\n"
)


def test_the_lead_of_an_article_is_a_claim_near_the_top() -> None:
    found = extract(ARTICLE)
    lead = next(c for c in found if c.text.startswith("The Wendmouth harbour board"))
    ranked = sorted(found, key=lambda c: -c.score)
    assert lead in ranked[:2]
    assert any("lead of the article" in reason for reason in lead.reasons)


def test_a_title_is_not_the_lead() -> None:
    found = extract(ARTICLE)
    assert not any(c.text.startswith("Harbour Board to close") for c in found)
    lead = [c for c in found if any("lead" in reason for reason in c.reasons)]
    assert [c.text[:30] for c in lead] == ["The Wendmouth harbour board wi"]


def test_opinion_only_quotes_and_background_rank_below_the_news() -> None:
    quote = assess('"It is a sad day for the town," said councillor Ravi Mendes.')
    background = assess("Wendmouth is a quiet place with a long history of fishing.")
    news = [c.score for c in extract(ARTICLE) if c.text.startswith(("The Wendmouth", "A review"))]
    assert len(news) == 2
    assert quote.score < min(news) and background.score < min(news)
    assert not quote.checkworthy and not background.checkworthy


@pytest.mark.parametrize(
    "sentence",
    [
        "A coroner has ruled that the swimmer drowned after a lifeguard left his post.",
        "An independent panel concluded that the hospital had ignored warnings about its boilers.",
        "The inquiry found that the alarms in the tunnel had been switched off for a week.",
        "The bakery chain will stop selling plastic bags in all of its shops from March.",
        "The health trust has agreed to pay compensation to the families.",
        "The minister refused to answer questions about the sale of the port.",
    ],
)
def test_official_findings_decisions_and_actions_are_claims(sentence: str) -> None:
    assert assess(sentence).checkworthy


def test_a_quoted_opinion_scores_below_a_quoted_fact_from_the_same_person() -> None:
    opinion = assess('"I think this is a cynical move," said campaigner Joe Pike.')
    fact = assess('"The depot was sold for £2 million in May," said campaigner Joe Pike.')
    assert opinion.speaker == fact.speaker == "Joe Pike"
    assert opinion.score < fact.score
    assert fact.checkworthy and not opinion.checkworthy
    assert any(r.startswith("- ") and "opinion" in r for r in opinion.reasons)


_REASON = re.compile(r'^[+-] [a-z][a-z ,]*(?: "[^"]+")? \(\d+\.\d\d\)$')


def test_reasons_are_the_strongest_features_with_their_sign() -> None:
    specific = assess("A 2021 audit by the Lowe Institute found 12% of meters were faulty.")
    vague = assess("I think we should all be a little kinder to each other.")
    for found in (specific, vague):
        assert found.reasons
        assert all(_REASON.match(reason) for reason in found.reasons), found.reasons
        weights = [float(reason.rsplit("(", 1)[1].rstrip(")")) for reason in found.reasons]
        assert weights == sorted(weights, reverse=True)
    assert specific.reasons[0].startswith('+ number "12%"')
    assert any(r.startswith('- opinion "think"') for r in vague.reasons)


def test_word_features_have_readable_names() -> None:
    found = assess("Prices went up by a third in a year, the statistics office said.")
    words = [r for r in found.reasons if r[2:].startswith(("word ", "words "))]
    assert words, found.reasons
    assert all(re.match(r'^[+-] words? "[a-z\' ]+" \(', r) for r in words)


def test_min_score_sets_the_threshold() -> None:
    everything = extract(ARTICLE, min_score=0.0)
    assert len(everything) == 5  # every sentence but the title
    second_best = sorted(c.score for c in everything)[-2]
    strict = extract(ARTICLE, min_score=second_best)
    default = extract(ARTICLE)
    assert len(strict) == 2 < len(default) < len(everything)
    assert all(c.score >= second_best for c in strict)
    assert all(c.score >= claims.default_min_score() for c in default)
    assert not assess("Wendmouth is old.", min_score=0.99).checkworthy


def test_the_threshold_is_the_one_chosen_on_development_data() -> None:
    text = resources.files("workbench.core.text").joinpath("checkworthy.json").read_text("utf-8")
    weights = json.loads(text)
    assert 0.0 < weights["threshold"] < 1.0
    assert claims.default_min_score() == weights["threshold"]
    assert "ClaimBuster" in weights["about"] and "Arslan" in weights["about"]
    assert "CC BY 4.0" in weights["licence"]
    assert len(text.encode("utf-8")) < 500_000


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents gathered on the green to hear the band play.",
        "The town is known for its pretty harbour and narrow lanes.",
        "Wendmouth Harbour Board met behind closed doors on a wet evening.",
        "Nobody could quite explain why the bells rang at midnight.",
        "Is this the end of the road for the old quay?",
    ],
)
def test_plain_sentences_score_as_the_full_assessment_would(
    sentence: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sentences with no number, date, speaker, quotation, study or comparison cue
    skip the closer look; the shortcut must give the same result as the full path."""
    assert is_plain(sentence, set(WORD.findall(sentence.lower())))
    quick = assess(sentence)
    monkeypatch.setattr(assessment, "is_plain", lambda *_: False)
    full = assess(sentence)
    assert quick == full


def test_scoring_needs_no_scikit_learn() -> None:
    code = (
        "import sys; from workbench.core.text.claims import assess; "
        "assess('A 2021 audit found 12% of meters were faulty.'); "
        "print(any(m.split('.')[0] in ('sklearn', 'scipy', 'numpy') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("sentence", "decision"),
    [
        ("The union agreed to call off the strike at the depot.", "agreed"),
        ("Many residents at the meeting agreed that the roads were in a poor state.", None),
        ("The board will publish its accounts before the end of the year.", None),
        ("The firm declined to say how many drivers it employs.", "declined"),
        ("Sales declined sharply in the spring, and the shop closed in June.", "closed"),
    ],
)
def test_a_decision_is_a_verb_that_decides(sentence: str, decision: str | None) -> None:
    from workbench.core.text.checkworthy import cue_features

    found = assess(sentence)
    assert found.cues is not None
    fired = {key: evidence for key, _value, evidence in cue_features(found.cues)}
    assert fired.get("decision") == decision


def test_what_a_quote_says_counts_and_how_it_says_it_does_not() -> None:
    """Events and decisions inside quotation marks are cues; the speaker's own
    "we" is not the writer's first person."""
    from workbench.core.text.checkworthy import cue_features

    found = assess('"We closed the clinic and sold the building," the trust chairman said.')
    assert found.cues is not None
    fired = {key: evidence for key, _value, evidence in cue_features(found.cues)}
    assert fired["decision"] == "closed"
    assert "first_plural" not in fired
    assert found.checkworthy


def test_a_commitment_is_a_decision() -> None:
    from workbench.core.text.checkworthy import cue_features

    found = assess("The port authority has pledged to dredge the channel before the winter.")
    assert found.cues is not None
    fired = {key: evidence for key, _value, evidence in cue_features(found.cues)}
    assert fired.get("decision") == "pledged"


@pytest.mark.parametrize(
    "pledge",
    [
        '"We waste too much power at night, and we have the intention to cut it to half until '
        '2030," said the executive director Omar Vey.',
    ],
)
def test_a_quoted_target_with_a_date_is_a_claim(pledge: str) -> None:
    """A pledge phrased as an aim or an intention commits the speaker as "will" does."""
    assert assess(pledge).checkworthy


def test_an_aim_commits_like_a_decision() -> None:
    aim = '"Delays are still common, and our aim is to halve them by 2029," chief executive Rosa Lind told the Harbour Post.'
    assert any("aim" in reason for reason in assess(aim).reasons)


def test_a_call_to_action_is_furniture_but_the_same_words_in_a_story_are_not() -> None:
    assert not assess("Sign up for our newsletter and get 3 free articles.").checkworthy
    story = "The streaming service continued to sign up subscribers, adding 2.2 million in May."
    assert assess(story).checkworthy


def test_a_quoted_first_person_is_the_speakers_not_the_writers() -> None:
    """ "I" and "we" inside a quotation are the speaker's: they weigh neither as
    a first-person cue nor as words, so an official's quoted account of what was
    done and when reaches the queue."""
    quoted = (
        '"I objected to the freeze on the flood grant as soon as I heard about it on July 18, '
        'and thought we could reverse it before the builders ever knew," said council '
        "treasurer Omar Reyes."
    )
    found = assess(quoted)
    assert found.checkworthy, (found.score, found.reasons)
    assert not any(r.startswith(('- word "i"', '- word "we"')) for r in found.reasons)
    said = assess("I objected to the freeze on the flood grant as soon as I heard about it.")
    assert any("first person" in r or 'word "i"' in r for r in said.reasons)


def test_reasons_come_in_the_same_order_in_every_process() -> None:
    """Words of equal weight ("start" and "will", "give" and "jobs") are given in
    one order whatever the process's string hashing, so a database built by
    several worker processes reads the same as one built by one."""
    code = (
        "from workbench.core.text.claims import assess; "
        "print(assess('Work will start soon to give jobs to people on the border.').reasons)"
    )
    seen = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3", "4", "5", "6")
    }
    assert len(seen) == 1, seen
