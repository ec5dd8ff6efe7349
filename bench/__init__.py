"""`make bench`: page loads, rerun latency, scale, concurrency and a TimelineJS comparison (targets: run.py)."""
