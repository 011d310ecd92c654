"""Which entries of the documents folder may be read as documents, and why not the others.

The folder is shared by a team and fed by hand, so it can hold anything a file manager or
a careless `ln -s` makes: a link to /etc/passwd (whose lines any Slack user could then look
up), a link loop, a dangling link, a directory named like a document, a named pipe (a
read would wait forever), a name that is not UTF-8 or holds a line break (it would become
a document id). Each is refused with a reason the loader reports, so no entry is skipped
silently and none stops a load.
"""

from __future__ import annotations

import errno
import stat
from pathlib import Path


def _printable(name: str) -> str:
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def shown(path: Path, root: Path | None = None) -> str:
    """The entry's name (its path under `root` if given), printable whatever bytes it holds
    (for warnings and JSON)."""
    parts = path.relative_to(root).parts if root is not None else (path.name,)
    return "/".join(_printable(part) for part in parts)


def name_refusal(name: str) -> str | None:
    """Why a file or folder name cannot be part of a document id; None if it can."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8: rename the file"
    if not name.isprintable():
        return "the file name holds a line break or another control character: rename the file"
    return None


def refusal(path: Path, root: Path) -> str | None:
    """Why `path` (an entry of the folder `root`) is not read as a document; None if it may be."""
    if why := name_refusal(path.name):
        return why
    try:
        st = path.lstat()
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    if stat.S_ISLNK(st.st_mode):
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return "a dangling symbolic link (its target does not exist)"
        except RuntimeError:  # Python 3.11 reports a loop this way
            return "a symbolic link loop"
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "a symbolic link loop"
            return f"unreadable symbolic link ({exc.strerror or exc})"
        if not target.is_relative_to(root.resolve()):
            return "a symbolic link to outside the documents folder: refused"
        st = target.stat()
    if stat.S_ISDIR(st.st_mode):
        return "a directory, not a file"
    if stat.S_ISFIFO(st.st_mode):
        return "a named pipe (FIFO), not a file"
    if stat.S_ISSOCK(st.st_mode):
        return "a socket, not a file"
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        return "a device, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    return None
