"""bulletins: PDF bulletins in, validated JSON Lines of dates, places, counts, amounts and organisations out.

The library API the command line is a thin shell over::

    from pipeline import extract
    for line in extract("bulletin.pdf"):
        print(line.kind, line.model_dump_json())
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.lazy_api import lazy_attributes

if TYPE_CHECKING:
    from pipeline.errors import BulletinsError
    from pipeline.inputs import iter_pdf_paths
    from pipeline.run import extract, extract_document
    from pipeline.settings import Settings

__all__ = ["BulletinsError", "Settings", "__version__", "extract", "extract_document", "iter_pdf_paths"]

# Where each name of the API lives. They are imported on first use: the command line imports
# this package for `--version` and `--help`, which must not load the model, spaCy or pydantic.
_API = {
    "BulletinsError": "pipeline.errors",
    "Settings": "pipeline.settings",
    "extract": "pipeline.run",
    "extract_document": "pipeline.run",
    "iter_pdf_paths": "pipeline.inputs",
}


_api_attribute = lazy_attributes("pipeline", _API, globals())


def __getattr__(name: str) -> Any:
    if name != "__version__":
        return _api_attribute(name)
    from pipeline.version import package_version

    globals()[name] = version = package_version()
    return version
