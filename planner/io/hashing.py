"""The hash of a scenario folder (SPEC 6), read in chunks so that no file is held in memory."""
from __future__ import annotations

import hashlib
from pathlib import Path

_CHUNK = 1024 * 1024


def scenario_sha256(path: str | Path) -> str:
    """SHA-256 of a scenario folder (SPEC 6).

    For each file of the folder in sorted name order: its name, a NUL byte, its bytes and a NUL
    byte. Subfolders are not part of the scenario. Files are streamed in 1 MiB chunks, so an
    unrelated 1 GiB file beside the tables costs time, not memory.

    Parameters
    ----------
    path : str or Path
        The scenario folder.

    Returns
    -------
    str
        64 hex digits.
    """
    folder = Path(path)
    digest = hashlib.sha256()
    for name in sorted(p.name for p in folder.iterdir() if p.is_file()):
        digest.update(name.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        with open(folder / name, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()
