"""What a map should show and how: the options ``build_map`` takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from geo.errors import InputError

By = Literal["status", "actor", "period", "type"]
BY_CHOICES: tuple[By, ...] = ("status", "actor", "period", "type")


@dataclass(frozen=True, slots=True)
class MapOptions:
    """Options of one map.

    Parameters
    ----------
    title, subtitle
        Shown in large type at the top left (and as the page title).
    offline
        Inline Leaflet and the project's own JS/CSS and use only the embedded Natural Earth
        basemap, so the file opens with no network at all.
    by
        How presence layers are split and coloured: by ``status``, ``actor``, ``period``
        (the year a record starts) or event ``type``.
    banner
        A classification or handling line shown at the top and bottom, or ``None``.
    heat, regions
        Add the report-density layer / the regions layer, switched on when the page opens
        (the layer control can switch them off).
    embed
        Return an HTML fragment (one ``<div>`` with scoped style and script) instead of a page.
    width, height
        Size of the map box; CSS lengths (``"100%"``, ``"640px"``). Full pages fill the window.
    at
        The date the time control starts at ("as of" that day); ``None`` starts at the
        last date of the data. ``build_map`` raises :class:`InputError` when it lies
        outside the data's dates.
    since
        Draw what each actor gained and lost since this date ("changes since", see
        maps/changes.py); the page's time control can switch it off or change the date.
        ``build_map`` raises :class:`InputError` when it lies outside the data's dates or
        the map has no control areas.
    element_id
        The id of the map's element; by default derived from the content, so two builds of
        the same input are identical and two different maps on one page do not collide.
    """

    title: str = "Reported presence and movements"
    subtitle: str = ""
    offline: bool = False
    by: By = "status"
    banner: str | None = None
    heat: bool = False
    regions: bool = False
    embed: bool = False
    width: str = "100%"
    height: str = "100%"
    element_id: str | None = None
    at: date | None = None
    since: date | None = None
    # status word -> area class over maps.areas.CLASSES (from --styles FILE, issue 11)
    area_classes: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if self.by not in BY_CHOICES:
            raise InputError(f"must be one of {', '.join(BY_CHOICES)}, got {self.by!r}", field="by")
        for name in ("width", "height"):
            value = getattr(self, name)
            if not _is_css_length(value):
                raise InputError(f"{value!r} is not a CSS length such as 100% or 640px", field=name)
        if self.element_id is not None and not _is_ident(self.element_id):
            raise InputError(
                f"{self.element_id!r} is not an id"
                " (letters, digits, - and _, starting with a letter)",
                field="element_id",
            )


def _is_css_length(value: str) -> bool:
    for unit in ("px", "%", "vh", "vw", "em", "rem"):
        number = value[: -len(unit)] if value.endswith(unit) else None
        if number and number.replace(".", "", 1).isdigit():
            return True
    return False


def _is_ident(value: str) -> bool:
    return (
        bool(value)
        and value[0].isascii()
        and value[0].isalpha()
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in value)
    )
