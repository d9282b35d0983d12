"""Writing a plan folder as one unit (SPEC 6): written whole into a fresh folder beside ``--out`` and swapped
into place in one step, read back only when its hashes match its scenario.

Writing
-------
``PlanFolderWriter`` is a context manager. Everything a run writes (plan, summary, diagnosis,
workbook, memo, graph) goes into a staging folder ``.NAME.new-XXXX`` next to ``NAME``; ``commit()``
then exchanges the two folders atomically (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames, the old folder kept under ``.NAME.old-XXXX`` until the new one is in place) and removes
the old one. A crash, kill -9, a full disk or a failed ``--report`` therefore leaves the previous
folder whole: at worst a stray staging folder, which the next run clears. A lock file
``.NAME.lock`` (holding the writer's pid) refuses a second writer into the same folder; a lock
whose process is gone is taken over. ``--out`` equal to or inside the scenario folder (or any
folder holding a scenario) is refused, since the plan would change the scenario's hash.

Reading
-------
``read_plan_folder(plan_dir, scenario=None)`` finds the scenario from ``summary.json`` when none is
given (``scenario_path``, absolute or relative to the plan folder), and refuses a plan whose
``scenario_sha256`` or ``plan_sha256`` does not match.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import logging
import os
import shutil
import tempfile
from pathlib import Path

from planner.errors import OutputError

log = logging.getLogger(__name__)

SCENARIO_MARKERS = ("scenario.yaml", "scenario.xlsx")
_RENAME_EXCHANGE = 2


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _is_scenario_folder(path: Path) -> bool:
    return any((path / name).is_file() for name in SCENARIO_MARKERS)


def refuse_out_in_scenario(out_dir: Path, scenario_dir: Path | None) -> None:
    """Raise ``OutputError`` when ``out_dir`` is, or lies inside, a scenario folder."""
    out = Path(os.path.abspath(out_dir))
    candidates = [out, *out.parents]
    if scenario_dir is not None:
        scen = Path(os.path.abspath(scenario_dir))
        if out == scen or scen in out.parents:
            raise OutputError([f"{out_dir}: --out is the scenario folder or inside it; "
                               "a plan written there would change the scenario (choose another folder)"])
    for folder in candidates:
        if folder.is_dir() and _is_scenario_folder(folder):
            raise OutputError([f"{out_dir}: --out lies in the scenario folder {folder}; "
                               "choose a folder outside it"])


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(a))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class PlanFolderWriter:
    """Write a plan folder whole, then swap it into place (see the module docstring).

    Parameters
    ----------
    out_dir : str or Path
        The plan folder to (re)place.
    scenario_dir : str or Path, optional
        The scenario folder the plan comes from; refused as (or above) ``out_dir``.

    Raises
    ------
    OutputError
        The folder cannot be written (read-only, a dangling link, a full disk, another writer):
        the CLI exits 5 and the previous folder is as it was.
    """

    def __init__(self, out_dir, scenario_dir=None) -> None:
        self.out = Path(os.path.abspath(out_dir))
        self.scenario_dir = scenario_dir
        self.staging: Path | None = None
        self._lock: Path | None = None

    # -- context ---------------------------------------------------------------------------
    def __enter__(self) -> PlanFolderWriter:
        refuse_out_in_scenario(self.out, self.scenario_dir)
        if self.out.is_symlink() and not self.out.exists():
            raise OutputError([f"{self.out}: --out is a dangling symbolic link"])
        if self.out.exists() and not self.out.is_dir():
            raise OutputError([f"{self.out}: --out exists and is not a folder"])
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
            self._take_lock()
            self._clear_strays()
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.new-", dir=self.out.parent))
            os.chmod(self.staging, 0o777 & ~_umask())
        except OutputError:
            self._release_lock()
            raise
        except OSError as err:
            self._release_lock()
            raise OutputError([f"{self.out}: cannot write the plan folder: {err.strerror or err}"]) from None
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        try:
            if self.staging is not None and self.staging.exists():
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._release_lock()
        if exc_type is not None and issubclass(exc_type, OSError) and not isinstance(exc, OutputError):
            raise OutputError([f"{self.out}: cannot write the plan folder: {exc.strerror or exc}; "
                               "the previous folder is as it was"]) from None
        return False

    # -- writing ---------------------------------------------------------------------------
    def path(self, name: str) -> Path:
        """Where to write ``name`` in the staging folder."""
        assert self.staging is not None, "use PlanFolderWriter as a context manager"
        return self.staging / name

    def write(self, name: str, data) -> Path:
        """Write ``data`` (str or bytes) as ``name`` in the staging folder."""
        path = self.path(name)
        with open(path, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(path, 0o666 & ~_umask())
        return path

    def commit(self) -> Path:
        """Swap the staging folder into place; return the plan folder's path."""
        assert self.staging is not None
        staging = self.staging
        try:
            _fsync_dir(staging)
            if self.out.exists():
                if not _exchange(staging, self.out):
                    old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-", dir=self.out.parent))
                    os.rmdir(old)
                    os.rename(self.out, old)
                    os.rename(staging, self.out)
                    staging = old
                # staging now holds the previous folder
                shutil.rmtree(staging, ignore_errors=True)
            else:
                os.rename(staging, self.out)
            _fsync_dir(self.out.parent)
        except OSError as err:
            raise OutputError([f"{self.out}: cannot put the new plan folder in place: {err.strerror or err}; "
                               "the previous folder is as it was"]) from None
        self.staging = None
        log.info("plan folder written: %s", self.out)
        return self.out

    # -- lock ------------------------------------------------------------------------------
    def _take_lock(self) -> None:
        lock = self.out.parent / f".{self.out.name}.lock"
        for _ in range(2):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                try:
                    pid = int(lock.read_text().strip() or 0)
                except (OSError, ValueError):
                    pid = 0
                if pid and _pid_alive(pid):
                    raise OutputError([f"{self.out}: another planner run (process {pid}) is writing this folder; "
                                       f"wait for it or remove {lock} if it is gone"]) from None
                lock.unlink(missing_ok=True)      # a stale lock: its process is gone
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            self._lock = lock
            return
        raise OutputError([f"{self.out}: cannot take the lock {lock}"])

    def _release_lock(self) -> None:
        if self._lock is not None:
            self._lock.unlink(missing_ok=True)
            self._lock = None

    def _clear_strays(self) -> None:
        """Staging or old folders an interrupted run left beside the plan folder."""
        for pattern in (f".{self.out.name}.new-*", f".{self.out.name}.old-*"):
            for stray in self.out.parent.glob(pattern):
                shutil.rmtree(stray, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
