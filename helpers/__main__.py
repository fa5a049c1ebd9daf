"""``python -m helpers`` is the same as the ``quotelens`` console script."""
from helpers.cli import main

raise SystemExit(main())
