"""Should a premise ever be two adjacent sentences? Decided on SciFact's training claims.

    python -m checker.lab.pair_premises [--split train|report] [--limit N]

A claim may join facts that its evidence states in two adjacent sentences. For each claim and the
abstracts it cites, every sentence is a premise (as in ``crosscheck eval scifact --cited``); a variant
also scores each adjacent pair as one premise when the pair holds at least ``gain`` more of the
claim's content words than either sentence alone (``checker.consistency.aligned``). The verdict is
decided as the pipeline decides it, and the tool prints accuracy and macro-F1 for each gain.

On the training claims (579, never the report split), with the shipped model and thresholds and
before the contradiction guard (``CONTRADICTION_ALIGNMENT``), no gain
helped: macro-F1 0.604 with single sentences, 0.604 / 0.597 / 0.577 with pairs at gain 0.34 / 0.2 /
0.1 (at 0.34 hardly any pair qualifies). So the runtime keeps one-sentence premises
(``checker.verdict.premise``).
"""

from __future__ import annotations

import argparse

from checker.lab import datasets as ds
from checker.lab.evaluate import SCIFACT_GOLD, given_row
from checker.lab.metrics import score
from checker.verdict import Thresholds, premise

GAINS = (None, 0.34, 0.2, 0.1)


def premises(claim: str, doc: dict, gain: float | None) -> list[tuple[str, str]]:
    from checker.consistency import aligned
    from checker.parsing import parse

    sents = doc["abstract"]
    out = [(str(doc["doc_id"]), premise(doc["title"], s)) for s in sents]
    if gain is not None:
        c = parse(claim)
        for a, b in zip(sents, sents[1:]):
            if aligned(c, parse(f"{a} {b}")) - max(aligned(c, parse(a)), aligned(c, parse(b))) >= gain:
                out.append((str(doc["doc_id"]), premise(doc["title"], f"{a} {b}")))
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="train", choices=["train", "report"])
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args(argv)
    from checker.nli import load_nli

    nli = load_nli()
    t = Thresholds.from_bundle(nli.bundle)  # the shipped thresholds, as the pipeline uses them
    corpus = {d["doc_id"]: d for d in ds.scifact_corpus()}
    claims = [c for c in ds.scifact_claims() if ds.scifact_is_report(c["id"]) == (args.split == "report")]
    claims = claims[: args.limit or None]
    print(f"SciFact {args.split} claims: {len(claims)}, each against the sentences of its cited abstracts")
    for gain in GAINS:
        rows = [given_row(nli, c["id"], c["claim"], SCIFACT_GOLD[ds.scifact_claim_label(c)],
                          [p for d in c["cited_doc_ids"] for p in premises(c["claim"], corpus[int(d)], gain)], t)
                for c in claims]
        m = score("scifact", [r["gold"] for r in rows], [r["predicted"] for r in rows],
                  tuple(sorted({r["gold"] for r in rows})))
        what = "single sentences" if gain is None else f"pairs when they add >= {gain:.2f} of the claim's words"
        print(f"  {what:<50} accuracy {m.accuracy:.3f}  macro-F1 {m.macro_f1:.3f}")


if __name__ == "__main__":
    main()
