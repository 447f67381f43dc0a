"""``python -m compare`` runs the same CLI as the ``compare`` script."""

import sys

if __name__ == "__main__":
    from compare.semantic import engine_launch

    # A plain `compare run` starts the engine's process now, before the CLI's imports (engine_launch says why).
    engine_launch.start_for_command(sys.argv[1:])
    from compare.cli import main

    main()
else:
    from compare.cli import main  # noqa: F401 - the entry point, as before
