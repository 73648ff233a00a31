"""Entry point of the packaged application (PyInstaller): the same as the ``govreport`` command."""

import sys

from govreport_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
