"""The FAISS side of the index: inner-product search over normalised vectors, ids = passage ids.

The FAISS file is a cache of the embeddings stored in SQLite: it is written to a temporary file
and moved into place, and a file that does not match the database is rebuilt from it.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import numpy as np


class VectorIndex:
    def __init__(self, dim: int, index=None):
        import faiss

        self.dim = dim
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @classmethod
    def load(cls, path: Path) -> "VectorIndex":
        """Read a vectors file; RuntimeError if it is unreadable or not one of ours (an id-mapped flat index)."""
        import faiss

        index = faiss.read_index(str(path))
        if not isinstance(index, faiss.IndexIDMap2):
            raise RuntimeError(f"{type(index).__name__} is not the id-mapped index Crosscheck writes")
        return cls(index.d, index)

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def ids(self) -> np.ndarray:
        import faiss

        return faiss.vector_to_array(self.index.id_map).astype("int64")

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
        params = None
        if allowed_ids is not None:
            if len(allowed_ids) == 0:
                return []
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(np.asarray(allowed_ids, dtype="int64")))
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
