"""The terminal app of shallow-tui. Importing this package does not import textual: the headless
command line (tui.cli) must start fast and run where textual is not wanted."""
