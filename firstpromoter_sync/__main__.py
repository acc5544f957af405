"""``python -m firstpromoter_sync``: the ``firstpromoter`` command."""

import sys

from firstpromoter_sync._cli import main

if __name__ == "__main__":
    sys.exit(main())
