"""The bundled dataset: event files derived from the founding reports (see README.md)."""
