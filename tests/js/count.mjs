// Parse a GEXF file with graphology-gexf (the parser of Gephi Lite) and print "nodes edges".
import { readFileSync } from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf";

const graph = gexf.parse(Graph, readFileSync(process.argv[2], "utf-8"), { allowUndeclaredAttributes: false });
console.log(`${graph.order} ${graph.size}`);
