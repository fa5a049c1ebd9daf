"""One exception type for every problem an analyst can fix: the CLI turns it into exit status 2."""


class QuoteLensError(Exception):
    """Bad input or a refused action, with a message that names the problem and how to fix it."""


class InputError(QuoteLensError):
    """The article or corpus given cannot be read as an English news text."""


class ExportError(QuoteLensError):
    """An export would overwrite existing work or cannot be written."""


class UnknownSpeakerError(QuoteLensError, KeyError):
    """A speaker filter names speakers that are not in the quote table."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""
