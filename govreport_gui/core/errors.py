"""Errors whose message is shown to the clerk as it is (Simplified Chinese, says what to do)."""


class ReadError(Exception):
    """A file could not be read as a report.  ``str(e)`` is the message for the clerk."""


class WriteError(Exception):
    """A file could not be written.  ``str(e)`` is the message for the clerk."""


def error_code(exc: BaseException) -> str:
    """What names an unforeseen error in a clerk's message: its kind, said as the code to give to
    technical support (the message around it says what to do), e.g. “（错误代码：KeyError）”."""
    return f"（错误代码：{type(exc).__name__}）"


def technical_details(exc: BaseException) -> str:
    """The text of a message box's 详细信息 for an unforeseen error: for technical support."""
    return f"以下信息供技术支持人员使用：\n{type(exc).__name__}: {exc}"


def cannot_read(path, exc: OSError) -> ReadError:
    """The clerk's message for an operating-system error met reading ``path``."""
    if isinstance(exc, FileNotFoundError):
        return ReadError(f"找不到文件“{path}”。")
    if isinstance(exc, IsADirectoryError):
        return ReadError(f"“{path}”是文件夹，不是文件。")
    if isinstance(exc, PermissionError):
        return ReadError(f"没有权限读取“{path}”。")
    return ReadError(f"无法读取“{path}”：{exc.strerror or exc}。")


def not_a_regular_file(path, is_folder: bool, what: str) -> ReadError:
    """The clerk's message for ``path`` that is no regular file: a folder, or a pipe or a device
    (reading one would block or never end); ``what``: 报告, 台账 …"""
    if is_folder:
        return ReadError(f"“{path.name}”是文件夹，不是文件。请选择文件夹中的{what}文件。")
    return ReadError(f"“{path.name}”不是普通文件（可能是管道或设备），无法作为{what}读取。请选择保存在磁盘上的{what}文件。")
