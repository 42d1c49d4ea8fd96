"""Shared fixtures: the real spaCy model is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository folder."""
    return ROOT


@pytest.fixture(scope="session")
def small_kb_path() -> Path:
    """A small KB written for the entity tests (invented sentences, general names)."""
    return DATA / "kb_small.jsonl"


@pytest.fixture(scope="session")
def small_kb_spec(small_kb_path):
    """The pipeline of config.cfg with the small test KB, as the engines describe it."""
    from pipeline.cache import PipelineSpec

    return PipelineSpec.create(None, None, small_kb_path)


@pytest.fixture(scope="session")
def nlp_small_kb(small_kb_spec):
    """The full pipeline from config.cfg, linked to the small test KB.

    Loaded through the engines' per-process pipeline cache, so the extraction
    tests (which build the same spec) reuse it instead of loading the model again.
    """
    from pipeline.engines import load_pipeline

    return load_pipeline(small_kb_spec)[0]


TINY_ARTICLES = {
    "alpha-talks": "Talks in Vilnius\nOn 3 March 2024 Poland and Lithuania agreed to reopen the border.\nThe Kremlin said nothing.\n",
    "beta-release": "A Release in Minsk\nAlexander Lukashenko released Sergei Tikhanovsky in June 2025.\nThe EU welcomed the move last week.\n",
    "gamma-summit": "Summit Notes\nMaia Sandu met Polish officials in Warsaw in 2023.\nUkraine sent a delegation.\n",
}


@pytest.fixture()
def tiny_corpus(tmp_path):
    """A corpus of three short invented articles (published 2025-07-01) in a temporary folder."""
    import json

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article_id, text in TINY_ARTICLES.items():
        (corpus / f"{article_id}.txt").write_text(text, encoding="utf-8")
        meta = {"id": article_id, "title": text.splitlines()[0], "published": "2025-07-01"}
        (corpus / f"{article_id}.json").write_text(json.dumps(meta), encoding="utf-8")
    return corpus


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English pipeline for components that need no model."""
    return spacy.blank("en")
