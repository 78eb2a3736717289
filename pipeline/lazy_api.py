"""A package's public names imported from their modules on first use (PEP 562 module `__getattr__`).

The command line imports `pipeline`, `pipeline.review` and `pipeline.export` for `--help` and
`--version`; their APIs stand on spaCy, pdfplumber and pydantic, which such a call must not load.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, api: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """A module `__getattr__` that imports `name` from the module `api[name]` and keeps it in `namespace`.

    Args:
        package: The package's name, for the error of an unknown attribute.
        api: Each public name and the module it lives in.
        namespace: The package's `globals()`: a name once imported is found there next time.
    """

    def get(name: str) -> Any:
        if name not in api:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(api[name]), name)
        namespace[name] = value
        return value

    return get
