"""The passages' vectors in Milvus instead of the FAISS file: one client for milvus-lite and a cluster.

``milvus:PATH.db`` is milvus-lite, embedded in this process with its data in a folder (a relative
PATH is inside the workspace; milvus-lite wants the name to end in .db); ``milvus:http://host:19530`` is a Milvus server or cluster. Either way the
collection holds (id = passage id, vector), searched by inner product over a flat index, so the
answers are those of the FAISS flat index. As with FAISS, SQLite keeps the record: the collection is
checked against the passages when a workspace opens and rebuilt from the stored embeddings if it
differs. BM25 stays in SQLite's FTS5.

It offers what :class:`index.vectors.VectorIndex` offers (``add``, ``remove``, ``search``, ``ids``,
``len``, ``save``, ``kind``), so the workspace uses either without knowing which.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from index.errors import CrosscheckError

PREFIX = "milvus:"
COLLECTION = "crosscheck_passages"
BATCH = 5_000  # vectors a request


SERVER_SCHEMES = ("http://", "https://", "tcp://", "unix:")  # a Milvus server; anything else is a milvus-lite folder


def is_milvus(kind: str) -> bool:
    return kind.startswith(PREFIX)


def is_lite(kind: str) -> bool:
    """Vectors in a milvus-lite folder, which one process at a time can open (not a server)."""
    return is_milvus(kind) and not kind[len(PREFIX):].strip().startswith(SERVER_SCHEMES)


def resolve_uri(kind: str, workspace: Path) -> str:
    """``milvus:PATH`` → an absolute folder (relative to the workspace); ``milvus:http(s)://...`` as it is."""
    target = kind[len(PREFIX):].strip()
    if not target:
        raise CrosscheckError("milvus: needs a folder or a server address, e.g. milvus:vectors.db or "
                              "milvus:http://127.0.0.1:19530")
    if target.startswith(SERVER_SCHEMES):
        return target
    path = Path(target).expanduser()
    if path.suffix != ".db":
        raise CrosscheckError(f"milvus:{target}: a milvus-lite folder's name ends in .db (e.g. milvus:vectors.db)")
    return str(path if path.is_absolute() else workspace / path)


class MilvusVectors:
    """A Milvus collection of the passages' vectors."""

    def __init__(self, kind: str, workspace: Path, dim: int):
        try:
            from pymilvus import MilvusClient
        except ImportError as e:  # pragma: no cover - pymilvus and milvus-lite are in requirements.txt
            raise CrosscheckError(f"the Milvus backend needs: pip install pymilvus milvus-lite ({e})") from None
        for name in ("pymilvus", "milvus_lite", "grpc"):  # their errors reach us as exceptions
            logging.getLogger(name).setLevel(logging.CRITICAL)
        self.kind, self.dim = kind, dim
        self.uri = resolve_uri(kind, workspace)
        try:
            self.client = MilvusClient(uri=self.uri)
        except Exception as e:  # noqa: BLE001 - any connection failure is the user's address or server
            if Path(self.uri, "LOCK").exists() and "Open local milvus failed" in str(e):
                raise CrosscheckError(f"{self.uri} is in use by another process: milvus-lite serves one process at a "
                                      "time (use a Milvus server, milvus:http://HOST:19530, for several)") from None
            raise CrosscheckError(f"cannot reach Milvus at {self.uri}: {str(e).splitlines()[0]}") from None
        if self.client.has_collection(COLLECTION):
            self.client.load_collection(COLLECTION)
        else:
            self.create()

    def create(self) -> None:
        """An empty collection (dropping any there was)."""
        from pymilvus import DataType, MilvusClient

        if self.client.has_collection(COLLECTION):
            self.client.drop_collection(COLLECTION)
        schema = MilvusClient.create_schema(auto_id=False)
        schema.add_field("id", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        index = self.client.prepare_index_params()
        index.add_index("vector", index_type="FLAT", metric_type="IP")
        self.client.create_collection(COLLECTION, schema=schema, index_params=index)
        self.client.load_collection(COLLECTION)

    def __len__(self) -> int:
        return int(self.client.get_collection_stats(COLLECTION).get("row_count", 0))

    def ids(self) -> np.ndarray:
        it = self.client.query_iterator(COLLECTION, batch_size=BATCH, filter="id >= 0", output_fields=["id"])
        out = []
        while batch := it.next():
            out += [r["id"] for r in batch]
        it.close()
        return np.asarray(out, dtype="int64")

    def add(self, ids, vectors) -> None:
        vectors = np.asarray(vectors, dtype="float32")
        for start in range(0, len(ids), BATCH):
            self.client.insert(COLLECTION, [{"id": int(i), "vector": v.tolist()} for i, v in
                                            zip(ids[start: start + BATCH], vectors[start: start + BATCH])])

    def remove(self, ids) -> None:
        if len(ids):
            self.client.delete(COLLECTION, ids=[int(i) for i in ids])

    def search(self, query, k: int, allowed_ids=None) -> list[tuple[int, float]]:
        if k <= 0 or (allowed_ids is not None and len(allowed_ids) == 0):
            return []
        where = f"id in [{','.join(str(int(i)) for i in allowed_ids)}]" if allowed_ids is not None else ""
        found = self.client.search(COLLECTION, data=[np.asarray(query, dtype="float32").ravel().tolist()], limit=k,
                                   filter=where, output_fields=[], search_params={"metric_type": "IP"})
        return [(int(h["id"]), float(h["distance"])) for h in found[0]]

    def save(self, path: Path) -> None:
        """Nothing to write: Milvus keeps its own data (the FAISS file is not used)."""

    def close(self) -> None:
        self.client.close()
