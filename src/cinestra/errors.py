"""One error tree: every Cinestra error derives from CinestraError and the builtin it resembles."""


class CinestraError(Exception):
    """Base of every error Cinestra raises on purpose."""


class InvalidRequest(CinestraError, ValueError):
    """The request names a bad value (prompt, size, seconds, fps, output path)."""


class EngineUnavailable(CinestraError, RuntimeError):
    """A rendering or audio engine cannot start on this machine (missing GL driver, library)."""


class OutputError(CinestraError, OSError):
    """The result could not be written (unwritable directory, full disk)."""
