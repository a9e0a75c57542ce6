"""One writer per data directory: ``microtui.lock`` holds the writer's pid.

A second app on the same data refuses to start instead of interleaving writes. A lock left by
a dead process is taken over.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from microtui.store.errors import StoreLockedError, StoreWriteError

__all__ = ["LOCK_FILE", "acquire", "pid_alive", "read_pid", "release"]

LOCK_FILE = "microtui.lock"


def read_pid(path: Path) -> int | None:
    """The pid in a lock file, or None if it is missing, unreadable or garbage."""
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isascii() and text.isdigit() and int(text) > 0 else None


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(ctypes.get_last_error() == 5)  # ERROR_ACCESS_DENIED: exists, not ours
        code = ctypes.c_ulong()
        try:
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return not ok or code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def acquire(data_dir: Path) -> Path:
    """Create ``data_dir``'s lock file atomically, taking it over if its owner is dead;
    returns its path.

    Two processes racing to take over the same stale lock at the same instant could both
    win; for a desktop app started by hand that window is acceptable.
    """
    path = data_dir / LOCK_FILE
    for _ in range(5):
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            owner = read_pid(path)
            if owner is not None and pid_alive(owner):
                raise StoreLockedError(
                    f"Another microtui (pid {owner}) is using the data in {data_dir}. "
                    f"Close it first, or start with --data pointing elsewhere. If no "
                    f"microtui is running, delete {path}."
                ) from None
            with contextlib.suppress(FileNotFoundError):
                path.unlink()  # stale: its owner is gone
            continue
        except OSError as exc:
            raise StoreWriteError(f"Could not create {path}: {exc.strerror or exc}") from exc
        try:
            os.write(fd, f"{os.getpid()}\n".encode())
        finally:
            os.close(fd)
        return path
    raise StoreLockedError(f"Could not take the lock {path}: it keeps changing.")


def release(path: Path) -> None:
    """Remove the lock file if it still holds our pid (never someone else's)."""
    if read_pid(path) == os.getpid():
        # Gone already, or the directory turned read-only: the next start takes over a
        # lock whose pid is dead, so there is nothing more to do here.
        with contextlib.suppress(OSError):
            path.unlink()
