#!/usr/bin/env python3
"""Build the committee papers site: `python build.py --help`."""
import os
import sys

from papersite.cli import main

if __name__ == "__main__":
    code = main()
    # A build holds millions of objects, and Python frees them one by one as it shuts down (a second at 500
    # packs) although the process is ending: end it at once, once what it printed is out.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
