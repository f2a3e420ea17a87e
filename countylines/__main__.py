"""python -m countylines: the command line (see countylines.cli)."""

import sys

from countylines.cli import main

sys.exit(main())
