"""An annotated-corpus NLP pipeline for political analysis articles.

Articles in `corpus/` run through a spaCy pipeline (`config.cfg`) that finds
entities linked to a knowledge base and normalised dates; the output is scored
against hand-curated gold in `annotations/`. See README.md.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas

__version__ = "0.1.0"


def load_claims(path: str | os.PathLike[str] = "outputs") -> pandas.DataFrame:
    """Load the structured claims dataset (`claims reconcile`) as a pandas DataFrame.

    Args:
        path: A folder holding `claims.jsonl` (else `claims.parquet`, else
            `claims.csv`), or one of those files. Default: `outputs`.

    Returns:
        One row per reconciled claim; columns as documented in `pipeline.dataset`.
    """
    from .dataset import load_claims as _load_claims

    return _load_claims(path)
