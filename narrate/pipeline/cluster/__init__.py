"""`narrate batch --cluster`: a folder narrated on a Dask cluster, one article per task.

The client (this process) sends where each page is and where its episode
goes: SRC and DEST are a folder every worker mounts or a store URL
(s3://bucket/prefix/). Each worker process keeps one narrator (its engine
warmed once, its own sentence cache), reads each page itself (a web URL is
fetched), narrates whole articles one at a time and writes the files to DEST
itself, the manifest last, as a local batch does; the client gets back an
outcome of a few hundred bytes. Results are taken as they finish and only a
few articles per worker are in flight, so the client's memory stays bounded.
A task whose worker dies (kill -9, out of memory) is run again on another
worker by the scheduler, up to its `allowed-failures`; the article is then
reported as failed and the batch goes on.
"""

from __future__ import annotations

from narrate.pipeline.cluster.client import run_batch_on, run_on_cluster, start_early
from narrate.pipeline.cluster.units import ClusterJob, WorkUnit
from narrate.pipeline.cluster.worker import narrate_unit

__all__ = [
    "ClusterJob",
    "WorkUnit",
    "narrate_unit",
    "run_batch_on",
    "run_on_cluster",
    "start_early",
]
