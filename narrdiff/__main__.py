"""`python -m narrdiff` is the `narrdiff` command."""

import sys

from narrdiff.cli import main

sys.exit(main())
