#!/usr/bin/env python3
"""Build the committee papers site: `python build.py --help`."""
import os
import sys

from papersite.cli import main

if __name__ == "__main__":
    code = main()
    # A build holds millions of objects, and Python frees them one by one as it shuts down although the
    # process is ending: end it at once, once what it printed is out. Kept because it is worth more than 5 %
    # of a rebuild: 7 % of one after adding a pack to 300 (benchmarks/rebuild_steps.py; 3 % of one with
    # nothing changed).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
