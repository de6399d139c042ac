"""The FAISS side of the index: inner-product search over normalised vectors, ids = passage ids.

The FAISS file is a cache of the embeddings stored in SQLite: it is written to a temporary file
and moved into place, and a file that does not match the database is rebuilt from it.

Two kinds: ``flat`` (exact; every vector read per query, the default) and ``ivf`` (an inverted
file over k-means cells: a query reads ``nprobe`` of ``nlist`` cells, for large workspaces; see
``index.settings.ANN_MIN_PASSAGES``). A filtered search (source, dates) is exact in both: on an
IVF index it visits every cell, computing scores only for the passages the filter allows.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np

FLAT = "flat"


def ivf_cells(n: int) -> int:
    """k-means cells for ``n`` vectors: about sqrt(n), 16 to 4096."""
    return int(min(4096, max(16, round(n ** 0.5))))


def ivf_probes(nlist: int) -> int:
    """Cells a query reads: 1/16 of them, at least 8 (recall@10 against flat: README, Benchmarks)."""
    return min(nlist, max(8, nlist // 16))


class VectorIndex:
    def __init__(self, dim: int, index=None):
        import faiss

        self.dim = dim
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self.nprobe = ivf_probes(self.index.nlist) if isinstance(self.index, faiss.IndexIVF) else 0

    @classmethod
    def ivf(cls, dim: int, training: np.ndarray, nlist: int) -> "VectorIndex":
        """An empty IVF index whose cells are trained on ``training`` (a sample of the vectors)."""
        import faiss

        quantizer = faiss.IndexFlatIP(dim)
        index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(np.ascontiguousarray(training, dtype="float32"))
        out = cls(dim, index)
        out._quantizer = quantizer  # keep it alive beside the index that points at it
        return out

    @property
    def kind(self) -> str:
        """"flat", or "ivf<cells>"."""
        return f"ivf{self.index.nlist}" if self.nprobe else FLAT

    @classmethod
    def load(cls, path: Path) -> "VectorIndex":
        """Read a vectors file; RuntimeError if it is unreadable or not one of ours (id-mapped flat, or IVF-flat)."""
        import faiss

        index = faiss.read_index(str(path))
        if not isinstance(index, (faiss.IndexIDMap2, faiss.IndexIVFFlat)):
            raise RuntimeError(f"{type(index).__name__} is not an index Crosscheck writes")
        return cls(index.d, index)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def ids(self) -> np.ndarray:
        import faiss

        if not self.nprobe:
            return faiss.vector_to_array(self.index.id_map).astype("int64")
        lists = self.index.invlists
        parts = [faiss.rev_swig_ptr(lists.get_ids(c), lists.list_size(c)).copy()
                 for c in range(self.index.nlist) if lists.list_size(c)]
        return np.concatenate(parts).astype("int64") if parts else np.zeros(0, dtype="int64")

    def add(self, ids, vectors) -> None:
        if len(ids):
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"), np.asarray(ids, dtype="int64"))

    def remove(self, ids) -> None:
        if len(ids):
            self.index.remove_ids(np.asarray(ids, dtype="int64"))

    def search(self, query, k: int, allowed_ids=None) -> list[tuple[int, float]]:
        import faiss

        if len(self) == 0 or k <= 0:
            return []
        params = faiss.SearchParametersIVF(nprobe=self.nprobe) if self.nprobe else None
        if allowed_ids is not None:
            if len(allowed_ids) == 0:
                return []
            sel = faiss.IDSelectorBatch(np.asarray(allowed_ids, dtype="int64"))
            # exact under a filter: an IVF search reads every cell, scoring only the allowed passages
            params = faiss.SearchParametersIVF(sel=sel, nprobe=self.index.nlist) if self.nprobe else \
                faiss.SearchParameters(sel=sel)
        q = np.ascontiguousarray(np.asarray(query, dtype="float32").reshape(1, -1))
        scores, ids = self.index.search(q, min(k, len(self)), params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=False) if i != -1]

    def save(self, path: Path) -> None:
        """Write atomically: a temporary file beside ``path``, fsync, rename."""
        import faiss

        tmp = Path(f"{path}.tmp-{os.getpid()}")
        try:
            faiss.write_index(self.index, str(tmp))
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except (OSError, RuntimeError) as e:  # a full disk shows up as faiss's RuntimeError
            tmp.unlink(missing_ok=True)
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e).strip().splitlines()[-1]
            raise OSError(getattr(e, "errno", None) or errno.EIO, reason, str(path)) from None
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
