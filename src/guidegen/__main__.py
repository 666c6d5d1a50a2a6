"""`python -m guidegen` runs the command line."""

import sys

from guidegen.cli import main

sys.exit(main())
