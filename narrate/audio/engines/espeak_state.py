"""Make each sentence's audio independent of the sentences synthesised before it.

espeak-ng's wave generator (wavegen.c) keeps function-local statics that
nothing resets, not even espeak_Terminate and espeak_Initialize; two of them
change the samples:
`Flutter_ix` (AdvanceParameters: the place in the pitch-flutter table, moved
every 64 samples) and `cycle_count` (Wavegen: the glottal-cycle counter behind
the voice's roughness). So a sentence's samples depend on how much audio the
process made before it: the same sentence three times in one process gave
three different files, and a sentence came out differently in whichever
worker, after whichever sentence, it happened to be synthesised. With the
reset below, each sentence equals a fresh process's first utterance (the
measurement: docs/benchmarks.md, "Repeatable audio").
(`espeak_ng_SetRandSeed` does not help: the random generator only serves
breathy and Klatt voices.)

The statics are not exported, but the library the espeakng-loader wheel
ships keeps its symbol table: pyelftools finds their offsets (once per
library file: they are remembered in the user cache folder, as reading the
table costs 0.15 s and 2.5 MB). They are checked before anything is written:
4-byte local objects in the file the process has loaded, holding exactly
their load-time values when the engine starts. Before every utterance they
are put back to those values (`agc`, the clipping gain, too). A
stripped library, as most distributions ship it, has no symbol table: then
nothing is touched and repeat runs rely on the sentence cache for identical
audio (`repeatable` is false in the cache key).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from narrate.core.cache import digest
from narrate.core.errors import NarrateError
from narrate.core.files import write_bytes

_STATICS = ("Flutter_ix", "cycle_count", "agc")  # in wavegen.c, as the compiler names them
_AT_LOAD = {"Flutter_ix": 0, "cycle_count": 0, "agc": 256}  # their initial values
_SYMBOLS = ("espeak_Info", *_STATICS)

Reset = Callable[[], None]


@dataclass(frozen=True, slots=True)
class Wavegen:
    """Where wavegen's carried-over state lies in one libespeak-ng file."""

    library: str  # the file the offsets were read from
    offsets: tuple[tuple[str, int], ...]  # (symbol, offset in the file's image), as _SYMBOLS


def loaded_library() -> Path | None:
    """The file of the libespeak-ng this process has loaded (Linux), else None."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            for line in maps:
                fields = line.split(maxsplit=5)
                if len(fields) == 6 and "libespeak-ng" in fields[5]:
                    return Path(fields[5].strip())
    except OSError:
        pass
    return None


def wavegen_symbols(memo_dir: Path | None) -> Wavegen | None:
    """Where the loaded libespeak-ng keeps the wavegen statics, or None (stripped, not loaded).

    Remembered per library file (path, size, modification time) in `memo_dir`
    (the cache folder in use); with None (no cache), read from the library each time.
    """
    library = loaded_library()
    if library is None:
        return None
    try:
        stat = library.stat()
    except OSError:
        return None
    if memo_dir is None:
        offsets = _read_offsets_quietly(library)
        return _wavegen(library, offsets) if offsets else None
    key = digest("espeak-symbols", str(library), stat.st_size, stat.st_mtime_ns)
    memo = memo_dir / "engine" / f"{key}.json"
    with contextlib.suppress(OSError, ValueError):
        remembered = json.loads(memo.read_text("utf-8"))
        if not isinstance(remembered, dict) or "offsets" not in remembered:
            raise ValueError("not a memo")  # damaged: read the table again
        if remembered["offsets"] is None:
            return None  # a library without the symbols, as found before
        return _wavegen(library, remembered["offsets"])
    try:
        offsets = _read_offsets(library)
    except OSError:
        return None  # unreadable just now: nothing to remember
    with contextlib.suppress(OSError, NarrateError):  # a read-only cache: read it every time
        write_bytes(memo, json.dumps({"offsets": offsets}).encode("utf-8"))
    return _wavegen(library, offsets) if offsets else None


def _read_offsets_quietly(library: Path) -> dict[str, int] | None:
    try:
        return _read_offsets(library)
    except OSError:
        return None


def _wavegen(library: Path, offsets: object) -> Wavegen:
    """A checked Wavegen; ValueError when `offsets` is not one offset per symbol."""
    if not isinstance(offsets, dict) or set(offsets) != set(_SYMBOLS):
        raise ValueError("not the wavegen symbols")
    if not all(isinstance(offsets[name], int) and offsets[name] > 0 for name in _SYMBOLS):
        raise ValueError("not offsets")
    return Wavegen(str(library), tuple((name, offsets[name]) for name in _SYMBOLS))


def _read_offsets(library: Path) -> dict[str, int] | None:
    """Symbol-table offsets of espeak_Info and the wavegen statics, or None when unusable."""
    from elftools.common.exceptions import ELFError
    from elftools.elf.elffile import ELFFile
    from elftools.elf.sections import SymbolTableSection

    wanted: dict[str, int] = {}
    with library.open("rb") as file:
        try:
            table = ELFFile(file).get_section_by_name(".symtab")
            if not isinstance(table, SymbolTableSection):
                return None  # stripped
            for symbol in table.iter_symbols():
                name = symbol.name.split(".")[0]  # "Flutter_ix.5965" -> "Flutter_ix"
                kind, size = symbol["st_info"]["type"], symbol["st_size"]
                bind = symbol["st_info"]["bind"]
                if name == "espeak_Info" and kind == "STT_FUNC":
                    wanted[name] = symbol["st_value"]
                elif name in _STATICS and kind == "STT_OBJECT" and size == 4:
                    if name in wanted or bind != "STB_LOCAL":
                        return None  # two of that name, or not the static: cannot tell
                    wanted[name] = symbol["st_value"]
        except ELFError:
            return None
    return wanted if set(wanted) == set(_SYMBOLS) else None


def wavegen_reset(wavegen: Wavegen | None) -> Reset | None:
    """A function that puts wavegen's carried-over state back, or None when it cannot.

    Call it when the engine has started but has not spoken yet: the statics
    must then hold exactly their load-time values, or nothing is touched.
    """
    library = loaded_library()
    if wavegen is None or library is None or str(library) != wavegen.library:
        return None
    offsets = dict(wavegen.offsets)
    lib = ctypes.CDLL(str(library))  # the library already loaded: the same handle
    info = ctypes.cast(lib.espeak_Info, ctypes.c_void_p).value
    if info is None:
        return None
    base = info - offsets["espeak_Info"]
    cells = {name: ctypes.c_int.from_address(base + offsets[name]) for name in _STATICS}
    if any(cells[name].value != _AT_LOAD[name] for name in _STATICS):
        return None  # not the values these variables start with: wrong addresses, touch nothing

    def reset() -> None:
        lib.espeak_Synchronize()  # pyttsx3 drives espeak asynchronously: wait until it is idle
        for name, cell in cells.items():
            cell.value = _AT_LOAD[name]

    return reset
