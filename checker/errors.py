"""Errors that end a run with exit code 2 and a one-line message (never a traceback)."""

import os
import re

_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")


class FzcheckError(Exception):
    """Base: the message is shown to the user as is, on one line (a line break that a library
    put into its own message, or that a file name holds, becomes a space)."""

    exit_code = 2

    def __init__(self, message: object = "") -> None:
        text = str(message)
        super().__init__(_BREAKS.sub(" ", text).strip() if ("\n" in text or "\r" in text or "\u2028" in text or "\u2029" in text) else text)


class InputError(FzcheckError):
    """The report file cannot be read: missing, empty, binary, unsupported format…"""


class RuleError(FzcheckError):
    """A rule pack is invalid. The message names the file, the rule id and the field."""


class UsageError(FzcheckError):
    """The command line asks for something that does not exist (unknown rule id, format…)."""


def without_name(message: str, name: str) -> str:
    """An error's one-line message without the file name it starts with, for an output that
    shows the name beside it already (the web page's card, the concise line)."""
    text = " ".join(message.split())
    for prefix in (f"{name}: ", f"{os.path.basename(name)}: "):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text
