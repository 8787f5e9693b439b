"""``python -m psoas_lib``: the terminal runner (see :mod:`psoas_lib.cli`)."""

from .cli import main

raise SystemExit(main())
