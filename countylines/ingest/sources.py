"""What an import works on: the files as given, each problem found, and the checked result."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

MAX_FILE_BYTES = 5 * 1024 * 1024  # the Import screen's upload limit, for the command line too


@dataclass(frozen=True)
class SourceFile:
    name: str
    content: bytes

    @classmethod
    def from_path(cls, path: Path | str) -> SourceFile:
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:  # said before reading it: a file's size bounds the work
                raise ImportRejected(
                    [
                        Problem(
                            path.name,
                            None,
                            None,
                            None,
                            f"The file {path.name} is {size / 1024 / 1024:,.1f} MB; "
                            "this tool reads files of up to 5 MB.",
                        )
                    ]
                )
            return cls(path.name, path.read_bytes())
        except FileNotFoundError:
            raise ImportRejected([Problem(path.name, None, None, None, f"There is no file at {path}.")]) from None
        except OSError as error:
            raise ImportRejected(
                [Problem(path.name, None, None, None, f"{path} could not be opened ({error.strerror}).")]
            ) from None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # the row number as a spreadsheet shows it: the header is row 1
    column: str | None
    value: str | None
    message: str
    suggestion: str | None = None

    def sentence(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        prefix = f"{self.file}, {', '.join(where)}: " if where else f"{self.file}: "
        text = prefix + self.message
        if self.suggestion:
            text += f"; did you mean '{self.suggestion}'?"
        return text


class ImportRejected(Exception):
    """The files were not imported; problems lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.sentence() for p in problems))


@dataclass
class ParsedReturns:
    source: SourceFile
    submissions: pd.DataFrame  # year, force_code, lines_count, notes
    answers: pd.DataFrame  # year, force_code, indicator, answer
    years: list[int]


@dataclass
class ParsedFlows:
    source: SourceFile
    flows: pd.DataFrame  # year, exporter_code, importer_code, lines
    years: list[int]


@dataclass
class Preview:
    returns: ParsedReturns | None = None
    flows: ParsedFlows | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and (self.returns is not None or self.flows is not None)
