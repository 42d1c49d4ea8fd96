"""An annotated-corpus NLP pipeline for political analysis articles.

Articles in `corpus/` run through a spaCy pipeline (`config.cfg`) that finds
entities linked to a knowledge base and normalised dates; the output is scored
against hand-curated gold in `annotations/`. See README.md.
"""

__version__ = "0.1.0"
