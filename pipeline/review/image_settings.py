"""How the review renders page images.

Apart from the renderer (`pages`), so that `bulletins review --help` shows the defaults without loading it.
"""

from __future__ import annotations

import dataclasses
from typing import Literal

ImageFormat = Literal["webp", "png"]


@dataclasses.dataclass(frozen=True)
class ImageSettings:
    """How pages are rendered.

    Attributes:
        dpi: Pixels per inch. 120 keeps 8 pt text legible on a plain screen at about 130 KB a
            page (A4: 993 x 1404 px).
        format: "webp" (lossy, about a third of PNG's size for the same page) or "png" (lossless).
        quality: WebP quality, 0-100; PNG ignores it.
    """

    dpi: int = 120
    format: ImageFormat = "webp"
    quality: int = 80

    @property
    def mime(self) -> str:
        return f"image/{self.format}"

    @property
    def key(self) -> str:
        """Name of the cache folder of images made with these settings."""
        return f"{self.dpi}dpi-{self.format}" + (f"-q{self.quality}" if self.format == "webp" else "")

    def describe(self) -> str:
        quality = f" quality {self.quality}" if self.format == "webp" else ""
        return f"{self.format.upper()}{quality} at {self.dpi} dpi"
