"""Filters for Samskab's log (LOGGING in settings)."""

import logging


class ClientErrorWithoutTraceback(logging.Filter):
    """A 4xx answer is the client's doing: log its one line, not the exception's traceback.

    Django logs a refused request (PermissionDenied, 403) or a suspicious one
    (SuspiciousOperation, 400) with the exception attached, which writes a
    traceback of a dozen lines for what is an ordinary event. A 5xx keeps its
    traceback: that one is ours to fix.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
