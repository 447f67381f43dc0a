"""The exceptions compare raises, and what each means for a run.

    CompareError                 anything compare reports to the user
    ├── UsageError               the command line itself is wrong (exit 2)
    ├── NothingUsableError       no source could be used (exit 3)
    ├── ManifestError            a manifest cannot be read at all
    ├── InputError               one input file cannot be used (skipped)
    └── OutputError              the output folder cannot be written safely

Per-file trouble is not raised through a whole run: the loader turns an
``InputError`` into a ``Problem`` and goes on with the rest of the set.
"""

from __future__ import annotations


class CompareError(Exception):
    """Base of every error compare reports; ``hint`` says what to do."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class UsageError(CompareError):
    exit_code = 2


class NothingUsableError(CompareError):
    """No source could be used; ``problems`` says why for each input."""

    exit_code = 3

    def __init__(self, message: str, hint: str = "", problems: tuple = ()) -> None:
        super().__init__(message, hint)
        self.problems = problems


class ManifestError(CompareError):
    exit_code = 3


class InputError(CompareError):
    """One input is unusable; carries the line and field where known."""

    def __init__(
        self, message: str, hint: str = "", line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message, hint)
        self.line = line
        self.field = field


class OutputError(CompareError):
    exit_code = 2
