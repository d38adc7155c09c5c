"""Finding and loading the model: missing or damaged folders give one plain sentence."""

from __future__ import annotations

import shutil

import pytest

from mockloop.asr import SpeechModel, locate_model
from mockloop.errors import ModelError


def assert_plain_sentence(message: str) -> None:
    assert "\n" not in message and "Traceback" not in message
    assert message.endswith(".")
    assert "--model" in message  # says how to point at another model


def test_default_is_the_embedded_model():
    path = locate_model(None)
    assert (path / "model.bin").is_file()


def test_missing_folder(tmp_path):
    with pytest.raises(ModelError) as err:
        locate_model(tmp_path / "nowhere")
    assert "does not exist" in str(err.value)
    assert_plain_sentence(str(err.value))


def test_folder_without_model_files_names_what_is_missing(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError) as err:
        SpeechModel(tmp_path)
    message = str(err.value)
    assert "model.bin" in message and "tokenizer.json" in message
    assert "vocabulary" in message
    assert_plain_sentence(message)


def test_corrupt_model_file(tmp_path):
    source = locate_model(None)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(source / name, tmp_path / name)
    (tmp_path / "model.bin").write_bytes(b"this is not a model" * 100)
    model = SpeechModel(tmp_path)  # the folder looks complete: loading is what fails
    with pytest.raises(ModelError) as err:
        model.load()
    assert "could not be loaded" in str(err.value)
    assert_plain_sentence(str(err.value))
