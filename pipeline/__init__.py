"""bulletins: PDF bulletins in, validated JSON Lines of dates, places, counts, amounts and organisations out.

The library API the command line is a thin shell over::

    from pipeline import extract
    for line in extract("bulletin.pdf"):
        print(line.kind, line.model_dump_json())
"""

from pipeline.errors import BulletinsError
from pipeline.inputs import iter_pdf_paths
from pipeline.run import extract, extract_document
from pipeline.settings import Settings
from pipeline.version import package_version

__version__ = package_version()

__all__ = ["BulletinsError", "Settings", "__version__", "extract", "extract_document", "iter_pdf_paths"]
