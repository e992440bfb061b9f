"""maps/elements.py: folium is imported without pandas, which geo never hands it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_folium_is_imported_without_pandas_and_pandas_still_imports() -> None:
    code = (
        "import sys, maps.elements, folium.utilities\n"
        "assert 'pandas' not in sys.modules and folium.utilities.pd is None\n"
        "import pandas\n"
        "print(pandas.__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pandas"


def test_an_imported_pandas_is_left_alone() -> None:
    import pandas

    from maps.elements import missing

    with missing("pandas"):
        import pandas as again
    assert again is pandas
