"""``python -m ecove_data.report``: ``ecove-data report`` with the same options.

An entry point, not part of the report package's code: it hands its arguments to the command
line, which the report package itself never imports.
"""

import sys

from ..cli import main

sys.exit(main(["report", *sys.argv[1:]]))
