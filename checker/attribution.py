"""Who says what: reported speech read off spaCy's dependency parse.

A sentence gives one or more :class:`Statement` s. Each has the proposition to check, the speaker
the article attributes it to ("" for the article's own voice), the stance (asserted or denied),
and what kind of statement it is (a fact, an opinion or a prediction).

The rules, on the parse (en_core_web_sm 3.8):

- **Reporting verbs** ("say", "tell", "announce", "confirm", "warn", ...): the speaker is the verb's
  subject, without its asides (appositives, relative clauses, participles set off by commas); the
  proposition is its clausal complement without "that". This covers interrupted subjects ("The
  Authority, however, said ..."), auxiliaries ("has said"), "told reporters that", the speaker after
  a quote ("'...,' said X"; "..., X said"), and a second reporting verb of the same speaker ("X
  reiterated A and noted B"; "..., adding that B").
- **Denials** ("deny", "dispute", "reject", "dismiss"): the stance is denied; "denied any agreement"
  denies "There was agreement"; "rejected claims that P" and "dismissed reports that P" deny P.
- **Nested reports** ("Reuters reported that officials said P"): the innermost speaker is the one
  who made the statement.
- **"According to X"**, passive reports ("It was reported by X that P", "X was quoted as saying
  that P", "It is understood that P").
- **Two speakers in one sentence** ("A said P, but B denied Q"; "A said P; B said Q") give two
  statements.
- **Pronouns** ("The council said it would ...") are replaced by the speaker, or by the subject of an
  earlier statement of the sentence, when that agrees in number and person; :attr:`Statement.pronoun`
  keeps a subject pronoun left as is, for the article-level pass (:mod:`checker.claims`).
- **Opinions and predictions**: beliefs ("many think"), evaluations ("unfair", "should") and hedged
  forecasts ("could", "may", "is likely to", "predict") are marked, not dropped: the caller decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

ASSERTED, DENIED = "asserted", "denied"
FACT, OPINION, PREDICTION = "fact", "opinion", "prediction"

SAYING = frozenset(
    "say tell report announce state claim confirm add note insist argue write warn suggest estimate reiterate "
    "explain stress acknowledge admit allege declare assert maintain repeat reveal disclose indicate testify "
    "complain concede caution predict forecast find show conclude understand quote".split())
DENYING = frozenset("deny dispute refute reject dismiss contest".split())
BELIEVING = frozenset("think believe feel fear hope expect doubt suspect worry".split())
PREDICTING = frozenset("predict forecast expect".split())
REPORT_NOUNS = frozenset("report claim allegation suggestion rumour rumor accusation speculation assertion "
                         "statement".split())
WH_WORDS = frozenset("when whether if what who whom which how where why".split())
HEDGES = frozenset("may might could".split())
LIKELY = frozenset("likely unlikely probably possibly perhaps".split())
# evaluative words that make a statement an opinion rather than a fact (a short, documented list)
EVALUATIVE = frozenset(
    "unfair fair unjust just wrong right good bad better worse best worst disgraceful shameful unacceptable "
    "acceptable outrageous ridiculous absurd terrible awful excellent great wonderful reckless irresponsible "
    "foolish stupid wise brave cowardly immoral".split())
ASIDES = {"appos", "relcl", "acl", "advcl", "punct", "prep", "amod"}  # dependents dropped from a speaker when set off by commas
SUBJECTS = {"nsubj", "nsubjpass"}
_CLAUSES = re.compile(r";\s+")  # "A said P; B said Q": two clauses, read one by one
_CONTRAST = re.compile(r",\s+(?:but|while|whereas)\s+(?=\S)")  # "A said P, but B said Q"
# nouns for people in a role, so "The minister denied that she ..." can resolve "she" (a documented list)
PERSON_NOUNS = frozenset(
    "minister president premier chancellor mayor governor senator lawmaker spokesman spokeswoman spokesperson "
    "official officer director chief executive chairman chairwoman chair manager coach player striker captain "
    "driver pilot doctor nurse surgeon scientist researcher professor teacher student lawyer judge prosecutor "
    "witness victim suspect resident farmer worker leader secretary ambassador diplomat general commander "
    "soldier analyst economist author writer journalist reporter editor founder owner head adviser advisor "
    "aide negotiator candidate activist campaigner organiser organizer investor banker king queen prince "
    "princess pope bishop priest man woman boy girl mother father son daughter wife husband".split())
PRONOUNS = {"it": "thing", "he": "person", "she": "person", "they": "plural"}


@dataclass(frozen=True)
class Statement:
    """One proposition of a sentence, and who the article says made it."""

    text: str
    speaker: str = ""
    stance: str = ASSERTED
    kind: str = FACT  # fact | opinion | prediction
    pronoun: str = ""  # a subject pronoun left as is ("It"), for the article-level pass to resolve
    subject: str = ""  # the proposition's subject as written after resolution (a candidate for later pronouns)
    subject_kind: str = ""  # person | thing | plural | "" (unknown)
    speaker_kind: str = ""
    notes: tuple[str, ...] = field(default=())


def tokens_text(tokens) -> str:
    """Tokens as text: their own spacing where they are adjacent, one space across a gap."""
    tokens = sorted(tokens, key=lambda t: t.i)
    out = []
    for t, nxt in zip(tokens, tokens[1:] + [None]):
        out.append(t.text + ("" if nxt is None else t.whitespace_ if nxt.i == t.i + 1 else " "))
    return " ".join("".join(out).split())


def strip_end(tokens: list) -> list:
    """Tokens (in order) without trailing punctuation and a dangling coordinator."""
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    return tokens


def _strip_edges(tokens: list) -> list:
    while tokens and (tokens[0].is_punct or tokens[0].lower_ in ("that", "and", "but")):
        tokens = tokens[1:]
    return strip_end(tokens)


def _set_off(token) -> bool:
    """A dependent between commas (or after one): an aside, not part of the name."""
    left = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    return left is not None and left.text in (",", "(", "—", "–")


def _span(head) -> list:
    """The speaker: the subject's subtree without asides set off by commas."""
    drop = set()
    for child in head.children:
        if child.dep_ in ("appos", "relcl") or (child.dep_ in ASIDES and _set_off(child)):
            drop.update(child.subtree)
    return _strip_edges([t for t in head.subtree if t not in drop])


def _subject(verb):
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS | {"expl"}]
    return subjects


def _speaker_tokens(verb) -> list:
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    tokens: list = []
    for s in subjects:
        tokens += _span(s)
    if len(subjects) > 1:  # "Russian news agency TASS": the parser gives two subjects to one noun phrase
        lo, hi = min(t.i for t in tokens), max(t.i for t in tokens)
        tokens = [t for t in verb.doc[lo : hi + 1] if t in tokens or not t.is_punct]
    return tokens


def kind_of(tokens) -> str:
    """person | thing | plural | '' for a noun phrase (its head is its last noun)."""
    heads = [t for t in tokens if t.dep_ in SUBJECTS | {"pobj", "ROOT"} or t.head not in tokens]
    head = heads[0] if heads else (tokens[-1] if tokens else None)
    if head is None:
        return ""
    if head.lower_ in PRONOUNS:
        return PRONOUNS[head.lower_]
    if head.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in tokens):
        return "plural"
    if head.ent_type_ == "PERSON" or (head.pos_ == "PROPN" and head.ent_type_ in ("", "PERSON")
                                      and any(t.ent_type_ == "PERSON" for t in tokens)):
        return "person"
    if head.pos_ == "NOUN" and head.lemma_.lower() in PERSON_NOUNS:
        return "person"
    if head.pos_ == "PROPN" and head.ent_type_ in ("", "ORG") and not any(t.dep_ == "det" for t in tokens):
        return "name"  # a name the tagger could not place, or may have misplaced: a person or an organisation
    if head.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC") or head.pos_ in ("NOUN", "PROPN"):
        return "thing"
    return ""


def compatible(pronoun: str, kind: str) -> bool:
    """Can this pronoun ("it", "he", "she", "they") refer to a noun phrase of this kind?"""
    return PRONOUNS.get(pronoun) == kind or (kind == "name" and pronoun in ("he", "she", "it"))


def _content(verb):
    """The clause a reporting verb introduces, and whether a noun ('reports that P', 'any P') carries it."""
    for c in verb.children:
        if c.dep_ == "ccomp":
            return c, ""
    for c in verb.children:
        if c.dep_ in ("dobj", "pcomp", "prep"):
            if c.lemma_ in REPORT_NOUNS:  # "dismissed reports that P"
                for cc in c.children:
                    if cc.dep_ in ("acl", "ccomp", "relcl") and any(m.lower_ == "that" for m in cc.children):
                        return cc, ""
            if c.dep_ == "dobj" and any(d.lower_ == "any" and d.dep_ == "det" for d in c.children):
                return c, "any"  # "denied any agreement on timing"
            if c.dep_ in ("prep", "pcomp"):  # "quoted as saying that P"
                for cc in c.subtree:
                    if cc != c and cc.lemma_ in SAYING and cc.tag_ == "VBG":
                        inner = _content(cc)
                        if inner[0] is not None:
                            return inner
    return None, ""


def embedded_reports(clause) -> list:
    """Reporting verbs coordinated into a clause ("P, while the operator said Q"; "that P and noted that Q")."""
    return [c for c in clause.children if c.dep_ in ("conj", "advcl") and c.lemma_ in SAYING | DENYING
            and (_subject(c) or any(d.dep_ in ("ccomp", "dobj") for d in c.children))]


def _indirect_question(clause) -> bool:
    first = min(clause.subtree, key=lambda t: t.i)
    return first.lower_ in WH_WORDS


def _second_report(clause):
    """A reporting verb after "and" that the parser left inside the clause ("reiterated P and noted N",
    with "noted" read as an adjective): the token it starts at, or None."""
    tokens = sorted(clause.subtree, key=lambda t: t.i)
    for prev, t in zip(tokens, tokens[1:]):
        if prev.dep_ == "cc" and t.lemma_ in SAYING | DENYING and t.tag_ in ("VBD", "VBZ", "VBN") and t.dep_ not in (
                "conj", "advcl", "ROOT", "ccomp"):
            return t
    return None


def that_conjuncts(clause) -> list:
    """Further clauses of the same report: "said P and that Q"."""
    return [c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]


def _clause_tokens(head, drop_mark: bool = True) -> list:
    cut = {t for r in embedded_reports(head) + that_conjuncts(head) for t in r.subtree}
    tokens = [t for t in head.subtree if t not in cut]
    if drop_mark:
        tokens = [t for t in tokens if not (t.dep_ == "mark" and t.head == head and t.lower_ in ("that", "whether"))]
    return _strip_edges([t for t in tokens if t.text not in ('"', "“", "”", "'", "‘", "’") or t.head != head])


def _kind(verb, clause, expletive: bool = False) -> str:
    """fact, opinion or prediction: from the reporting verb ("predict", "think"; "It is believed that"
    reports, it is not a belief), else from the clause (should/must, an evaluative word, a hedge)."""
    if verb is not None and verb.lemma_ in PREDICTING:
        return PREDICTION
    if verb is not None and verb.lemma_ in BELIEVING and not (expletive and verb.tag_ == "VBN"):
        return OPINION
    if clause is None:
        return FACT
    own = [t for t in clause.subtree if t.head == clause or t == clause]
    if any(t.lower_ in ("should", "must", "ought") and t.dep_ == "aux" for t in own):
        return OPINION
    if any(t.lower_ in EVALUATIVE and t.dep_ in ("acomp", "amod", "attr", "oprd", "ROOT", "ccomp") for t in clause.subtree
           if t.head == clause or t == clause or t.head.dep_ == "attr"):
        return OPINION
    if any(t.lower_ in HEDGES and t.dep_ == "aux" for t in own) or any(t.lower_ in LIKELY for t in own):
        return PREDICTION
    return FACT


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def as_sentence(text: str) -> str:
    """A proposition as a sentence: trimmed, a closing quotation mark restored, a full stop, a capital."""
    text = text.strip().rstrip(",;:")
    if text.count("“") > text.count("”"):  # a quotation closed after the full stop we stripped
        text += "”"
    elif text.count('"') % 2:
        text += '"'
    if text and text[-1] not in ".!?":
        text += "."
    return _capitalise(text)


def _statement(verb, clause, speaker_tokens, stance: str, earlier: list[Statement], any_noun: bool = False,
               expletive: bool = False) -> Statement:
    """A proposition from a clause head, its pronoun subject resolved against the speaker and earlier subjects."""
    speaker = tokens_text(speaker_tokens)
    speaker_kind = kind_of(speaker_tokens) if speaker_tokens else ""
    if any_noun:  # "denied any agreement on timing" → "There was agreement on timing."
        tokens = [t for t in clause.subtree if not (t.lower_ == "any" and t.head == clause)]
        return Statement(as_sentence("there was " + tokens_text(tokens)), speaker, stance, FACT,
                         speaker_kind=speaker_kind)
    tokens = _clause_tokens(clause)
    cut = _second_report(clause)
    if cut is not None:
        tokens = _strip_edges([t for t in tokens if t.i < cut.i])
    subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
    subject = subjects[0] if subjects else None
    substitute: dict = {}  # token → the words that stand for it ("" drops it)
    pronoun, subject_text, subject_kind = "", "", ""
    if subject is not None:
        if stance == DENIED:  # "denied that any soldiers had crossed" → "Soldiers had crossed"
            for d in subject.children:
                if d.lower_ == "any" and d.dep_ == "det":  # "any start time" → "a start time"
                    substitute[d] = "" if subject.tag_ in ("NNS", "NNPS") else (
                        "an" if subject.doc[d.i + 1].lower_[:1] in "aeiou" else "a")
        if subject.lower_ in PRONOUNS:
            candidates = ([(speaker, speaker_kind)] if speaker else []) + [
                (s.subject, s.subject_kind) for s in reversed(earlier) if s.subject]
            found = next(((text, k) for text, k in candidates if compatible(subject.lower_, k)), None)
            if found:
                substitute[subject] = found[0]
                subject_text, subject_kind = found
            else:
                pronoun = subject.text
        else:
            subject_tokens = _span(subject)
            subject_text, subject_kind = tokens_text(subject_tokens), kind_of(subject_tokens)
    words = []
    for t in tokens:
        if t in substitute:
            if substitute[t]:
                words.append(substitute[t] + t.whitespace_)
        else:
            words.append(t.text_with_ws)
    text = as_sentence(" ".join("".join(words).split()))
    if subject_text and text.lower().startswith(subject_text.lower()):
        subject_text = text[: len(subject_text)]
    return Statement(text, speaker, stance, _kind(verb, clause, expletive), pronoun, subject_text,
                     subject_kind, speaker_kind)


def _report(verb, earlier: list[Statement], speaker_tokens=None, stance: str | None = None) -> list[Statement]:
    """The statements a reporting verb introduces ([] when it introduces none)."""
    lemma = verb.lemma_
    if lemma not in SAYING | DENYING | BELIEVING or any(c.dep_ == "neg" for c in verb.children):
        return []  # not a report, or one that did not happen ("did not say when ...")
    subjects = _subject(verb)
    passive = any(s.dep_ == "nsubjpass" for s in subjects)
    expletive = any(s.lower_ == "it" and (s.dep_ == "expl" or passive) for s in subjects)
    if speaker_tokens is None:
        if expletive:  # "It was reported by local media that P" / "It is understood that P"
            agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            speaker_tokens = _span(agents[0]) if agents else []
        elif passive and lemma != "quote":
            return []  # "The talks were reported ..." is not reported speech we can read
        else:
            speaker_tokens = _speaker_tokens(verb)
            if not speaker_tokens or any(t.pos_ in ("VERB", "AUX") for t in speaker_tokens):
                return []  # no subject, or a parse that swallowed a clause into it
    own = DENIED if lemma in DENYING else ASSERTED
    stance = own if stance is None else (DENIED if (stance == DENIED) != (own == DENIED) else ASSERTED)
    clause, how = _content(verb)
    if clause is not None and _indirect_question(clause):
        return []  # "said when the crews would arrive" reports no proposition
    out: list[Statement] = []
    if clause is not None:
        inner = _report(clause, earlier) if how == "" and clause.pos_ in ("VERB", "AUX") else []
        if inner and stance == DENIED:
            inner = [replace(s, stance=DENIED if s.stance == ASSERTED else ASSERTED) for s in inner]
        if inner:
            out += inner
        else:
            out.append(_statement(verb, clause, speaker_tokens, stance, earlier, how == "any", expletive))
            for more_clause in (that_conjuncts(clause) if how == "" else []):
                out.append(_statement(verb, more_clause, speaker_tokens, stance, earlier + out, False, expletive))
            cut = _second_report(clause) if how == "" else None
            if cut is not None:  # what the same speaker goes on to do, told in the article's voice
                rest = _strip_edges([t for t in clause.subtree if t.i >= cut.i])
                out.append(Statement(as_sentence(tokens_text(speaker_tokens) + " " + tokens_text(rest))))
    # the same speaker goes on ("X reiterated A and noted B", "..., adding that B"), or another speaker
    # joins in the clause ("P, while the operator said Q")
    more = [c for c in verb.children if c.dep_ in ("conj", "advcl") and c.lemma_ in SAYING | DENYING
            and not _subject(c)]
    if clause is None and more:  # "The agency confirmed the date and added that P": the first half is an event
        cut = {t for c in more for t in c.subtree}
        own = _strip_edges([t for t in verb.subtree if t not in cut and t not in speaker_tokens])
        out.append(Statement(as_sentence(tokens_text(speaker_tokens) + " " + tokens_text(own))))
    for c in more + (embedded_reports(clause) if clause is not None and how == "" else []):
        own_subject = bool(_subject(c))
        found = _report(c, earlier + out, None if own_subject else speaker_tokens, None)
        if not found and not own_subject and c.dep_ == "conj":  # "and noted Trump's openness": an event, told in the article's voice
            tokens = _strip_edges(list(c.subtree))
            found = [Statement(as_sentence(tokens_text(speaker_tokens) + " " + tokens_text(tokens)))]
        out += found
    return out


def _according_to(sent):
    """'According to X, P' / 'P, according to X': (speaker tokens, the rest of the sentence) or None."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in t.children if c.dep_ == "pobj"]
            if not objects:
                return None
            drop = set(t.subtree) | set(to.subtree)
            speaker = _strip_edges([x for x in objects[0].subtree])
            rest = [x for x in sent if x not in drop]
            # the comma that set the phrase off
            lo, hi = min(x.i for x in drop), max(x.i for x in drop)
            rest = [x for x in rest if not (x.is_punct and x.text == "," and x.i in (lo - 1, hi + 1))]
            return speaker, rest
    return None


def _event_then_report(sent, earlier: list[Statement]) -> list[Statement]:
    """"The company raised its forecast and said it would open a plant": an event in the article's voice,
    then what the same subject said."""
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECTS]
    reports = [c for c in root.children if c.dep_ == "conj" and c.lemma_ in SAYING | DENYING and not _subject(c)]
    if root.pos_ not in ("VERB", "AUX") or len(subjects) != 1 or not reports:
        return []
    speaker = _span(subjects[0])
    found: list[Statement] = []
    for verb in reports:
        found += _report(verb, earlier + found, speaker)
    if not found:
        return []
    cut = {t for r in reports for t in r.subtree} | {r.doc[r.left_edge.i - 1] for r in reports if r.left_edge.i}
    event = Statement(as_sentence(tokens_text(_strip_edges([t for t in sent if t not in cut]))),
                      subject=tokens_text(speaker), subject_kind=kind_of(speaker))
    return [event] + found


def read(sent, earlier: list[Statement] | None = None) -> list[Statement]:
    """The statements of one parsed sentence (a spaCy Span or Doc)."""
    earlier = list(earlier or [])
    according = _according_to(sent)
    if according is not None:
        speaker, rest = according
        rest = _strip_edges(rest)
        if rest:
            root = next((t for t in rest if t.head not in rest or t.head == t), rest[0])
            text = as_sentence(tokens_text([t for t in rest if t.text not in ('"', "“", "”")]))
            subjects = [c for c in root.children if c.dep_ in SUBJECTS]
            subject = tokens_text(_span(subjects[0])) if subjects else ""
            return [Statement(text, tokens_text(speaker), ASSERTED, _kind(None, root), "", subject,
                              kind_of(_span(subjects[0])) if subjects else "", kind_of(speaker))]
    root = sent.root
    misread = _misread_report(sent)
    if misread is not None:
        verb, speaker_tokens = misread
        found = _report(verb, earlier, speaker_tokens)
        if found:
            return found
    heads = [root] + [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and _subject(c)]
    out: list[Statement] = []
    for head in heads:
        out += _report(head, earlier + out)
    if out:
        return out
    out = _event_then_report(sent, earlier)
    if out:
        return out
    # the article's own voice: the whole sentence, its subject for later pronouns
    subjects = [c for c in root.children if c.dep_ in SUBJECTS]
    text = as_sentence(tokens_text(_strip_edges(list(sent))))
    subject = subjects[0] if subjects else None
    if subject is not None and subject.lower_ in PRONOUNS:
        return [Statement(text, pronoun=subject.text, kind=_kind(None, root))]
    subject_tokens = _span(subject) if subject is not None else []
    return [Statement(text, kind=_kind(None, root), subject=tokens_text(subject_tokens),
                      subject_kind=kind_of(subject_tokens))]


def _misread_report(sent):
    """(verb, speaker tokens) when the parser took "The news agency TASS said P" for a noun phrase
    ("agency" the root, "said" a relative clause): every word before the verb is the speaker."""
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return None
    for verb in sent:
        if verb.dep_ in ("relcl", "acl") and verb.lemma_ in SAYING | DENYING and any(
                c.dep_ == "ccomp" for c in verb.children):
            speaker = _strip_edges([t for t in sent if t.i < verb.i])
            if speaker and not any(t.pos_ in ("VERB", "AUX") for t in speaker):
                return verb, speaker
    return None


def _is_clause(doc) -> bool:
    root = doc[:].root
    return (root.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECTS for c in root.children)) or \
        _misread_report(doc[:]) is not None


def statements(sentence: str, earlier: list[Statement] | None = None) -> list[Statement]:
    """The statements of a sentence given as text.

    Clauses joined by ';' are read one by one, and so are those joined by ", but" / ", while" /
    ", whereas" when each is a clause of its own: the small parser sometimes hangs "A said P, but B
    said Q" together wrongly, and each half alone it reads well."""
    from checker.parsing import parse

    out: list[Statement] = []
    for part in _CLAUSES.split(sentence.strip()):
        part = part.strip()
        if not part:
            continue
        halves = [h.strip() for h in _CONTRAST.split(part) if h.strip()]
        docs = [parse(h) for h in halves] if len(halves) > 1 else []
        for doc in (docs if docs and all(_is_clause(d) for d in docs) else [parse(part)]):
            if len(doc):
                out += read(doc[:], list(earlier or []) + out)
    return out


NEGATIVE_WORDS = frozenset("no none nothing nobody never neither nor".split())


def negative(text: str) -> bool:
    """Does the proposition's main clause say that something is not so ("no new talks had been
    scheduled", "the driver was not injured", "nobody was hurt")?"""
    from checker.parsing import parse

    doc = parse(text)
    root = doc[:].root
    for t in root.children:
        if t.dep_ == "neg" or (t.dep_ == "advmod" and t.lower_ == "never"):
            return True
        if t.dep_ in SUBJECTS | {"dobj", "attr"} and (t.lower_ in NEGATIVE_WORDS or any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_WORDS for d in t.children)):
            return True
    return False
