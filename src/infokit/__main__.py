import sys

from infokit.cli import main

sys.exit(main())
