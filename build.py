#!/usr/bin/env python3
"""Build the committee papers site: `python build.py --help`."""
import sys

from papersite.cli import main

if __name__ == "__main__":
    sys.exit(main())
