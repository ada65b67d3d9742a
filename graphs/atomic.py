"""Atomic file writes: a reader sees the old file or the new one, never half of one, and no temp file stays.

The data goes to a temporary file in the target's folder, is flushed and
``fsync``-ed, and then renamed over the target (and the folder synced), so a
crash or a full disk leaves the old file as it was. On Linux the temporary file
is made with ``O_TMPFILE``: it has no name until the data is complete, so even
a ``SIGKILL`` mid-write leaves nothing behind. Elsewhere (or on a filesystem
without ``O_TMPFILE``) it is a named file that carries the writer's process id;
an exception removes it, and the next write to the same target removes any
left by a writer that no longer runs.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

TEMP_MARK = ".newskg-"
TEMP_SUFFIX = ".tmp"


def write_atomic(path: str | Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write bytes (or whatever a writer function streams) to ``path`` atomically.

    Raises ``OSError`` (ENOSPC, EACCES, EISDIR...) with the target unchanged and no temp file left.
    """
    target = Path(path)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    remove_stale_temps(target)
    fd, named = open_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                data(handle)
            handle.flush()
            # The permissions a plain open() would give (a temp file starts private).
            os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            os.fsync(handle.fileno())
            if named is None:
                # Give the finished file a name beside the target, then rename it over the target.
                named = temp_name(target)
                link_fd(handle.fileno(), named)
        os.replace(named, target)
        named = None
        sync_folder(folder)
    except BaseException:
        if named is not None:
            Path(named).unlink(missing_ok=True)
        raise


def temp_name(target: Path) -> str:
    return str(target.parent / f".{target.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")


def open_temp(target: Path) -> tuple[int, str | None]:
    """A file descriptor to write to, and the temp file's name (None for a nameless O_TMPFILE file)."""
    if nameless_temps(target.parent):
        return os.open(target.parent, os.O_TMPFILE | os.O_WRONLY, 0o600), None
    name = temp_name(target)
    return os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), name


AT_FDCWD = -100
AT_SYMLINK_FOLLOW = 0x400
NAMELESS: dict[int, bool] = {}  # device -> O_TMPFILE files can be made and linked there


def link_fd(fd: int, name: str) -> None:
    """Give an open O_TMPFILE file a name: linkat(2) through /proc/self/fd (os.link does not follow it)."""
    libc = ctypes.CDLL(None, use_errno=True)
    source = f"/proc/self/fd/{fd}".encode()
    if libc.linkat(AT_FDCWD, source, AT_FDCWD, os.fsencode(name), AT_SYMLINK_FOLLOW) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number), name)


def nameless_temps(folder: Path) -> bool:
    """Whether this folder's filesystem takes O_TMPFILE files and lets them be linked (tried once per device)."""
    if not hasattr(os, "O_TMPFILE") or not Path("/proc/self/fd").is_dir():
        return False
    try:
        device = folder.stat().st_dev
    except OSError:
        return False
    if device not in NAMELESS:
        probe = str(folder / f".probe{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")
        try:
            fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
        except OSError as err:
            if err.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                NAMELESS[device] = False
            return False  # not writable here (EACCES, EROFS...): the write reports it; try again elsewhere
        try:
            link_fd(fd, probe)
            os.unlink(probe)
            NAMELESS[device] = True
        except (OSError, AttributeError):
            NAMELESS[device] = False
        finally:
            os.close(fd)
    return NAMELESS[device]


def remove_stale_temps(target: Path) -> None:
    """Remove temp files of ``target`` left by writers that were killed (their process is gone)."""
    prefix = f".{target.name}{TEMP_MARK}"
    try:
        names = [name for name in os.listdir(target.parent) if name.startswith(prefix)]
    except OSError:
        return
    for name in names:
        pid = name[len(prefix) :].split("-", 1)[0]
        if name.endswith(TEMP_SUFFIX) and pid.isdigit() and not process_alive(int(pid)):
            (target.parent / name).unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sync_folder(folder: Path) -> None:
    """fsync the folder, so the rename itself survives a crash (not possible on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_writable(path: str | Path) -> str | None:
    """Why ``path`` cannot be written (one line), or None: checked before any work starts.

    Creates the missing folders (the write would create them) and tries a temp file there.
    """
    target = Path(path)
    if target.is_dir():
        return "is a folder, not a file"
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        return f"cannot create it: {folder_or_ancestor_file(folder)} is a file, not a folder"
    except OSError as err:
        return f"cannot create its folder ({err.strerror or err})"
    if not folder.is_dir():
        return f"cannot create it: {folder_or_ancestor_file(folder)} is a file, not a folder"
    try:
        fd, named = open_temp(target)
    except OSError as err:
        return f"cannot write in {folder} ({err.strerror or err})"
    os.close(fd)
    if named is not None:
        Path(named).unlink(missing_ok=True)
    return None


def folder_or_ancestor_file(folder: Path) -> Path:
    """The first path up from ``folder`` that exists and is not a folder."""
    for candidate in (folder, *folder.parents):
        if candidate.exists() and not candidate.is_dir():
            return candidate
    return folder
