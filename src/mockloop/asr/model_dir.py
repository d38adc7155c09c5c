"""Finding the speech model on disk: the embedded tiny.en model or a user-chosen directory."""

from __future__ import annotations

from pathlib import Path

from mockloop.errors import ModelError
from mockloop.paths import default_model_dir

REQUIRED_FILES = ("model.bin", "config.json", "tokenizer.json")
# CTranslate2 converters write the vocabulary under one of these names.
VOCABULARY_FILES = ("vocabulary.txt", "vocabulary.json", "vocabulary.vocab")

HOW_TO_FIX = ("point the model setting (or `--model DIR`) at a CTranslate2 Whisper model "
              "directory such as a converted tiny.en or base.en")


def locate_model(model_dir: str | Path | None = None) -> Path:
    """The model directory to load: `None` means the embedded tiny.en model.

    Raises ModelError, in one plain sentence, when the directory or one of its files is missing.
    """
    if model_dir is None:
        try:
            path = default_model_dir()
        except Exception as exc:  # the package is missing or broken: say so plainly
            raise ModelError(f"The built-in speech model is not installed ({exc}); "
                             f"reinstall mockloop or {HOW_TO_FIX}.") from exc
    else:
        path = Path(model_dir).expanduser()
    if not path.is_dir():
        raise ModelError(f"The speech model folder {path} does not exist; {HOW_TO_FIX}.")
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if not any((path / name).is_file() for name in VOCABULARY_FILES):
        missing.append("vocabulary.txt")
    if missing:
        raise ModelError(f"The speech model folder {path} has no {', '.join(missing)}; "
                         f"{HOW_TO_FIX}.")
    return path.resolve()
