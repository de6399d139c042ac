"""A digest of the seed article's verdicts and flags against the demo corpus, to pin behaviour.

The seed article is not ours to copy, so the digest keeps no sentence of it: claim texts,
speakers and the article's sides of a flag are kept as short hashes, with their offsets,
labels, scores (3 decimals) and the demo-corpus passages that decide them.

    python -m tests.seed_snapshot            # print the digest of the current code
    python -m tests.seed_snapshot --write    # replace tests/golden/seed.json (only after a deliberate change)
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "seed.json"
SEED_DIR = ROOT.parent / "shared" / "seeds"


def _h(text) -> str:
    return hashlib.sha1(str(text or "").encode()).hexdigest()[:12]


def _side(side) -> dict:
    return {"role": _h(side.role), "text": _h(side.text), "source": _h(side.source), "published": side.published,
            "passage_id": side.passage_id, "start": side.start, "end": side.end,
            "entailment": None if side.entailment is None else round(side.entailment, 3),
            "contradiction": None if side.contradiction is None else round(side.contradiction, 3)}


def digest(report) -> dict:
    """The parts of a CheckReport that behaviour is made of, free of the article's own sentences."""
    return {
        "nli_sha256": report.provenance.nli_sha256 if report.provenance else "",
        "verdicts": [{
            "claim": _h(v.claim.text), "start": v.claim.start, "end": v.claim.end, "speaker": _h(v.claim.speaker),
            "stance": v.claim.stance, "label": v.label.value, "confidence": round(v.confidence, 3),
            "conflicting": v.conflicting,
            "evidence": [[e.passage_id, e.stance, round(e.entailment, 3), round(e.contradiction, 3)]
                         for e in v.evidence],
        } for v in report.verdicts],
        "dropped": [[d.start, d.end, _h(d.reason)] for d in report.dropped],
        "flags": [{"kind": f.kind, "claim": _h(f.claim), "a": _side(f.side_a), "b": _side(f.side_b),
                   "linked_to": f.linked_to} for f in report.flags],
    }


def seed_text() -> str | None:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.exists() else []
    return files[0].read_text(encoding="utf-8") if files else None


def current_digest() -> dict:  # fp32: the reference, the same on every machine
    from checker import Checker, Workspace, load_embedder, load_nli

    text = seed_text()
    if text is None:
        sys.exit("the seed article (../shared/seeds) is not on this machine")
    with tempfile.TemporaryDirectory() as tmp:
        embedder = load_embedder(precision_name="fp32")
        with Workspace.open(Path(tmp) / "ws", embedder=embedder) as ws:
            ws.add([ROOT / "data" / "corpus"])
        with Checker.open(Path(tmp) / "ws", embedder=embedder, nli=load_nli(precision_name="fp32")) as checker:
            return digest(checker.check_article(text))


if __name__ == "__main__":
    found = current_digest()
    if "--write" in sys.argv:
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(found, indent=1) + "\n")
        print(f"wrote {GOLDEN}", file=sys.stderr)
    else:
        print(json.dumps(found, indent=1))
