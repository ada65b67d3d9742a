"""newskg against plain spaCy on the same articles, plus incremental, memory and large-graph measurements.

One command: ``python bench/benchmark.py [CORPUS] [--limit N]`` (default corpus: the BBC
articles in ../shared/corpus/bbc relative to the repository). Every variant runs in its
own subprocess, so its peak memory (ru_maxrss) is its own. Results go in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# ../shared relative to the repository (one level further up from a worktree in wt/).
DEFAULT_CORPUS = next(
    (path for path in (REPO.parent / "shared/corpus/bbc", REPO.parent.parent / "shared/corpus/bbc") if path.is_dir()),
    REPO.parent / "shared/corpus/bbc",
)
MEMORY_CAP = 12 * 1024**3  # large-graph children stop at this address-space size instead of exhausting the machine


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child (Linux reports KiB), and CPU seconds used."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return {
        "peak_mb": round(own.ru_maxrss / 1024, 1),
        "worker_peak_mb": round(children.ru_maxrss / 1024, 1),
        "cpu": cpu,
    }


# --- children: each measures one variant and prints one JSON line ------------------------------


def child_spacy(args: argparse.Namespace) -> dict[str, Any]:
    """Plain spaCy, full default pipeline, same model and batch size."""
    import spacy

    from newskg.extractor.pipeline import DEFAULT_MODEL

    texts = [json.loads(line)["text"] for line in Path(args.input).read_text(encoding="utf-8").splitlines()]
    started = time.perf_counter()
    nlp = spacy.load(DEFAULT_MODEL)
    loaded, cpu_loaded = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    done = time.perf_counter()
    pipe_cpu = time.process_time() - cpu_loaded
    return {"seconds": done - loaded, "seconds_with_load": done - started, **peak_memory_mb(), "cpu": pipe_cpu}


def child_newskg(args: argparse.Namespace) -> dict[str, Any]:
    """``newskg extract`` exactly as a user runs it (its wall time is taken by the parent)."""
    from newskg.cli import app

    try:
        app(args.newskg_args, standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
    return peak_memory_mb()


def child_stream(args: argparse.Namespace) -> dict[str, Any]:
    """Extraction and merging over the input repeated ``--repeat`` times under new ids, in one stream, with the
    resident memory of this process and of each worker after each pass: flat memory means only the graph grows."""
    import multiprocessing

    from newskg.graphs.merge import add_article
    from newskg.model import Article, KnowledgeGraph
    from newskg.run import ExtractOptions, RunSummary, extract_records

    source = [json.loads(line) for line in Path(args.input).read_text(encoding="utf-8").splitlines()]

    def articles() -> Iterator[Article]:
        for round_ in range(args.repeat):
            for item in source:
                yield Article(f"{item['id']}#{round_}", item["text"], title=item.get("title"))

    graph, summary, passes = KnowledgeGraph(), RunSummary(), []
    options = ExtractOptions(n_process=args.stream_processes, batch_size=args.batch_size)
    started = time.perf_counter()

    def sample(articles_done: int) -> None:
        workers = [resident_mb(child.pid) for child in multiprocessing.active_children()]
        done = {"articles": articles_done, "rss_mb": resident_mb(), "workers_mb": workers}
        passes.append({**done, "seconds": time.perf_counter() - started})

    current_round = "0"
    for records in extract_records(articles(), options, summary, print):
        round_ = records.article.id.rsplit("#", 1)[1]
        if round_ != current_round:  # the first article of the next pass: the previous pass is done
            sample(summary.extracted - 1)
            current_round = round_
        add_article(graph, records)
    sample(summary.extracted)
    return {**peak_memory_mb(), "passes": passes, "entities": len(graph.entities), "relations": len(graph.relations)}


def resident_mb(pid: int | str = "self") -> float:
    """A process's resident memory now (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def synthetic_graph(entities: int, relations: int) -> Any:
    """A deterministic KnowledgeGraph of the requested size (one evidence per relation)."""
    import random

    from newskg.model import Article, Evidence, GraphEntity, GraphRelation, KnowledgeGraph
    from newskg.vocabulary import ENTITY_TYPES

    rng = random.Random(6)
    graph = KnowledgeGraph()
    articles = max(1, relations // 100)
    for number in range(articles):
        article = Article(id=f"article-{number:06d}", text="", title=f"Headline {number}", date="2024-05-01")
        graph.articles[article.id] = article
    ids = []
    for number in range(entities):
        entity_type = ENTITY_TYPES[number % len(ENTITY_TYPES)]
        node = GraphEntity(f"{entity_type.lower()}/entity-{number}", f"Entity {number}", entity_type)
        node.aliases = {node.label, f"E{number}"}
        node.articles = {f"article-{rng.randrange(articles):06d}"}
        node.mentions = 2
        graph.entities[node.id] = node
        ids.append(node.id)
    predicates = ("met", "visited", "signed", "accused", "supported", "based_in", "leads", "member_of")
    while len(graph.relations) < relations:
        subject, obj = rng.choice(ids), rng.choice(ids)
        predicate = predicates[len(graph.relations) % len(predicates)]
        if subject == obj or (subject, predicate, obj) in graph.relations:
            continue
        article_id = f"article-{len(graph.relations) // 100:06d}"
        evidence = Evidence(
            article_id, f"Sentence {len(graph.relations)} of the synthetic corpus.", 0, 40, "bench", 0.8
        )
        graph.relations[(subject, predicate, obj)] = GraphRelation(subject, predicate, obj, False, [evidence])
    return graph


def child_large(args: argparse.Namespace) -> dict[str, Any]:
    """Write one synthetic large graph with one registry format (as ``newskg extract -o`` does), or load it into an
    on-disk Oxigraph store (as ``--store`` does) and run an aggregation query there."""

    from newskg.graphs.formats import OutputOptions, write_graph
    from newskg.graphs.vocab import DEFAULT_BASE_IRI
    from newskg.store import open_store, query_store, rebuild_rdf

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))
    started = time.perf_counter()
    graph = synthetic_graph(args.entities, args.relations)
    built = time.perf_counter()
    out = Path(args.output)
    extra: dict[str, Any] = {}
    if args.via == "store":
        store = open_store(out)
        rebuild_rdf(store, graph, DEFAULT_BASE_IRI)
        store.flush()
        loaded = time.perf_counter()
        extra["quads"] = len(store)
        del store
        query = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
        rows = list(query_store(out, query))
        extra["query_seconds"] = time.perf_counter() - loaded
        extra["query_rows"] = len(rows)
        size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
        done = loaded
    else:
        write_graph(graph, str(out), OutputOptions(base_iri=DEFAULT_BASE_IRI))
        done = time.perf_counter()
        size = out.stat().st_size
    return {"build_seconds": built - started, "seconds": done - built, "bytes": size, **extra, **peak_memory_mb()}


CHILDREN = {"spacy": child_spacy, "newskg": child_newskg, "stream": child_stream, "large": child_large}


# --- parent --------------------------------------------------------------------------------------


def run_child(arguments: list[str], timeout: float | None = None) -> dict[str, Any]:
    """Run one variant in a fresh interpreter; its wall time and its JSON line."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, __file__, *arguments], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"did not finish within {timeout:.0f} s", "wall": time.perf_counter() - started}
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {done.returncode}: {tail[:200]}", "wall": wall}
    result: dict[str, Any] = json.loads(lines[-1])
    result["wall"] = wall
    result["summary"] = next((line for line in done.stderr.splitlines() if line.startswith("articles read")), "")
    return result


def prepare_input(corpus: str, limit: int, folder: Path) -> tuple[Path, int, int]:
    """The corpus as one JSONL file; its article and word counts."""
    import spacy

    from newskg.model import Article
    from newskg.reader import read_articles

    articles = [item for item in read_articles([corpus]) if isinstance(item, Article)]
    articles = articles[:limit] if limit else articles
    tokenizer = spacy.blank("en").tokenizer
    words = sum(sum(1 for t in tokenizer(a.text) if not t.is_space and not t.is_punct) for a in articles)
    path = folder / f"articles-{len(articles)}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps({"id": article.id, "text": article.text, "title": article.title}) + "\n")
    return path, len(articles), words


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout.splitlines()
            if line.startswith("Model name")
        ),
        platform.processor() or "unknown CPU",
    )
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{model}, {cores} cores, Python {platform.python_version()}, load average at start {load}"


def row(name: str, result: dict[str, Any], words: int, baseline: dict[str, Any], seconds_key: str = "wall") -> str:
    """One table row: wall time and CPU time, each as words/s and as a ratio to plain spaCy."""
    if "error" in result:
        return f"| {name} | {result['error']} | | | | | | |"
    rate, cpu_rate = words / result[seconds_key], words / result["cpu"]
    ratio = rate / (words / baseline["seconds"]) if "seconds" in baseline else 1.0
    cpu_ratio = cpu_rate / (words / baseline["cpu"]) if "cpu" in baseline else 1.0
    workers = f" (+ workers {result['worker_peak_mb']:.0f})" if result["worker_peak_mb"] else ""
    return (
        f"| {name} | {result[seconds_key]:.1f} | {rate:,.0f} | {ratio:.2f} "
        f"| {result['cpu']:.1f} | {cpu_rate:,.0f} | {cpu_ratio:.2f} | {result['peak_mb']:.0f}{workers} |"
    )


def corpus_benchmark(args: argparse.Namespace, work: Path) -> None:
    source, articles, words = prepare_input(args.corpus, args.limit, work)
    print(f"\n## Corpus: {args.corpus} ({articles} articles, {words:,} words, batch size {args.batch_size})\n")
    print("| variant | wall s | words/s | x spaCy | CPU s | words/CPU-s | x spaCy (CPU) | peak memory MB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    results: dict[int | str, dict[str, Any]] = {}
    spacy_one = run_child(["--child", "spacy", "--input", str(source), "--batch-size", str(args.batch_size)])
    baseline = spacy_one if "error" not in spacy_one else {}
    print(row("plain spaCy nlp.pipe, 1 process (model loaded)", spacy_one, words, {}, "seconds"), flush=True)
    for processes in args.processes:
        out = work / f"out-{processes}"
        newskg = ["extract", str(source), "-o", f"{out}.gexf", "-o", f"{out}.trig", "-q", "--n-process", str(processes)]
        newskg += ["--batch-size", str(args.batch_size)]
        results[processes] = run_child(["--child", "newskg", "--", *newskg])
        name = f"newskg extract end to end, {processes} process{'es' if processes > 1 else ''}"
        print(row(name, results[processes], words, baseline), flush=True)
    if args.dask:
        out = work / "out-dask"
        newskg = ["extract", str(source), "-o", f"{out}.gexf", "-o", f"{out}.trig", "-q", "--engine", "dask"]
        newskg += ["--n-process", str(max(args.processes)), "--batch-size", str(args.batch_size)]
        results["dask"] = run_child(["--child", "newskg", "--", *newskg])
        name = f"newskg extract --engine dask, local cluster of {max(args.processes)} worker processes"
        print(row(name, results["dask"], words, baseline), flush=True)
    if args.store:
        store = work / "store"
        base = ["extract", str(source), "-o", f"{work}/store.gexf", "-o", f"{work}/store.trig", "-q"]
        base += ["--store", str(store), "--n-process", str(max(args.processes))]
        first = run_child(["--child", "newskg", "--", *base])
        second = run_child(["--child", "newskg", "--", *base])
        print(row(f"newskg --store, first run, {max(args.processes)} processes", first, words, baseline), flush=True)
        print(row("newskg --store, second run (nothing changed)", second, words, baseline), flush=True)
        same = all(
            (work / f"store{ext}").read_bytes() == (work / f"out-{max(args.processes)}{ext}").read_bytes()
            for ext in (".gexf", ".trig")
        )
        if "error" not in first and "error" not in second:
            print(f"\nsecond --store run: {second['wall'] / first['wall']:.1%} of the first run's time; ", end="")
            print(f"outputs identical to the run without store: {same}")
    one, two = results.get(1, {}), results.get(2, {})
    if baseline and one and "error" not in one:
        print(f"\none process: {baseline['seconds'] / one['wall']:.2f} x plain spaCy by wall time, ", end="")
        print(f"{baseline['cpu'] / one['cpu']:.2f} x by CPU time (target >= 0.85)")
    if "error" not in one and "error" not in two and one and two:
        print(f"two processes: {one['wall'] / two['wall']:.2f} x one process (target >= 1.7); ", end="")
        print(f"{two['wall']:.0f} s end to end (BBC target < 90 s)")
    if one and two and "error" not in one and "error" not in two:
        same = all((work / f"out-1{e}").read_bytes() == (work / f"out-2{e}").read_bytes() for e in (".gexf", ".trig"))
        print(f"one and two processes give identical outputs: {same}")
    widest, dask = results.get(max(args.processes), {}), results.get("dask", {})
    if widest and dask and "error" not in widest and "error" not in dask:
        same = all(
            (work / f"out-dask{e}").read_bytes() == (work / f"out-{max(args.processes)}{e}").read_bytes()
            for e in (".gexf", ".trig")
        )
        overhead = dask["wall"] / widest["wall"] - 1
        print(f"--engine dask: {overhead:+.1%} wall time against {max(args.processes)} local processes", end="")
        print(f" (target <= +10%); identical outputs: {same}")
    for result in (spacy_one, *results.values()):
        if result.get("summary"):
            print(f"  {result['summary']}")


def memory_benchmark(args: argparse.Namespace, work: Path) -> None:
    source, articles, words = prepare_input(args.corpus, args.memory_articles, work)
    print(f"\n## Memory: {articles} articles ({words:,} words), read {args.memory_repeat} times under new ids\n")
    print(
        f"{args.memory_processes} process(es), one stream; resident memory after each pass over the articles"
        " (the merged graph keeps every pass).\n"
    )
    arguments = ["--child", "stream", "--input", str(source), "--batch-size", str(args.batch_size)]
    arguments += ["--repeat", str(args.memory_repeat), "--stream-processes", str(args.memory_processes)]
    result = run_child(arguments)
    if "error" in result:
        print(f"memory run failed: {result['error']}")
        return
    print("| pass | articles | seconds | main process MB | workers MB |")
    print("| ---: | ---: | ---: | ---: | --- |")
    for number, done in enumerate(result["passes"], 1):
        workers = ", ".join(f"{value:.0f}" for value in done["workers_mb"]) or "-"
        print(f"| {number} | {done['articles']} | {done['seconds']:.0f} | {done['rss_mb']:.0f} | {workers} |")
    print(
        f"\npeak {result['peak_mb']:.0f} MB (main process), {result['worker_peak_mb']:.0f} MB (largest worker);"
        f" merged graph at the end: {result['entities']:,} entities, {result['relations']:,} relations",
        flush=True,
    )


def large_benchmark(args: argparse.Namespace, work: Path) -> None:
    import shutil

    print(f"\n## Large graph: {args.entities:,} entities, {args.relations:,} relations (one evidence each)\n")
    print("| output | build seconds | write seconds | MB | peak memory MB |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for ext in args.large_formats:
        via = "store" if ext == "store" else "registry"
        out = work / f"large{ext if via == 'registry' else '-store'}"
        arguments = ["--child", "large", "--via", via, "--output", str(out)]
        arguments += ["--entities", str(args.entities), "--relations", str(args.relations)]
        result = run_child(arguments, timeout=args.large_timeout)
        name = f"`--store` (Oxigraph on disk, {result.get('quads', 0):,} quads)" if via == "store" else f"`-o g{ext}`"
        if "error" in result:
            print(f"| {name} | | {result['error']} | | |", flush=True)
        else:
            print(
                f"| {name} | {result['build_seconds']:.1f} | {result['seconds']:.1f} "
                f"| {result['bytes'] / 1e6:.0f} | {result['peak_mb']:.0f} |",
                flush=True,
            )
            if via == "store":
                print(
                    f"\nSPARQL aggregation on that store (count per predicate, {result['query_rows']} rows): "
                    f"{result['query_seconds']:.1f} s\n",
                    flush=True,
                )
        shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="Folder or file of articles.")
    parser.add_argument("--limit", type=int, default=0, help="Use only the first N articles (0: all).")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--processes", default="1,2", help="Process counts for newskg, comma-separated.")
    parser.add_argument("--no-store", dest="store", action="store_false", help="Skip the --store runs.")
    parser.add_argument(
        "--no-dask", dest="dask", action="store_false", help="Skip the --engine dask run (needs newskg[dask])."
    )
    parser.add_argument("--memory-articles", type=int, default=0, help="Articles for the memory run (0: all).")
    parser.add_argument("--memory-repeat", type=int, default=10, help="Passes of the memory run (0: skip).")
    parser.add_argument("--memory-processes", type=int, default=2, help="Processes of the memory run.")
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=1_000_000, help="Large-graph relations (0: skip).")
    parser.add_argument(
        "--large-formats",
        default=".trig,.nq,.ttl,.nt,.jsonld,.gexf,.graphml,.nodes.csv,.edges.csv,store",
        help="Output extensions (and 'store') for the large-graph part, comma-separated.",
    )
    parser.add_argument("--large-timeout", type=float, default=900, help="Seconds before a large export is given up.")
    parser.add_argument("--skip-corpus", action="store_true", help="Only the memory and large-graph parts.")
    # Internal: one measured variant per child process.
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--stream-processes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--via", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:split])
    args.newskg_args = argv[split + 1 :]
    if args.child:
        args.processes = 1
        print(json.dumps(CHILDREN[args.child](args)))
        return
    args.processes = [int(value) for value in args.processes.split(",")]
    args.large_formats = [value for value in args.large_formats.split(",") if value]
    print(f"# newskg benchmark\n\nMachine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="newskg-bench-") as folder:
        work = Path(folder)
        if not args.skip_corpus:
            corpus_benchmark(args, work)
        if args.memory_repeat:
            memory_benchmark(args, work)
        if args.relations:
            large_benchmark(args, work)


if __name__ == "__main__":
    main()
