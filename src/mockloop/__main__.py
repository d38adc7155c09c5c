"""`python -m mockloop` runs the same entry point as the `mockloop` script."""

from mockloop.cli import main

raise SystemExit(main())
