from index.chunk import chunk, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_offsets_point_at_the_sentences():
    text = "Talks start at 07:00 GMT, TASS said.  A Ukrainian official denied it!\nWhy? Nobody knows."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Talks start at 07:00 GMT, TASS said.",
        "A Ukrainian official denied it!",
        "Why?",
        "Nobody knows.",
    ]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "U.S. Secretary of State Marco Rubio spoke in Turkey. Dr. J. Smith agreed with Mr. Jones on Jan. 5."
    assert sentences(text) == [
        "U.S. Secretary of State Marco Rubio spoke in Turkey.",
        "Dr. J. Smith agreed with Mr. Jones on Jan. 5.",
    ]


def test_abbreviations_are_found_deep_into_a_long_text():
    # the abbreviation check looks back a few characters only, so it must still see whole tokens
    text = "The delegation met at noon. " * 2000 + "Dr. J. Smith met U.S. officials. Pneumonoultramicroscopicsilicovolcanoconiosis. Next."
    assert sentences(text)[-4:] == ["The delegation met at noon.", "Dr. J. Smith met U.S. officials.",
                                    "Pneumonoultramicroscopicsilicovolcanoconiosis.", "Next."]
    assert len(sentences(text)) == 2003


def test_decimals_and_lowercase_continuations_stay_inside():
    text = 'Inflation was 2.5 percent. "Is it over?" he asked. Yes.'
    assert sentences(text) == ["Inflation was 2.5 percent.", '"Is it over?" he asked.', "Yes."]


def test_lines_without_punctuation_are_their_own_sentences():
    text = "A headline with no full stop\nThe body starts here. It goes on."
    assert sentences(text) == ["A headline with no full stop", "The body starts here.", "It goes on."]


def test_empty_and_punctuation_only_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("  \n\n ... \n") == []


def test_context_window_covers_neighbours():
    text = "One is first. Two is second. Three is third."
    chunks = chunk(text, window=1)
    assert [text[c.start : c.end] for c in chunks] == ["One is first.", "Two is second.", "Three is third."]
    assert text[chunks[0].context_start : chunks[0].context_end] == "One is first. Two is second."
    assert text[chunks[1].context_start : chunks[1].context_end] == text
    assert [c.seq for c in chunks] == [0, 1, 2]


def test_very_long_sentences_are_cut():
    text = ("word " * 600).strip() + "."
    spans = split_sentences(text)
    assert len(spans) >= 3
    assert all(e - s <= 1000 for s, e in spans)


def test_any_script_splits_into_sentences():
    cases = {
        "Переговоры начнутся в 10:00. Украина не подтвердила время. Это 3-й раунд.": 3,
        "Οι συνομιλίες ξεκινούν στις 10:00. Η Ουκρανία δεν επιβεβαίωσε.": 2,
        "بدأت المحادثات في إسطنبول. لم تؤكد أوكرانيا الموعد.": 2,
        "会谈在伊斯坦布尔开始。乌克兰没有确认时间！下一轮呢？": 3,
        "Dr. Smith arrived. The talks began at 10 a.m. on Friday.": 2,  # abbreviations still hold
    }
    for text, n in cases.items():
        assert len(split_sentences(text)) == n, [text[s:e] for s, e in split_sentences(text)]


def test_a_long_russian_article_becomes_sentences_not_1000_character_pieces():
    text = "Делегация России прибыла в Стамбул в четверг. Украина не подтвердила время начала переговоров. " * 2100
    spans = split_sentences(text[:200_000])
    assert len(spans) > 4000 and max(e - s for s, e in spans) < 60
