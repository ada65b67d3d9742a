// Parse a GEXF file with graphology-gexf (the parser of Gephi Lite) and print
// "nodes edges positioned": the node and edge counts, and how many nodes have numeric x and y (viz:position).
import { readFileSync } from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf";

const graph = gexf.parse(Graph, readFileSync(process.argv[2], "utf-8"), { allowUndeclaredAttributes: false });
const positioned = graph.filterNodes((_, a) => Number.isFinite(a.x) && Number.isFinite(a.y)).length;
console.log(`${graph.order} ${graph.size} ${positioned}`);
