"""Which ffmpeg and libespeak-ng a run uses, and why: one line each for `version -v`, `-v`
and `doctor`."""

from __future__ import annotations

from narrate.cli.resolve import Choice, Resolved

WHEELS = {"ffmpeg": "imageio-ffmpeg", "espeak": "espeakng-loader"}


def tool_lines(run: Resolved) -> list[tuple[str, str]]:
    """(label, what it is, where it is, and why that one) for ffmpeg and libespeak-ng.

    Starts libespeak-ng in this process (to ask its version) and runs `ffmpeg -version`.
    """
    from narrate.audio.engines.espeak import espeak_origin, prepare_espeak
    from narrate.core.ffmpeg import ffmpeg_version, selected

    engine = prepare_espeak()
    library, library_origin = espeak_origin()
    ffmpeg = selected()
    return [
        (
            "ffmpeg",
            f"{ffmpeg_version(ffmpeg.path)} {ffmpeg.path} "
            f"({why(ffmpeg.origin, run.choices.ffmpeg, 'ffmpeg', ffmpeg.note)})",
        ),
        (
            "libespeak-ng",
            f"{engine.removeprefix('espeak-ng ')} {library or 'not found'} "
            f"({why(library_origin, run.choices.espeak, 'espeak')})",
        ),
    ]


def say_tools(run: Resolved) -> None:
    """The tool lines on stderr, as `-v` shows the settings."""
    import typer

    for label, value in tool_lines(run):
        typer.echo(f"{label:<14} {value}", err=True)


def why(origin: str, choice: Choice[str], tool: str, note: str = "") -> str:
    """`bundled: the imageio-ffmpeg 0.8.1 wheel; the default`, `system; chosen by flag --ffmpeg`."""
    wheel = WHEELS[tool]
    what = f"bundled: the {wheel} {installed(wheel)} wheel" if origin == "bundled" else origin
    how = "the default" if choice.source == "default" else f"chosen by {choice.source}"
    return "; ".join(part for part in (what, how, note) if part)


def installed(distribution: str) -> str:
    from importlib import metadata  # 10 ms: only when asked

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "(not installed)"
