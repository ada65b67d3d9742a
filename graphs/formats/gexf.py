"""GEXF 1.3 for Gephi, written by a streaming writer.

Declared attribute types, ``viz`` colours by entity type and sizes by mentions,
positions from the seeded layout the view page draws (:mod:`newskg.graphs.layout`),
so Gephi opens the same picture, edge labels and kinds (the relation, so Gephi
keeps parallel edges of different relations apart), and time: when the run's
dates span two days or more, the graph is dynamic and every dated node and edge
carries one spell per date it was reported on (from the event or article dates),
so Gephi's timeline plays the story; an undated run, or one whose every date is
the same day, is a static graph (a timeline of one day plays nothing, and Gephi
refuses it). No date of writing goes into the file: same graph, same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from newskg.graphs.layout import layout
from newskg.graphs.network import NetworkTable, Value
from newskg.graphs.network_read import read_gexf
from newskg.graphs.xmlwrite import attr, network_format

GEXF_TYPES = {str: "string", int: "integer", float: "double", bool: "boolean"}

# Node colours by entity type (Tableau 10), grey for anything else.
TYPE_COLORS = {
    "Country": (31, 119, 180),
    "City": (44, 160, 44),
    "Region": (152, 223, 138),
    "Place": (188, 189, 34),
    "Person": (214, 39, 40),
    "Company": (255, 127, 14),
    "Organization": (148, 103, 189),
    "GovernmentBody": (140, 86, 75),
    "PoliticalParty": (227, 119, 194),
    "InternationalOrganization": (23, 190, 207),
}
OTHER_COLOR = (127, 127, 127)


def node_size(mentions: int) -> float:
    """Gephi node size: grows with the logarithm of the mention count, so hubs stay readable."""
    return round(5.0 + 5.0 * math.log2(1 + max(mentions, 0)), 2)


def attribute_declarations(kind: str, columns: dict[str, type]) -> Iterator[str]:
    yield f'    <attributes class="{kind}" mode="static">\n'
    for name, column_type in columns.items():
        yield f"      <attribute id={attr(name)} title={attr(name)} type={attr(GEXF_TYPES[column_type])}/>\n"
    yield "    </attributes>\n"


def attvalues(values: dict[str, Value]) -> Iterator[str]:
    if values:
        yield "        <attvalues>\n"
        for name, value in values.items():
            yield f"          <attvalue for={attr(name)} value={attr(value)}/>\n"
        yield "        </attvalues>\n"


def spells(dates: list[str]) -> Iterator[str]:
    if dates:
        yield "        <spells>\n"
        for date in dates:
            yield f'          <spell start="{date}" end="{date}"/>\n'
        yield "        </spells>\n"


def gexf_lines(table: NetworkTable) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n'
    yield "  <meta>\n    <creator>newskg</creator>\n"
    yield "    <description>Entities and relations extracted from news articles</description>\n  </meta>\n"
    timeline = table.timeline
    if timeline:
        all_dates = table.dates
        yield (
            f'  <graph mode="dynamic" defaultedgetype="directed" timeformat="date"'
            f' start="{all_dates[0]}" end="{all_dates[-1]}">\n'
        )
    else:
        yield '  <graph mode="static" defaultedgetype="directed">\n'
    # The view page's call, so the page and Gephi draw the same picture.
    positions = layout([node.id for node in table.nodes], [(edge.source, edge.target) for edge in table.edges])
    yield from attribute_declarations("node", table.node_columns)
    yield from attribute_declarations("edge", table.edge_columns)
    yield f'    <nodes count="{len(table.nodes)}">\n'
    for node in table.nodes:
        yield f"      <node id={attr(node.id)} label={attr(node.label)}>\n"
        yield from attvalues(node.attributes)
        if timeline:
            yield from spells(node.dates)
        r, g, b = TYPE_COLORS.get(node.entity_type, OTHER_COLOR)
        yield f'        <viz:color r="{r}" g="{g}" b="{b}"/>\n'
        x, y = positions[node.id]
        yield f'        <viz:position x="{x!r}" y="{y!r}" z="0.0"/>\n'
        yield f'        <viz:size value="{node_size(node.mentions)}"/>\n'
        yield "      </node>\n"
    yield "    </nodes>\n"
    yield f'    <edges count="{len(table.edges)}">\n'
    for edge in table.edges:
        yield (
            f"      <edge id={attr(edge.id)} source={attr(edge.source)} target={attr(edge.target)}"
            f' label={attr(edge.label)} kind={attr(edge.label)} weight="{edge.weight}">\n'
        )
        yield from attvalues(edge.attributes)
        if timeline:
            yield from spells(edge.dates)
        yield "      </edge>\n"
    yield "    </edges>\n  </graph>\n</gexf>\n"


FORMATS = (
    network_format(
        "gexf", "GEXF 1.3 (Gephi): typed attributes, viz colours and sizes, timeline", gexf_lines, read_gexf
    ),
)
