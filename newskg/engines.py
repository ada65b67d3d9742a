"""The engines that parse a run's articles: this machine's processes (``local``) or a Dask cluster (``dask``).

Every engine runs the same worker function, :func:`newskg.batch.parse_batch`, and
gives the results back in input order; merging and writing stay in the run
(:mod:`newskg.run`). The Dask engine (:mod:`newskg.dask_engine`) is an optional
extra: :func:`dask_engine` imports it, or says in one line what to install.
"""

from __future__ import annotations

import importlib
from types import ModuleType

ENGINES = ("local", "dask")
DASK_INSTALL = "pip install 'newskg[dask]'"
# The top-level packages of the extra: an ImportError naming one of them means the extra is missing.
DASK_PACKAGES = ("dask", "distributed")


class EngineError(RuntimeError):
    """The engine cannot run (Dask not installed, a scheduler that cannot be reached, no workers): one line."""


def dask_engine() -> ModuleType:
    """The Dask engine's module; :class:`EngineError` saying what to install if Dask is missing."""
    try:
        return importlib.import_module("newskg.dask_engine")
    except ImportError as err:
        if (err.name or "").split(".")[0] not in DASK_PACKAGES:
            raise
        message = f"--engine dask needs Dask's distributed scheduler, which is not installed: {DASK_INSTALL}"
        raise EngineError(message) from None
