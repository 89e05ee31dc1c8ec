"""Writing an output: to standard output, to a file, or one file per report into a folder.

A file is written under a temporary name beside it and renamed into place once complete, so an
interrupted run (Ctrl-C, a full disk) never leaves half a PDF under the name asked for, nor
destroys the file of an earlier run.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Callable, Iterable, Iterator

from ..errors import InputError

if TYPE_CHECKING:
    from . import Run


@contextmanager
def atomic(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO]:
    """A file object whose content replaces path only when the block ends without error."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".part", dir=path.parent)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets; this is an ordinary file
    except OSError as exc:
        raise InputError(f"{path}: 无法写入（{exc.strerror or exc}）") from None
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise InputError(f"{path}: 无法写入（{exc.strerror or exc}）") from None
    except BaseException:
        _remove(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def write_text_file(path: str | os.PathLike[str], text: str) -> None:
    with atomic(path, "w") as fh:
        fh.write(text)


def write_bytes_file(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic(path, "wb") as fh:
        fh.write(data)


def units(fmt: str, run: Run, folder: bool) -> int:
    """How many ticks writing this output makes (the length of the progress bar)."""
    from . import module

    mod = module(fmt)
    fn = getattr(mod, "folder_units" if folder else "units", None)
    return fn(run) if fn else 0


def emit(fmt: str, run: Run, path: str | None, folder: bool = False, tick: Callable[[], None] = lambda: None,
         inputs: Iterable[str] = ()) -> None:
    """Write one output: ``path`` None is standard output; ``folder`` writes a file per report."""
    from . import BINARY_FORMATS, module

    mod = module(fmt)
    binary = fmt in BINARY_FORMATS
    if folder:
        assert path is not None
        mod.write_folder(run, path, tick, inputs=inputs)
        return
    writer = getattr(mod, "write", None)
    if path is None:
        sys.stdout.flush()
        if writer is None:
            data = mod.render(run)
            if isinstance(data, bytes):
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                sys.stdout.write(data)
        elif binary:
            writer(run, sys.stdout.buffer, tick)
            sys.stdout.buffer.flush()
        else:
            writer(run, sys.stdout, tick)
        return
    with atomic(path, "wb" if binary else "w") as fh:
        if writer is not None:
            writer(run, fh, tick)
        else:
            data = mod.render(run)
            fh.write(data)


def render_bytes(fmt: str, run: Run) -> bytes:
    """A binary format's whole output in memory (for callers that want the bytes)."""
    from . import module

    buf = io.BytesIO()
    module(fmt).write(run, buf, lambda: None)
    return buf.getvalue()
