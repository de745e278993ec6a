"""`narrate batch --cluster`: a folder narrated on a Dask cluster, one article per task.

The client (this process) reads each page and sends its bytes with the
settings; a URL is fetched by the worker. Each worker process keeps one
narrator (its engine warmed once, its own sentence cache), narrates whole
articles one at a time and sends the finished files back as bytes, so
workers need not see the client's files. The client writes them atomically,
the manifest last, as a local batch does: an episode is all its files or
none. Results are taken as they finish and only a few articles per worker
are in flight, so the client's memory stays bounded. A task whose worker
dies (kill -9, out of memory) is run again on another worker by the
scheduler, up to its `allowed-failures`; the article is then reported as
failed and the batch goes on.
"""

from __future__ import annotations

from narrate.pipeline.cluster.client import run_batch_on, run_on_cluster, start_early
from narrate.pipeline.cluster.units import ClusterJob, TaskResult, WorkUnit
from narrate.pipeline.cluster.worker import narrate_unit

__all__ = [
    "ClusterJob",
    "TaskResult",
    "WorkUnit",
    "narrate_unit",
    "run_batch_on",
    "run_on_cluster",
    "start_early",
]
