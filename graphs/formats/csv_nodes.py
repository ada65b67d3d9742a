"""CSV node table for Gephi's spreadsheet import (``out.nodes.csv``)."""

from __future__ import annotations

from newskg.graphs.formats import Format
from newskg.graphs.formats.csv_tables import write_nodes

FORMAT = Format(
    "csv-nodes", (".nodes.csv",), "CSV node table (Gephi spreadsheet import: Id, Label, Interval)", write_nodes
)
