"""Errors whose message is shown to the clerk as it is (Simplified Chinese, says what to do)."""


class ReadError(Exception):
    """A file could not be read as a report.  ``str(e)`` is the message for the clerk."""


class WriteError(Exception):
    """A file could not be written.  ``str(e)`` is the message for the clerk."""
