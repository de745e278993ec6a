"""Make each sentence's audio independent of the sentences synthesised before it.

espeak-ng's wave generator (wavegen.c) keeps two function-local statics that
nothing resets, not even espeak_Terminate and espeak_Initialize:
`Flutter_ix` (AdvanceParameters: the place in the pitch-flutter table, moved
every 64 samples) and `cycle_count` (Wavegen: the glottal-cycle counter behind
the voice's roughness). So a sentence's samples depend on how much audio the
process made before it: the same sentence three times in one process gave
three different files, and a sentence came out differently in whichever
worker, after whichever sentence, it happened to be synthesised. Measured on
40 sentences in shuffled orders: 0 of 40 repeated byte for byte; with the
reset below, 40 of 40, each equal to a fresh process's first utterance.
(`espeak_ng_SetRandSeed` does not help: the random generator only serves
breathy and Klatt voices.)

The statics are not exported, but the library the espeakng-loader wheel
ships keeps its symbol table: pyelftools finds their offsets (once per
library file: they are remembered in the user cache folder, as reading the
table costs 0.15 s and 2.5 MB), each is checked (a 4-byte local object, a
plausible value) before it is written, and before every utterance they are
put back to their load-time values (`agc`, the clipping gain, too). A
stripped library, as most distributions ship it, has no symbol table: then
nothing is touched and repeat runs rely on the sentence cache for identical
audio (`repeatable` is false in the cache key).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
from collections.abc import Callable
from pathlib import Path

from narrate.cache import default_cache_dir, digest, write_atomic

_STATICS = ("Flutter_ix", "cycle_count", "agc")  # in wavegen.c, as the compiler names them
_AGC_AT_LOAD = 256
_FLUTTER_STEP = 64

Reset = Callable[[], None]
Offsets = dict[str, int]  # symbol -> offset in the library file's image


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


def symbol_offsets(library: Path | None = None) -> Offsets | None:
    """The offsets of espeak_Info and the wavegen statics in this library, or None.

    Remembered per library file (path, size, modification time).
    """
    library = library or loaded_library()
    if library is None:
        return None
    try:
        stat = library.stat()
    except OSError:
        return None
    key = digest("espeak-symbols", str(library), stat.st_size, stat.st_mtime_ns)
    memo = default_cache_dir() / "engine" / f"{key}.json"
    with contextlib.suppress(OSError, ValueError):
        remembered: Offsets | None = json.loads(memo.read_text("utf-8"))["offsets"]
        return remembered
    offsets = _read_offsets(library)
    with contextlib.suppress(OSError):  # a read-only cache folder: read the table every time
        write_atomic(memo, json.dumps({"offsets": offsets}).encode("utf-8"))
    return offsets


def _read_offsets(library: Path) -> Offsets | None:
    """Symbol-table offsets of espeak_Info and the wavegen statics, or None when unusable."""
    from elftools.common.exceptions import ELFError
    from elftools.elf.elffile import ELFFile
    from elftools.elf.sections import SymbolTableSection

    wanted: dict[str, int] = {}
    try:
        with library.open("rb") as file:
            table = ELFFile(file).get_section_by_name(".symtab")
            if not isinstance(table, SymbolTableSection):
                return None  # stripped
            for symbol in table.iter_symbols():
                name = symbol.name.split(".")[0]  # "Flutter_ix.5965" -> "Flutter_ix"
                kind, size = symbol["st_info"]["type"], symbol["st_size"]
                if name == "espeak_Info" and kind == "STT_FUNC":
                    wanted[name] = symbol["st_value"]
                elif name in _STATICS and kind == "STT_OBJECT" and size == 4:
                    if name in wanted:
                        return None  # two statics of that name: cannot tell which
                    wanted[name] = symbol["st_value"]
    except (OSError, ELFError):
        return None
    return wanted if len(wanted) == len(_STATICS) + 1 else None


def wavegen_reset(offsets: Offsets | None) -> Reset | None:
    """A function that puts wavegen's carried-over state back, or None when it cannot."""
    library = loaded_library()
    if library is None or offsets is None or set(offsets) != {"espeak_Info", *_STATICS}:
        return None
    lib = ctypes.CDLL(str(library))  # the library already loaded: the same handle
    info = ctypes.cast(lib.espeak_Info, ctypes.c_void_p).value
    if info is None:
        return None
    base = info - offsets["espeak_Info"]
    flutter, cycles, agc = (ctypes.c_int.from_address(base + offsets[n]) for n in _STATICS)
    if not 0 < agc.value <= _AGC_AT_LOAD or flutter.value % _FLUTTER_STEP:
        return None  # not the values these variables can hold: wrong addresses, touch nothing

    def reset() -> None:
        lib.espeak_Synchronize()  # pyttsx3 drives espeak asynchronously: wait until it is idle
        flutter.value = 0
        cycles.value = 0
        agc.value = _AGC_AT_LOAD

    return reset
