"""Read PNG pixels for the image tests, using the browser's decoder (no Pillow needed).

Images are scaled down on a canvas, so the numbers describe what a person sees at a
glance, and small differences in anti-aliasing average out.
"""

from __future__ import annotations

import base64
import struct

import numpy as np
from playwright.sync_api import Page

_DECODE_JS = """async ([src, w, h]) => {
  const img = new Image(); img.src = src; await img.decode();
  const c = document.createElement('canvas'); c.width = w; c.height = h;
  const g = c.getContext('2d'); g.imageSmoothingQuality = 'high';
  g.drawImage(img, 0, 0, w, h);
  const d = g.getImageData(0, 0, w, h).data; let s = '';
  for (let i = 0; i < d.length; i += 8192) s += String.fromCharCode(...d.subarray(i, i + 8192));
  return btoa(s);
}"""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def pixels(page: Page, data: bytes, width: int = 320) -> np.ndarray:
    """The image scaled to ``width`` (keeping its aspect) as an RGB array of floats."""
    w0, h0 = png_size(data)
    height = max(1, round(h0 * width / w0))
    src = "data:image/png;base64," + base64.b64encode(data).decode()
    raw = base64.b64decode(page.evaluate(_DECODE_JS, [src, width, height]))
    return np.frombuffer(raw, dtype=np.uint8).reshape(height, width, 4)[:, :, :3].astype(float)


def looks_drawn(img: np.ndarray) -> list[str]:
    """Reasons the image looks blank; empty when it shows a drawn map."""
    problems = []
    grey = img.mean(axis=2)
    if grey.std() < 12:
        problems.append(f"almost uniform (grey std {grey.std():.1f})")
    colours = {tuple(c) for c in (img // 32).reshape(-1, 3).astype(int).tolist()}
    if len(colours) < 12:
        problems.append(f"only {len(colours)} colours")
    return problems


def differences(img: np.ndarray, ref: np.ndarray) -> list[str]:
    """Reasons ``img`` is not the same picture as ``ref``; empty when they match.

    Tolerates what differs between machines and runs (anti-aliasing, font hinting): the
    mean difference must stay under 4/255 and under 2% of pixels may differ by more than a
    quarter of the range. Every quarter of the picture is checked on its own, so a map
    drawn only in part fails even when the rest is right.
    """
    if img.shape != ref.shape:
        return [f"size {img.shape[1]}x{img.shape[0]} != {ref.shape[1]}x{ref.shape[0]}"]
    problems = []
    h, w = img.shape[:2]
    for name, (ys, xs) in {
        "top left": (slice(0, h // 2), slice(0, w // 2)),
        "top right": (slice(0, h // 2), slice(w // 2, w)),
        "bottom left": (slice(h // 2, h), slice(0, w // 2)),
        "bottom right": (slice(h // 2, h), slice(w // 2, w)),
    }.items():
        diff = np.abs(img[ys, xs] - ref[ys, xs]).max(axis=2)
        mean, far = diff.mean(), (diff > 64).mean()
        if mean > 4 or far > 0.02:
            problems.append(f"{name}: mean diff {mean:.1f}, {far:.1%} of pixels far off")
    return problems


def colour_share(img: np.ndarray, hex_colour: str, tolerance: float = 40) -> float:
    """Share of pixels within ``tolerance`` (per channel) of ``#rrggbb``."""
    rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=float)
    return float((np.abs(img - rgb).max(axis=2) < tolerance).mean())
