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
def nlp_small_kb(small_kb_path):
    """The full pipeline from config.cfg, linked to the small test KB."""
    from pipeline.nlp import build_nlp

    return build_nlp(kb_path=small_kb_path)


@pytest.fixture(scope="session")
def blank_nlp():
    """A blank English pipeline for components that need no model."""
    return spacy.blank("en")
