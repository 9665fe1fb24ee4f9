"""``python -m workbench``: the same as the ``workbench`` command."""

from workbench.cli import main

# Guarded: a report's worker processes started by "spawn" import this module
# again (as __mp_main__), and must not run the command line a second time.
if __name__ == "__main__":
    main()
