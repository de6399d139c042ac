"""One fact at a time: a proposition split on its parse into its main clause and the facts its asides state.

- An aside set off by commas after the subject is its own claim, about the subject:
  an appositive ("Estonia, a NATO member since 2004, ..." → "Estonia is a NATO member since 2004."),
  a relative clause whose pronoun is its subject ("Medinsky, who led the 2022 talks, ..." →
  "Medinsky led the 2022 talks."), a participle ("The talks, held at the palace, ..." → "The talks
  were held at the palace."; "..., including two deputy ministers, ..." → "... include two deputy
  ministers."), and several joined by "and" ("led by X and including Y").
- Predicates joined by "and" with one subject, in the same tense and with no clause between them,
  are two claims ("Zelenskiy would be in Turkey on
  Thursday and would wait for Putin" → "Zelenskiy would be in Turkey on Thursday.", "Zelenskiy
  would wait for Putin.").
- The main clause is what is left. A subject that is itself a list ("Galuzin, Fomin and Kostyukov,
  all senior officials, ...") is not split: an aside about several people is not a fact about each.

The copula of an aside is "is"/"are", or "was"/"were" when the main clause's verb starts with
"was", "were" or "had" (the aside then describes the past too).
"""

from __future__ import annotations

from checker.attribution import SAYING, SUBJECTS, as_sentence, strip_end, tokens_text

MIN_WORDS = 4  # an aside shorter than this ("Putin is president.") is not worth a claim of its own
STATIVE_ING = {"including": ("includes", "include"), "comprising": ("comprises", "comprise"),
               "featuring": ("features", "feature"), "having": ("has", "have"),
               "containing": ("contains", "contain"), "involving": ("involves", "involve"),
               "representing": ("represents", "represent")}
RELATIVE_PRONOUNS = {"who", "which", "that"}


def _set_off(token) -> bool:
    """Between commas: a comma just before the phrase and one (or the end) just after it."""
    doc = token.doc
    lo, hi = token.left_edge.i, token.right_edge.i
    return lo > 0 and doc[lo - 1].text == "," and (hi + 1 >= len(doc) or doc[hi + 1].text in (",", ".", ";"))


def _commas(token) -> set:
    doc = token.doc
    lo, hi = token.left_edge.i, token.right_edge.i
    return {doc[i] for i in (lo - 1, hi + 1) if 0 <= i < len(doc) and doc[i].text == ","}


def _stative(token) -> bool:
    """"including Y": the parser makes it a preposition as often as a participle."""
    return token.lower_ in STATIVE_ING and token.dep_ in ("prep", "acl", "conj")


def _asides(subject) -> list:
    return [c for c in subject.children if (c.dep_ in ("appos", "relcl", "acl") or _stative(c))
            and subject.i < c.i and c.right_edge.i < subject.head.i  # between the subject and its verb
            and _set_off(c) and c.lemma_ not in SAYING]


def _be(subject, predicate_first) -> str:
    plural = subject.tag_ in ("NNS", "NNPS")
    past = predicate_first.lower_ in ("was", "were", "had")
    return ("were" if plural else "was") if past else ("are" if plural else "is")


def _aside_claims(subject_text: str, aside, be: str) -> list[str] | None:
    """The facts an aside states about the subject; None when it is not one we can restate."""
    if aside.dep_ == "appos":
        return [f"{subject_text} {be} {tokens_text([t for t in aside.subtree if not t.is_punct or t.i < aside.right_edge.i])}"]
    if aside.dep_ == "relcl":
        pronoun = [c for c in aside.children if c.dep_ in SUBJECTS and c.lower_ in RELATIVE_PRONOUNS]
        if not pronoun:
            return None  # "which the council approved": the pronoun is not the clause's subject
        return [f"{subject_text} {tokens_text([t for t in aside.subtree if t != pronoun[0]])}"]
    out = []
    # "led by X and including Y": each participle joined by "and" is a fact of its own
    chain = [aside] + [c for c in aside.subtree if c != aside and c.i > 0 and c.doc[c.i - 1].lower_ == "and"
                       and ((c.dep_ == "conj" and c.tag_ in ("VBN", "VBG")) or _stative(c))]
    joins = {c.doc[c.i - 1] for c in chain[1:]}
    for verb in chain:
        others = {t for c in chain if c != verb and c.i > verb.i for t in c.subtree}
        tokens = strip_end([t for t in verb.subtree if t not in others and t not in joins])
        phrase = tokens_text(tokens)
        first = verb.lower_
        if first in STATIVE_ING:
            singular, plural = STATIVE_ING[first]
            rest = phrase.split(" ", 1)[1] if " " in phrase else ""
            out.append(f"{subject_text} {plural if be in ('are', 'were') else singular} {rest}")
        elif verb.tag_ == "VBN":
            out.append(f"{subject_text} {be} {phrase}")
        else:
            return None  # "..., seeking guarantees": a participle that is not a state
    return out


def parts(text: str) -> list[str]:
    """The main clause and one claim per aside and per joined predicate; [text] when there is nothing to split."""
    from checker.parsing import parse

    doc = parse(text)
    if not len(doc):
        return [text]
    sent = doc[:]
    root = sent.root
    subjects = [c for c in root.children if c.dep_ in SUBJECTS]
    if root.pos_ not in ("VERB", "AUX") or len(subjects) != 1 or subjects[0].lower_ in RELATIVE_PRONOUNS:
        return [text]
    subject = subjects[0]
    if any(c.dep_ == "conj" for c in subject.children):
        return [text]  # a list of subjects
    asides = _asides(subject)
    drop = {t for a in asides for t in a.subtree} | {t for a in asides for t in _commas(a)}
    subject_text = tokens_text([t for t in subject.subtree if t not in drop])
    predicate = [t for t in sent if t.i > subject.right_edge.i and t not in drop]
    if not predicate:
        return [text]
    be = _be(subject, predicate[0])
    facts: list[str] = []
    for aside in asides:
        found = _aside_claims(subject_text, aside, be)
        if found is None:
            return [text]
        facts += found
    # predicates joined by "and" under one subject
    joined = [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.tag_ == root.tag_
              and not any(x.dep_ in SUBJECTS | {"expl"} for x in c.children) and _joined_by_and(root, c)]
    cut = {t for c in joined for t in c.subtree} | {c for c in root.children if c.dep_ == "cc" and joined}
    main = [t for t in sent if t not in drop and t not in cut]
    if joined:
        lead = [t for t in main if t.i <= subject.right_edge.i]
        facts = [tokens_text(lead) + " " + tokens_text(strip_end(list(c.subtree))) for c in joined] + facts
    if not facts:
        return [text]
    main_text = as_sentence(tokens_text(strip_end(main)))
    return [main_text] + [as_sentence(f) for f in facts if len(f.split()) >= MIN_WORDS]


def _joined_by_and(root, conj) -> bool:
    """"V1 ... and V2" with the "and" the root's own and nothing but the root's words between: the parser
    sometimes hangs a verb of a relative clause or an infinitive list on the root ("..., who has urged X
    and threatened Y"; "to relinquish land, abandon ..., and declare ...")."""
    doc = root.doc
    before = doc[conj.left_edge.i - 1] if conj.left_edge.i > 0 else None
    if before is None or before.lower_ != "and" or before.head != root:
        return False
    own = set(root.subtree) - set(conj.subtree)
    clauses = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj"}
    return not any(t.dep_ in clauses for t in doc[root.i + 1 : before.i] if t in own)
