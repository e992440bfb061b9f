"""Names -> places: data sources, the name index, normalisation, ranking and lookup."""
