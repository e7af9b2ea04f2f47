"""`python3 -m tui` runs the same command as `shallow-tui`."""
from tui.cli import main

raise SystemExit(main())
