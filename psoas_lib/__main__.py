"""``python -m psoas_lib``: the terminal runner (see :mod:`psoas_lib.cli.main`)."""

from psoas_lib.cli.main import main

raise SystemExit(main())
