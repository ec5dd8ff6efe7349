"""`streamlit run` for the bench: `python bench/serve.py SCRIPT [streamlit options]`.

With BENCH_MAX_FILE_MB set it first raises atlas.load.MAX_FILE_BYTES (50 MB in the app) in this process,
so the 1M-event synthetic set, whose events.csv is larger than that cap, can be served at all; the bench
reports that the unmodified app refuses it.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if os.environ.get("BENCH_MAX_FILE_MB"):
    import atlas.load

    atlas.load.MAX_FILE_BYTES = int(os.environ["BENCH_MAX_FILE_MB"]) * 2**20

from streamlit.web import cli  # noqa: E402

sys.argv = ["streamlit", "run", *sys.argv[1:]]
sys.exit(cli.main())
