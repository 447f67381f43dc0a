"""Writing a file in place safely: a fresh temporary file beside it, then one rename.

The temporary file is made by ``tempfile`` (a new name, opened exclusively,
readable by the user only until it replaces the target), so a link planted
where a fixed name such as ``out.csv.tmp`` would be is never followed, and a
reader never sees half a file.  ``os.replace`` swaps the name itself: a
link at the target is replaced, not written through.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from compare.errors import OutputError


def check_file_target(path: Path, option: str = "-o") -> None:
    """Refuse, before any work, an output file whose folder is missing or which is itself a folder."""
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(f"{option} {path}: the folder {folder} does not exist or is not a folder",
                          f"create it first, or give {option} a file in an existing folder")
    if path.is_dir():
        raise OutputError(f"{option} {path} is a folder", f"give {option} a file name")


def replace_file(path: Path, text: str, option: str = "-o") -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file in the same folder; ``OutputError`` on failure."""
    check_file_target(path, option)
    folder = path.parent
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{option} {path}: cannot write in {folder} ({exc.strerror or exc})",
                          f"check the folder's permissions, or give {option} another place") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)  # a fixed mode: reading the umask means setting it, which races other threads
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise OutputError(f"{option} {path}: cannot be written ({exc.strerror or exc})",
                          f"check that it is not a folder and that you may write there, or give {option} another place") from None


