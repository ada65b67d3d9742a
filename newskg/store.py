"""The persistent graph store behind ``--store DIR``: two embedded Oxigraph databases in one folder.

- ``DIR/rdf``: the RDF view and nothing else, exactly what ``-o graph.trig`` holds:
  the default graph (entity and article descriptions, events) and each article's
  named graph (its relations and statements), rebuilt whenever the articles
  change. Any SPARQL server that reads Oxigraph's files can serve it as it is
  (``oxigraph serve-read-only --location DIR/rdf --union-default-graph``).
- ``DIR/state``: newskg's bookkeeping, in its graph :data:`META_GRAPH`: per
  article, the content hash of its input and its records as JSON; the settings
  the store was built with and the merge order of its articles; the digests of
  the outputs written from it. It stays out of ``DIR/rdf``, so serving the
  graph never shows it.

Re-running over a folder parses only articles whose content hash is new, and the
merged graph is rebuilt from the stored records in the same order as a fresh run,
so the result is identical to extracting everything again. That policy is
:class:`StoreRun`, in one place: the run hands it its options once, passes its
articles through :meth:`StoreRun.select`, the records the engine makes to
:meth:`StoreRun.keep`, and takes the merged graph from :meth:`StoreRun.finish`. A store of the first
layout (one database holding both) is moved into ``DIR/state`` by the next
``extract --store DIR``, which rebuilds ``DIR/rdf``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import Dataset

from newskg.extractor.pipeline import parser_identity
from newskg.graphs.events import DEFAULT_EVENT_WINDOW
from newskg.graphs.merge import merge_records
from newskg.graphs.query import query_oxigraph
from newskg.graphs.rdf.view import dataset_quads
from newskg.model import Article, ArticleRecords, Entity, Evidence, KnowledgeGraph, Mention, Origin, Relation
from newskg.reprints import SCHEME as FINGERPRINT_SCHEME

META_GRAPH = ox.NamedNode("urn:newskg:store")
STORE_NODE = ox.NamedNode("urn:newskg:store")
ARTICLE_PREFIX = "urn:newskg:store:article:"
META = "urn:newskg:store#"
CONTENT_HASH = ox.NamedNode(f"{META}contentHash")
RECORDS = ox.NamedNode(f"{META}records")
ARTICLE_ID = ox.NamedNode(f"{META}articleId")
SOURCE = ox.NamedNode(f"{META}source")
SETTINGS = ox.NamedNode(f"{META}settings")
ORDER = ox.NamedNode(f"{META}order")
OUTPUT_PREFIX = "urn:newskg:store:output:"
OUTPUT_DIGEST = ox.NamedNode(f"{META}outputDigest")
STATE_DIGEST = ox.NamedNode(f"{META}stateDigest")
RDF_STATE = ox.NamedNode(f"{META}rdfState")
BULK_CHUNK = 200_000  # quads per bulk load (about 150 MB of loader memory)


RDF_FOLDER = "rdf"  # DIR/rdf: the RDF view, servable as it is
STATE_FOLDER = "state"  # DIR/state: newskg's bookkeeping


class StoreError(RuntimeError):
    """The store folder cannot be opened or read (one line for the user)."""


class StoreWriteError(StoreError):
    """The store could not be written during a run (a full disk): what it held before is kept."""


@dataclass
class Store:
    """An open store folder: the RDF view (``rdf``) and newskg's bookkeeping (``meta``), two Oxigraph databases."""

    directory: Path
    rdf: ox.Store
    meta: ox.Store

    def clear(self) -> None:
        self.rdf.clear()
        self.meta.clear()

    def flush(self) -> None:
        self.rdf.flush()
        self.meta.flush()

    def __len__(self) -> int:
        """The quads of the RDF view."""
        return len(self.rdf)


@dataclass
class StoreState:
    """What the store knows before a run: settings, article hashes and merge order."""

    settings: str = ""
    hashes: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # id -> the file it was read from (see source_key)


def open_store(directory: str | Path, read_only: bool = False) -> Store:
    """Open (or create) the store in ``directory``; a store of the first layout is upgraded when opened to write."""
    path = Path(directory)
    try:
        if read_only:
            if not path.is_dir():
                raise StoreError(f"{directory}: no such store")
            if is_first_layout(path):
                raise StoreError(
                    f"{directory}: a store of an earlier newskg (one database); run newskg extract with"
                    f" --store {directory} once to upgrade it"
                )
            if not (path / STATE_FOLDER).is_dir() or not (path / RDF_FOLDER).is_dir():
                raise StoreError(f"{directory}: not a newskg store (no {RDF_FOLDER}/ and {STATE_FOLDER}/ inside)")
            return Store(path, ox.Store.read_only(str(path / RDF_FOLDER)), ox.Store.read_only(str(path / STATE_FOLDER)))
        if path.exists() and not path.is_dir():
            raise StoreError(f"{directory}: is a file, not a store folder")
        path.mkdir(parents=True, exist_ok=True)
        upgraded = is_first_layout(path)
        if upgraded:
            move_into(path, path / STATE_FOLDER)
        store = Store(path, ox.Store(str(path / RDF_FOLDER)), ox.Store(str(path / STATE_FOLDER)))
    except OSError as err:
        raise StoreError(f"{directory}: cannot open the store ({err})") from err
    if upgraded:
        # The old database keeps the bookkeeping; its RDF goes, and is rebuilt in DIR/rdf by the run.
        for name in [graph for graph in store.meta.named_graphs() if graph != META_GRAPH]:
            store.meta.remove_graph(name)
        store.meta.clear_graph(ox.DefaultGraph())
        clear_metadata(store, STORE_NODE, RDF_STATE)
        store.meta.flush()
    return store


def is_first_layout(path: Path) -> bool:
    """A store folder written before the RDF and the bookkeeping had a database each: RocksDB's files at its top."""
    return (path / "CURRENT").is_file() and not (path / STATE_FOLDER).exists()


def move_into(path: Path, target: Path) -> None:
    """Move every entry of ``path`` into its new subfolder ``target`` (renames within one folder)."""
    entries = list(path.iterdir())
    target.mkdir()
    for entry in entries:
        entry.rename(target / entry.name)


def article_hash(article: Article) -> str:
    """Content hash of everything read for an article: a change anywhere means re-extraction.

    Where it was read is not content: a moved file is the same article.
    """
    content = {key: value for key, value in asdict(article).items() if key != "origin"}
    payload = json.dumps(content, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def source_key(article: Article) -> str:
    """The file an article came from, as an absolute path (``<stdin>`` for standard input; "" if unknown).

    The same id from another source is another article; a JSONL line that moves within its file is not.
    """
    if article.origin is None:
        return ""
    file = article.origin.file
    return file if file == "<stdin>" else os.path.abspath(file)


def article_node(article_id: str) -> ox.NamedNode:
    return ox.NamedNode(ARTICLE_PREFIX + quote(article_id, safe=""))


def text_of(quad: ox.Quad) -> str:
    """The string value of a metadata quad's object (always a literal)."""
    if not isinstance(quad.object, ox.Literal):
        raise StoreError(f"unexpected metadata in the store: {quad}")
    return quad.object.value


def read_state(store: Store) -> StoreState:
    state = StoreState()
    meta = store.meta
    for quad in meta.quads_for_pattern(STORE_NODE, SETTINGS, None, META_GRAPH):
        state.settings = text_of(quad)
    for quad in meta.quads_for_pattern(STORE_NODE, ORDER, None, META_GRAPH):
        state.order = json.loads(text_of(quad))
    ids = {quad.subject: text_of(quad) for quad in meta.quads_for_pattern(None, ARTICLE_ID, None, META_GRAPH)}
    for quad in meta.quads_for_pattern(None, CONTENT_HASH, None, META_GRAPH):
        state.hashes[ids[quad.subject]] = text_of(quad)
    for quad in meta.quads_for_pattern(None, SOURCE, None, META_GRAPH):
        state.sources[ids[quad.subject]] = text_of(quad)
    return state


# --- records as JSON ---------------------------------------------------------------


def records_to_json(records: ArticleRecords) -> str:
    return json.dumps(asdict(records), ensure_ascii=False, sort_keys=True)


def records_from_json(text: str) -> ArticleRecords:
    data: dict[str, Any] = json.loads(text)
    entities = [
        Entity(**{**entity, "mentions": [Mention(**mention) for mention in entity["mentions"]]})
        for entity in data["entities"]
    ]
    relations = [
        Relation(**{**relation, "evidence": Evidence(**relation["evidence"])}) for relation in data["relations"]
    ]
    article = data["article"]
    origin = article.pop("origin", None)
    return ArticleRecords(
        article=Article(**article, origin=Origin(**origin) if origin else None),
        entities=entities,
        relations=relations,
        words=data["words"],
    )


# --- updating ------------------------------------------------------------------------


def clear_metadata(store: Store, subject: ox.NamedNode, predicate: ox.NamedNode | None = None) -> None:
    """Remove a subject's metadata (or one property of it)."""
    for quad in list(store.meta.quads_for_pattern(subject, predicate, None, META_GRAPH)):
        store.meta.remove(quad)


def remove_article(store: Store, article_id: str) -> None:
    """Forget one article's metadata and records (its RDF goes with the next :func:`rebuild_rdf`)."""
    clear_metadata(store, article_node(article_id))


def put_article(store: Store, records: ArticleRecords, content_hash: str, source: str = "") -> None:
    """Replace one article's metadata and records (its RDF comes with :func:`rebuild_rdf`)."""
    article_id = records.article.id
    remove_article(store, article_id)
    node = article_node(article_id)
    quads = [
        ox.Quad(node, ARTICLE_ID, ox.Literal(article_id), META_GRAPH),
        ox.Quad(node, CONTENT_HASH, ox.Literal(content_hash), META_GRAPH),
        ox.Quad(node, RECORDS, ox.Literal(records_to_json(records)), META_GRAPH),
    ]
    if source:
        quads.append(ox.Quad(node, SOURCE, ox.Literal(source), META_GRAPH))
    store.meta.extend(quads)


def set_source(store: Store, article_id: str, source: str) -> None:
    """Record where a stored article is read from now."""
    node = article_node(article_id)
    clear_metadata(store, node, SOURCE)
    store.meta.add(ox.Quad(node, SOURCE, ox.Literal(source), META_GRAPH))


def set_value(store: Store, predicate: ox.NamedNode, value: str) -> None:
    clear_metadata(store, STORE_NODE, predicate)
    store.meta.add(ox.Quad(STORE_NODE, predicate, ox.Literal(value), META_GRAPH))


def rebuild_rdf(store: Store, graph: KnowledgeGraph, base_iri: str) -> None:
    """The RDF view of the merged graph, rebuilt whole: a merge can change the IRIs in any article's graph."""
    clear_metadata(store, STORE_NODE, RDF_STATE)
    store.meta.flush()  # the mark goes first: a run killed from here on leaves the RDF known to be stale
    store.rdf.clear()
    quads = dataset_quads(graph, base_iri)
    # Oxigraph's bulk loader holds what it is given: in chunks, its memory stays flat for any graph size.
    while chunk := list(itertools.islice(quads, BULK_CHUNK)):
        store.rdf.bulk_extend(chunk)


def rdf_is_current(store: Store) -> bool:
    """The store's RDF view was rebuilt to the end from its current articles and settings."""
    recorded = [text_of(quad) for quad in store.meta.quads_for_pattern(STORE_NODE, RDF_STATE, None, META_GRAPH)]
    return recorded == [state_digest(store)]


# --- the incremental policy of extract --store -------------------------------------------


class StoreOptions(Protocol):
    """The run's settings the incremental policy reads (:class:`newskg.run.ExtractOptions` has them all)."""

    @property
    def store(self) -> str | None: ...
    @property
    def prune(self) -> bool: ...
    @property
    def model(self) -> str: ...
    @property
    def lexicons(self) -> list[str]: ...
    @property
    def base_iri(self) -> str: ...
    @property
    def merge(self) -> bool: ...
    @property
    def event_window(self) -> int: ...


def settings_fingerprint(options: StoreOptions) -> str:
    """Everything besides an article's content that decides its records and RDF.

    A store built with other settings (or another newskg, model or data files) is re-extracted in full.
    """
    lexicons = [hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in options.lexicons]
    return json.dumps(
        {
            **parser_identity(options.model),
            "lexicons": lexicons,
            "base_iri": options.base_iri,
            "merge": options.merge,
            "event_window": options.event_window,
            "fingerprints": FINGERPRINT_SCHEME,
            # Document ids start with the input folder's name (a store with the older ids starts afresh).
            "document_ids": 2,
        },
        sort_keys=True,
    )


class StoreRun:
    """One ``extract --store DIR`` run: the whole incremental policy, given the run's options once.

    1. :meth:`select` passes on only the articles the store lacks or holds in another
       version (the others are kept as stored; an id already stored from another
       file is refused, never replaced silently);
    2. :meth:`keep` stores each parsed article's records;
    3. :meth:`finish` drops what a fresh run would not have, fixes the merge order
       and gives the merged graph, rebuilding the RDF view only when something
       changed (or a rebuild was interrupted);
    4. :meth:`output_is_current` and :meth:`record_output` leave alone an output
       file that already holds the store's current graph.

    The merge order is the run's articles in reading order, then the stored
    articles it did not read (or none of them, with ``prune``), so a run over the
    whole folder merges exactly as a fresh run does.
    """

    def __init__(self, options: StoreOptions, report: Callable[[str], None]) -> None:
        assert options.store is not None
        self.options = options
        self.store = open_store(options.store)
        self.settings = settings_fingerprint(options)
        self.state = read_state(self.store)
        if self.state.hashes and self.state.settings != self.settings:
            report(f"{options.store}: built with other settings or another newskg version; starting it afresh")
            self.store.clear()
            self.state = read_state(self.store)
        self.run_order: list[str] = []  # every article of this run, in reading order
        self.hashes: dict[str, str] = {}
        self.sources: dict[str, str] = {}
        self.kept: set[str] = set()  # this run's articles the store holds at the end
        self.unchanged = 0

    @property
    def stored(self) -> int:
        """How many articles the store held before the run."""
        return len(self.state.hashes)

    def select(
        self, articles: Iterable[Article], refuse: Callable[[str], None], unchanged: Callable[[], None]
    ) -> Iterator[Article]:
        """The articles to parse; ``refuse`` gets the message of each refused one, ``unchanged`` is called for
        each article kept as stored."""
        state = self.state
        for article in articles:
            content_hash = article_hash(article)
            source, stored = source_key(article), state.sources.get(article.id)
            same = state.hashes.get(article.id) == content_hash
            if stored and source and stored != source and not same and not self.options.prune:
                # Another article under this id came from another file in an earlier run: never replaced silently.
                refuse(
                    f"{article.where}: article id {article.id!r} is already in the store, from {stored}; skipped"
                    " (rename one of them, or use --prune to make the store hold only this run's inputs)"
                )
                continue
            self.run_order.append(article.id)
            self.hashes[article.id], self.sources[article.id] = content_hash, source
            if same:
                if source and stored != source:
                    set_source(self.store, article.id, source)  # the same article, moved
                self.kept.add(article.id)
                self.unchanged += 1
                unchanged()
                continue
            yield article

    def keep(self, records: ArticleRecords) -> None:
        """Store one parsed article's records (its RDF comes with :meth:`finish`)."""
        article_id = records.article.id
        put_article(self.store, records, self.hashes[article_id], self.sources[article_id])
        self.kept.add(article_id)

    def finish(self) -> KnowledgeGraph:
        """The merged graph of every article the store keeps, in merge order; the RDF view rebuilt if stale."""
        state, options = self.state, self.options
        # An article whose new version failed is dropped, as a fresh run would not have it.
        dropped = [
            article_id for article_id in self.run_order if article_id not in self.kept and article_id in state.hashes
        ]
        in_run = set(self.run_order)
        order = [article_id for article_id in self.run_order if article_id in self.kept]
        not_read = [article_id for article_id in state.order if article_id not in in_run]
        if options.prune:
            dropped += not_read  # the store becomes exactly what a fresh run over these inputs makes
        else:
            order += not_read
        parsed = len(self.kept) > self.unchanged
        changed = parsed or dropped or order != state.order or self.settings != state.settings
        if not changed and rdf_is_current(self.store):
            return merged_graph(self.store, options.merge, options.event_window)
        for article_id in dropped:
            remove_article(self.store, article_id)
        set_value(self.store, SETTINGS, self.settings)
        set_value(self.store, ORDER, json.dumps(order, ensure_ascii=False))
        graph = merged_graph(self.store, options.merge, options.event_window)
        rebuild_rdf(self.store, graph, options.base_iri)
        self.store.rdf.flush()
        # Recorded last: a run killed while rebuilding leaves the RDF marked stale, and the next run rebuilds it.
        set_value(self.store, RDF_STATE, state_digest(self.store))
        self.store.flush()
        return graph

    def output_digest(self, isolated: bool) -> str:
        """The store's state and the options an output depends on beyond it."""
        return f"{state_digest(self.store)}:isolated={isolated}"

    def output_is_current(self, path: str, digest: str) -> bool:
        return output_is_current(self.store, path, digest)

    def record_output(self, path: str, digest: str) -> None:
        record_output(self.store, path, digest)


# --- outputs written from the store ------------------------------------------------------


def state_digest(store: Store) -> str:
    """A digest of what the merged graph is made of: settings, articles, their versions and order."""
    state = read_state(store)
    versions = [(article_id, state.hashes.get(article_id)) for article_id in state.order]
    return hashlib.sha256(json.dumps([state.settings, versions]).encode("utf-8")).hexdigest()


def output_node(path: str) -> ox.NamedNode:
    return ox.NamedNode(OUTPUT_PREFIX + quote(str(Path(path).resolve()), safe=""))


def output_is_current(store: Store, path: str, digest: str) -> bool:
    """The file was written from this very store state and nobody has changed it since."""
    quads = store.meta.quads_for_pattern(output_node(path), None, None, META_GRAPH)
    recorded = {q.predicate: text_of(q) for q in quads}
    if recorded.get(STATE_DIGEST) != digest or not Path(path).is_file():
        return False
    return recorded.get(OUTPUT_DIGEST) == hashlib.sha256(Path(path).read_bytes()).hexdigest()


def record_output(store: Store, path: str, digest: str) -> None:
    """Remember that ``path`` now holds the graph of the store state ``digest``."""
    node = output_node(path)
    clear_metadata(store, node)
    written = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    store.meta.add(ox.Quad(node, STATE_DIGEST, ox.Literal(digest), META_GRAPH))
    store.meta.add(ox.Quad(node, OUTPUT_DIGEST, ox.Literal(written), META_GRAPH))


# --- reading ---------------------------------------------------------------------------


def stored_records(store: Store) -> Iterator[ArticleRecords]:
    """Every stored article's records, in the store's merge order."""
    state = read_state(store)
    for article_id in state.order:
        for quad in store.meta.quads_for_pattern(article_node(article_id), RECORDS, None, META_GRAPH):
            yield records_from_json(text_of(quad))


def store_records(directory: str | Path) -> Iterator[ArticleRecords]:
    yield from stored_records(open_store(directory, read_only=True))


def merged_graph(store: Store, merge: bool = True, event_window: int = DEFAULT_EVENT_WINDOW) -> KnowledgeGraph:
    """The stored articles merged in stored order, as a fresh run merges them."""
    return merge_records(stored_records(store), merge, event_window)


def store_settings(directory: str | Path) -> dict[str, Any]:
    """The settings a store was built with (base IRI, merge, model...)."""
    settings = read_state(open_store(directory, read_only=True)).settings
    return json.loads(settings) if settings else {}


def store_graph(directory: str | Path) -> KnowledgeGraph:
    """The merged graph of a store, identical to a fresh run over the same articles."""
    settings = store_settings(directory)
    return merged_graph(
        open_store(directory, read_only=True),
        settings.get("merge", True),
        settings.get("event_window", DEFAULT_EVENT_WINDOW),
    )


def data_graphs(store: Store) -> list[ox.NamedNode | ox.BlankNode]:
    """The article graphs of the RDF view."""
    return sorted(store.rdf.named_graphs(), key=str)


def dump_nquads(store: Store) -> bytes:
    """The RDF view (default graph and article graphs) as N-Quads, sorted."""
    data = ox.serialize(store.rdf.quads_for_pattern(None, None, None), format=ox.RdfFormat.N_QUADS)
    return b"".join(sorted((data or b"").splitlines(keepends=True)))


def store_dataset(directory: str | Path) -> Dataset:
    """The store's RDF view as an rdflib Dataset (what :func:`to_rdf` gives for a fresh run)."""
    dataset = Dataset()
    dataset.parse(data=dump_nquads(open_store(directory, read_only=True)), format="nquads")
    return dataset


def query_store(directory: str | Path, sparql: str) -> Any:
    """Run a SPARQL query on the store's graph with Oxigraph, with newskg's prefixes (nkg:, schema:...) declared.

    The default graph is the union of every graph (descriptions and every article's statements), as Oxigraph's
    server serves ``DIR/rdf`` with ``--union-default-graph``; ``GRAPH ?g`` ranges over the article graphs.
    """
    return query_oxigraph(open_store(directory, read_only=True).rdf, sparql)
