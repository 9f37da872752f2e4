"""Every error eventatlas raises on purpose, in one family (spaCy's errors.py is the model).

Each class has a short stable `code` (users and scripts may match on it) and a one-line message that names
the input and says what is wrong with it. The CLI prints `eventatlas: [CODE] message` and exits with the class's
`exit_code` (the README's table); the HTTP API answers `{"error": message, "code": CODE}`. A traceback never
reaches a user: anything else that escapes is a bug, reported in one line as such.

    raise StoreError("events.db", "not an eventatlas database (file is not a database)")
    # str(exc) == "events.db: not an eventatlas database (file is not a database)"
"""

from __future__ import annotations

# The README's exit codes.
EXIT_OK = 0
EXIT_REJECTED = 1      # some inputs were rejected (recorded, the rest went on)
EXIT_USAGE = 2         # the command line is wrong
EXIT_ENVIRONMENT = 3   # something is missing or unusable: model, database, optional dependency
EXIT_BUG = 4           # an error eventatlas did not expect: a bug, reported in one line


class EventAtlasError(Exception):
    """Base class. `subject` is the input, file or setting the message is about (may be empty)."""

    code = "EA000"
    exit_code = EXIT_ENVIRONMENT

    def __init__(self, subject: object, reason: str | None = None):
        if reason is None:  # one-argument form: the whole message
            subject, reason = "", str(subject)
        self.subject = str(subject) if subject is not None else ""
        self.reason = " ".join(str(reason).split())  # one line, whatever the reason held
        super().__init__(self.line())

    def line(self) -> str:
        return f"{self.subject}: {self.reason}" if self.subject else self.reason


class UsageError(EventAtlasError):
    """An option or argument that cannot be used as given."""
    code = "EA100"
    exit_code = EXIT_USAGE


class FilterError(UsageError, ValueError):
    """A query filter that cannot be applied (bad bbox, date, cursor...)."""
    code = "EA101"


class InputError(EventAtlasError):
    """An input that cannot become a document; it is rejected and the batch goes on."""
    code = "EA200"
    exit_code = EXIT_REJECTED


class FetchRefused(InputError):
    """A URL that may not be fetched (scheme, private address, too many redirects)."""
    code = "EA201"


class StoreError(EventAtlasError):
    """A database that cannot be used: missing, unreadable, not ours, newer than us, read-only, full."""
    code = "EA300"


class QueryTimeout(StoreError):
    """A query that ran past its time budget (the API's settings.request_seconds) and was stopped."""
    code = "EA301"


class ModelNotFound(EventAtlasError):
    """No spaCy pipeline could be loaded."""
    code = "EA310"


class MissingDependency(EventAtlasError):
    """An optional package a command needs is not installed."""
    code = "EA320"

    def __init__(self, package: str, purpose: str, extra: str | None = None):
        hint = f"pip install 'eventatlas[{extra}]'" if extra else f"pip install {package}"
        super().__init__(package, f"is needed {purpose} but is not installed ({hint})")


class ConfigError(EventAtlasError):
    """A setting that cannot be used."""
    code = "EA330"


class GoldError(EventAtlasError, ValueError):
    """Gold data for the scorecard that cannot be scored."""
    code = "EA400"


class GoldMissing(GoldError, FileNotFoundError):
    """A gold set that is not where it was looked for."""
    code = "EA401"


class GoldFormatError(GoldError):
    """A gold file that is not in the format its reader expects."""
    code = "EA402"


def describe_bug(exc: BaseException) -> str:
    """A one-line account of an unexpected exception, for a user who should report it."""
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    first = first[:200]
    return f"internal error ({type(exc).__name__}{': ' + first if first else ''}); please report it"
