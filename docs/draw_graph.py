"""Draw a newskg GraphML as a PNG for the README (needs matplotlib: ``pip install matplotlib``).

Usage: python docs/draw_graph.py GRAPH.graphml OUT.png [--article ID]
"""

from __future__ import annotations

import argparse

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import networkx as nx

COLOURS = {
    "Country": "#e15759",
    "City": "#f28e2b",
    "Region": "#edc948",
    "Place": "#edc948",
    "Person": "#4e79a7",
    "Company": "#59a14f",
    "Organization": "#76b7b2",
    "GovernmentBody": "#b07aa1",
    "PoliticalParty": "#ff9da7",
    "InternationalOrganization": "#9c755f",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph")
    parser.add_argument("out")
    parser.add_argument("--article", help="only nodes and edges of this article id")
    args = parser.parse_args()
    graph = nx.read_graphml(args.graph)
    if args.article:
        keep = [n for n, a in graph.nodes(data=True) if args.article in str(a.get("articles", "")).split("|")]
        graph = graph.subgraph(keep).copy()
    graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    layout = nx.spring_layout(graph, seed=7, k=1.2)
    plt.figure(figsize=(11, 7))
    colours = [COLOURS.get(graph.nodes[n].get("type", ""), "#bab0ac") for n in graph]
    nx.draw_networkx_nodes(graph, layout, node_color=colours, node_size=900, alpha=0.9)
    nx.draw_networkx_labels(graph, layout, labels={n: graph.nodes[n]["label"] for n in graph}, font_size=9)
    nx.draw_networkx_edges(graph, layout, arrows=True, arrowsize=14, edge_color="#666666", node_size=900)
    edge_labels = {(u, v): a["relation"] for u, v, a in graph.edges(data=True)}
    nx.draw_networkx_edge_labels(graph, layout, edge_labels=edge_labels, font_size=8, font_color="#333333")
    handles = [
        plt.Line2D([], [], marker="o", linestyle="", color=c, label=t)
        for t, c in COLOURS.items()
        if any(graph.nodes[n].get("type") == t for n in graph)
    ]
    plt.legend(handles=handles, loc="lower left", fontsize=8, frameon=False)
    plt.axis("off")
    plt.tight_layout()
    plt.savefig(args.out, dpi=110)


if __name__ == "__main__":
    main()
