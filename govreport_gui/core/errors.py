"""Errors whose message is shown to the clerk as it is (Simplified Chinese, says what to do)."""


class ReadError(Exception):
    """A file could not be read as a report.  ``str(e)`` is the message for the clerk."""


class WriteError(Exception):
    """A file could not be written.  ``str(e)`` is the message for the clerk."""


def cannot_read(path, exc: OSError) -> ReadError:
    """The clerk's message for an operating-system error met reading ``path``."""
    if isinstance(exc, FileNotFoundError):
        return ReadError(f"找不到文件“{path}”。")
    if isinstance(exc, IsADirectoryError):
        return ReadError(f"“{path}”是文件夹，不是文件。")
    if isinstance(exc, PermissionError):
        return ReadError(f"没有权限读取“{path}”。")
    return ReadError(f"无法读取“{path}”：{exc.strerror or exc}。")
