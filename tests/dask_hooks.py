"""A Dask task for the fault tests only: :func:`newskg.dask_engine.parse_partition`, except that it kills its
own worker process (SIGKILL, as the kernel's out-of-memory killer would) on a marked article.

The tests put it in place of the engine's task on the client (``monkeypatch``); Dask ships it to the workers
by reference (``tests.dask_hooks``), so newskg itself holds no test hook.

- an article whose text holds ``DIE-ALWAYS`` kills every worker that parses it;
- one whose text holds ``DIE-ONCE:PATH`` kills the first worker that parses it (and creates PATH), so the
  retry succeeds.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import newskg.dask_engine
from newskg.batch import Result
from newskg.model import Article

ONCE = re.compile(r"DIE-ONCE:(\S+)")


def parse_or_die(articles: list[Article], plugin: str) -> list[Result]:
    for article in articles:
        once = ONCE.search(article.text)
        if "DIE-ALWAYS" in article.text or (once and not Path(once.group(1)).exists()):
            if once:
                Path(once.group(1)).touch()
            os.kill(os.getpid(), signal.SIGKILL)
    return newskg.dask_engine.parse_partition(articles, plugin)
