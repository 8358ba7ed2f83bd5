"""Errors that end a run with exit code 2 and a one-line message, never a traceback."""

from __future__ import annotations

from typing import Optional


class FactlintError(Exception):
    """A problem the user must fix (bad option, bad config, unreadable input)."""

    exit_code = 2


class ConfigError(FactlintError):
    """A problem in a file the user wrote, located by file, line and column."""

    def __init__(self, path: str, line: Optional[int], column: Optional[int], message: str):
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"
