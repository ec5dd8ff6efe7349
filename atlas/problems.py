"""A problem found in the data, located precisely enough for a campaigner to fix it in a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    row: int  # spreadsheet row: the header is row 1, the first record row 2; 0 for the whole file
    column: str  # "" when the problem concerns the whole row or file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column or '-'}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "row": self.row, "column": self.column, "message": self.message}
