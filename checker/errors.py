"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""


class FzcheckError(Exception):
    """Base: the message is shown to the user as is, on one line."""

    exit_code = 2


class InputError(FzcheckError):
    """The report file cannot be read: missing, empty, binary, unsupported format…"""


class RuleError(FzcheckError):
    """A rule pack is invalid. The message names the file, the rule id and the field."""


class UsageError(FzcheckError):
    """The command line asks for something that does not exist (unknown rule id, format…)."""
