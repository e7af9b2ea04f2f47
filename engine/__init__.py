"""Pure-NumPy engine of shallow-tui: a 2 → n_h → 1 network trained one iteration at a time.

Nothing here imports the terminal UI, textual or rich (tests/test_import_hygiene.py proves it).
"""
