"""``python -m ecove_data``."""

import sys

from .cli import main

sys.exit(main())
