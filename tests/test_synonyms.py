"""Words WordNet finds alike (checker.synonyms): what lets a claim in other words be compared with its source."""

import sqlite3

import pytest

from checker.synonyms import alike, build, opposite


@pytest.mark.parametrize("a, b, part", [
    ("walkout", "strike", "NOUN"),  # a kind of strike: a direct hypernym
    ("factory", "plant", "NOUN"),
    ("accord", "agreement", "NOUN"),  # one sense
    ("lift", "raise", "VERB"),
    ("trim", "cut", "VERB"),
])
def test_words_of_one_meaning_are_alike(a, b, part):
    assert alike(a, part, b, part) and alike(b, part, a, part)


@pytest.mark.parametrize("a, b, part", [
    ("raise", "lower", "VERB"),  # opposites are the difference, not the same word
    ("rise", "fall", "VERB"),
    ("buy", "sell", "VERB"),
    ("month", "week", "NOUN"),  # neighbours are other things
    ("strike", "talk", "NOUN"),
    ("president", "minister", "NOUN"),
])
def test_opposites_and_neighbours_are_not(a, b, part):
    assert not alike(a, part, b, part)


def test_only_words_of_one_part_of_speech_are_compared():
    assert not alike("strike", "VERB", "walkout", "NOUN")
    assert not alike("walkout", "NUM", "strike", "NUM")
    assert alike("Geneva", "NUM", "Geneva", "PROPN")  # the same word is the same word


def test_the_table_holds_each_words_first_senses_and_their_hypernyms(tmp_path):
    path = build(tmp_path / "wordnet.sqlite")
    assert not list(tmp_path.glob("*.tmp"))  # written beside it and moved into place
    with sqlite3.connect(path) as db:
        senses, near = db.execute("SELECT senses, near FROM words WHERE pos = 'n' AND lemma = 'walkout'").fetchone()
        count = db.execute("SELECT count(*) FROM words").fetchone()[0]
        antonyms = {r[0] for r in db.execute("SELECT opposite FROM antonyms WHERE lemma = 'cheap'")}
    assert set(senses.split()) < set(near.split())  # its hypernyms beside its senses
    assert count > 100_000
    assert antonyms == {"expensive"}


@pytest.mark.parametrize("a, b, opposed", [
    ("cheap", "expensive", True), ("sour", "sweet", True), ("manual", "automatic", True),
    ("cheap", "inexpensive", False), ("big", "large", False), ("wet", "cold", False),
])
def test_adjectives_wordnet_gives_as_antonyms_are_opposite(a, b, opposed):
    assert opposite(a, b) is opposed and opposite(b, a) is opposed
