"""`python -m service ...`: see `service.cli`."""

from .cli import main

main()
