"""Page images for the review: each PDF page rendered once by pdfium, kept in a cache keyed by the PDF's hash."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pypdfium2

from pipeline.errors import MalformedPDF
from pipeline.layout.textmap import Box
from pipeline.pdf import SourceFile, open_pdf
from pipeline.review.image_settings import ImageSettings


@dataclasses.dataclass(frozen=True)
class PageImage:
    """One rendered page and where PDF points fall on it.

    Attributes:
        number: 1-based page number.
        crop: The page's visible area (its crop box) in the records' coordinates: PDF points,
            top measured from the top of the page, as pdfplumber gives them.
        width_px: Image width in pixels.
        height_px: Image height in pixels.
        path: The image file in the cache.
        mime: Its media type.
    """

    number: int
    crop: Box
    width_px: int
    height_px: int
    path: Path
    mime: str

    def percent(self, box: Sequence[float]) -> tuple[float, float, float, float]:
        """A box as left, top, width and height in percent of the image, so it scales with it."""
        x0, top, x1, bottom = box
        cx0, ctop, cx1, cbottom = self.crop
        width, height = (cx1 - cx0) or 1.0, (cbottom - ctop) or 1.0
        return (
            round(100 * (x0 - cx0) / width, 3),
            round(100 * (top - ctop) / height, 3),
            round(100 * (x1 - x0) / width, 3),
            round(100 * (bottom - top) / height, 3),
        )


def page_images(
    source: SourceFile, cache: Path, settings: ImageSettings, on_render: Callable[[], None] | None = None
) -> list[PageImage]:
    """Every page of a PDF as an image, rendered only when the cache does not hold it yet.

    Args:
        source: The PDF's bytes (its hash names the cache folder).
        cache: Root of the image cache.
        settings: Resolution and format.
        on_render: Called once per page actually rendered (not for cached pages).

    Returns:
        The pages in order.

    Raises:
        BulletinsError: The PDF cannot be opened.
    """
    folder = cache / source.doc_id.removeprefix("sha256:")[:16] / settings.key
    manifest = folder / "pages.json"
    pages = _read_manifest(manifest, settings)
    if pages is not None and all(page.path.is_file() for page in pages):
        return pages
    folder.mkdir(parents=True, exist_ok=True)
    crops = _crop_boxes(source)
    pages = []
    try:
        document = pypdfium2.PdfDocument(source.data)
    except pypdfium2.PdfiumError as exc:
        raise MalformedPDF(f"{source.path} cannot be rendered ({exc})") from None
    try:
        for number, crop in enumerate(crops, start=1):
            path = folder / f"p{number:04d}.{settings.format}"
            width, height = _render_page(document, number, settings, path)
            pages.append(PageImage(number, crop, width, height, path, settings.mime))
            if on_render is not None:
                on_render()
    finally:
        document.close()
    entries = [{"number": p.number, "crop": p.crop, "size": [p.width_px, p.height_px]} for p in pages]
    _write_atomically(manifest, json.dumps({"settings": settings.key, "pages": entries}).encode())
    return pages


def _render_page(document: pypdfium2.PdfDocument, number: int, settings: ImageSettings, path: Path) -> tuple[int, int]:
    """Render one page into `path`; its size in pixels."""
    try:
        image = document[number - 1].render(scale=settings.dpi / 72).to_pil().convert("RGB")
    except pypdfium2.PdfiumError as exc:
        raise MalformedPDF(f"page {number} cannot be rendered ({exc})") from None
    buffer = io.BytesIO()
    image.save(buffer, settings.format, **({"quality": settings.quality} if settings.format == "webp" else {}))
    _write_atomically(path, buffer.getvalue())
    return image.width, image.height


def _crop_boxes(source: SourceFile) -> list[Box]:
    """Each page's crop box in pdfplumber's coordinates, the area pdfium renders."""
    with open_pdf(source) as pdf:
        return [
            (float(x0), float(top), float(x1), float(bottom)) for x0, top, x1, bottom in (p.cropbox for p in pdf.pages)
        ]


def _read_manifest(manifest: Path, settings: ImageSettings) -> list[PageImage] | None:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return [
            PageImage(
                number=entry["number"],
                crop=tuple(entry["crop"]),
                width_px=entry["size"][0],
                height_px=entry["size"][1],
                path=manifest.parent / f"p{entry['number']:04d}.{settings.format}",
                mime=settings.mime,
            )
            for entry in data["pages"]
        ]
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so an interrupted run leaves no half image in the cache."""
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False)  # noqa: SIM115
    try:
        with handle:
            handle.write(data)
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
