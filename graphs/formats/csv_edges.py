"""CSV edge table for Gephi's spreadsheet import (``out.edges.csv``)."""

from __future__ import annotations

from newskg.graphs.formats import Format
from newskg.graphs.formats.csv_tables import write_edges

FORMAT = Format(
    "csv-edges",
    (".edges.csv",),
    "CSV edge table (Gephi spreadsheet import: Source, Target, Type, Weight)",
    write_edges,
)
