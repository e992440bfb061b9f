"""Names -> places: data sources, the name index, normalisation, ranking and lookup."""

from gazetteer.candidate import Candidate
from gazetteer.lookup import Gazetteer

__all__ = ["Candidate", "Gazetteer"]
