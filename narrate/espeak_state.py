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
ships keeps its symbol table: pyelftools finds their addresses, each is
checked (a 4-byte local object, a plausible value) before it is written, and
before every utterance they are put back to their load-time values (`agc`,
the clipping gain, too). A stripped library, as most distributions ship it,
has no symbol table: then nothing is touched and repeat runs rely on the
sentence cache for identical audio (`repeatable` is false in the cache key).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from pathlib import Path

_STATICS = ("Flutter_ix", "cycle_count", "agc")  # in wavegen.c, as the compiler names them
_AGC_AT_LOAD = 256
_FLUTTER_STEP = 64

Reset = Callable[[], None]


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


def _offsets(library: Path) -> dict[str, int] | None:
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


def wavegen_reset(library: Path | None = None) -> Reset | None:
    """A function that puts wavegen's carried-over state back, or None when it cannot."""
    library = library or loaded_library()
    offsets = _offsets(library) if library else None
    if library is None or offsets is None:
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


def repeatable() -> bool:
    """True when this process's libespeak-ng can be reset before each sentence."""
    library = loaded_library()
    return library is not None and _offsets(library) is not None
