"""Errors a user can cause and fix. Each carries one line that names the thing."""


class WorkbenchError(Exception):
    """A failure to report in one line, without a traceback."""


class StoreError(WorkbenchError):
    """The database cannot be opened, read or written."""


class StoreLocked(StoreError):
    """Another program holds the database's write lock (past the busy timeout)."""


class NotFound(WorkbenchError):
    """An id that names nothing in the database."""


class IngestError(WorkbenchError):
    """One input file that cannot be taken in."""
