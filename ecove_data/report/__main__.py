"""``python -m ecove_data.report``."""

import sys

from . import main

sys.exit(main())
