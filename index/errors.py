"""The exceptions a user can cause. The CLI turns each into one ``Error: ...`` line."""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base class for every error meant for the user."""


class WorkspaceError(CrosscheckError):
    """The workspace cannot be opened or is in a state we cannot use."""


class SchemaTooNew(WorkspaceError):
    """The database was written by a newer Crosscheck."""


class IndexMismatch(WorkspaceError):
    """The vectors on disk do not belong to this database or this embedder."""


class IngestError(CrosscheckError):
    """A file cannot be ingested."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ModelLoadError(CrosscheckError):
    """A model cannot be loaded from the given path or id."""


class UnknownId(CrosscheckError):
    """No object with this id."""
