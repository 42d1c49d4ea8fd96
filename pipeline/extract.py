"""Run the spaCy pipeline over articles and turn each `Doc` into an annotation record."""

from __future__ import annotations

from collections import deque
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .corpus import Article
from .entities import doc_entities
from .records import AnnotationRecord
from .segment import iter_sentences

ANNOTATOR = "pipeline"


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise an article and attach its publication date (the DCT)."""
    doc = nlp.make_doc(article.text)
    doc._.dct = article.published
    return doc


def doc_to_record(doc: Doc, article: Article, provenance: dict[str, str]) -> AnnotationRecord:
    """Build the pipeline's annotation record (SPEC section 3) for one processed doc.

    Extra fields: provenance (pipeline and model versions), the DCT used and
    whether it was inferred, and the sentences with their block kind.
    """
    sentences = [
        {"start": sent.start_char, "end": sent.start_char + len(sent.text.rstrip()), "block": sent._.block}
        for _, sent in iter_sentences(doc)
    ]
    return AnnotationRecord(
        article_id=article.id,
        annotator=ANNOTATOR,
        text_sha256=article.sha256,
        entities=doc_entities(doc),
        dates=list(doc._.date_mentions or []),
        claims=list(doc._.claims or []),
        extra={
            "pipeline_version": __version__,
            **provenance,
            "dct": doc._.dct,
            "dct_inferred": bool(doc._.dct_inferred),
            "sentences": sentences,
        },
    )


def extract(
    nlp: Language,
    articles: Iterable[Article],
    provenance: dict[str, str],
    *,
    batch_size: int = 16,
) -> Iterator[AnnotationRecord]:
    """Yield one record per article, in input order, streaming through `nlp.pipe` in this process.

    Parallel work goes through `engines.py` (worker processes each running this):
    spaCy's own `n_process` would ship `Doc`s between processes, and our extension
    values do not survive that.

    Args:
        nlp: the pipeline from `nlp.build_nlp`.
        articles: the articles to process (an iterator is consumed lazily).
        provenance: model name and version to record in each output line.
        batch_size: documents per batch for `nlp.pipe`.
    """
    pending: deque[Article] = deque()

    def docs() -> Iterator[Doc]:
        for article in articles:
            pending.append(article)
            yield make_doc(nlp, article)

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        article = pending.popleft()
        yield doc_to_record(doc, article, provenance)
