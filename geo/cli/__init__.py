"""The ``geo`` command: a thin shell over the library, one module per noun.

``app`` holds the typer application and ``main`` the entry point; the command modules
(:mod:`places`, :mod:`data`, :mod:`maps`, :mod:`brief`) register their commands on it and
import ``gazetteer`` and ``maps`` only inside the commands.
"""

from geo.cli.app import app, main

__all__ = ["app", "main"]
