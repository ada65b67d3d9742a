"""Events: one happening, however many articles and outlets report it; reprints counted once.

Articles written for these tests: three outlets report one port treaty (one
reprints it word for word under another headline, one rewrites it), the same
two countries sign a second agreement a month later, and a third article says
they did not sign a fisheries accord. Plus unit and property tests of the date
window and of the near-duplicate test.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset
from spacy.language import Language
from typer.testing import CliRunner

import newskg.run
from newskg.cli import app
from newskg.graphs.events import make_event, statement_day, window_anchors
from newskg.graphs.export import export_rdf
from newskg.graphs.formats import OutputOptions, registry
from newskg.graphs.merge import find_reprints, merge_records
from newskg.graphs.network import network_table
from newskg.graphs.query import run_query
from newskg.graphs.rdf import from_rdf
from newskg.graphs.stats import format_stats, graph_stats
from newskg.graphs.validate import validate_rdf
from newskg.graphs.vocab import DEFAULT_BASE_IRI
from newskg.model import Article, Event, Evidence, KnowledgeGraph
from newskg.reprints import Fingerprint, fingerprint, is_reprint_pair, overlap, reprint_groups
from newskg.run import ExtractOptions, extract
from tests.conftest import REPO

QUERY = REPO / "examples" / "queries" / "events-reported-by-three-sources.rq"

BODY = (
    "Estonia and Latvia signed a treaty on shared port security in Riga on Tuesday. The agreement sets up joint"
    " patrols in the gulf and a common register of cargo ships.\n\n"
    "Officials from both governments said the patrols would begin in the summer. The treaty also creates a fund"
    " for dredging the shared shipping lanes, paid for equally by the two countries.\n\n"
    "Ministers are expected to review the first months of patrols in the autumn."
)


def article(key: str, date: str, title: str, text: str, **where: str) -> dict[str, str]:
    return {"id": key, "date": date, "title": title, "text": f"{title}\n\n{text}", **where}


PORT_TREATY = article("gazette-port-treaty", "2023-04-12", "Baltic port treaty signed", BODY, source="Harbour Gazette")
# Word for word, under another headline, a day later; the outlet is the host of its URL.
REPRINT = article(
    "coastal-daily-port-deal",
    "2023-04-13",
    "Baltic neighbours seal port deal",
    BODY,
    url="https://www.coastal-daily.example/world/port-deal",
)
REWRITE = article(
    "ledger-joint-patrols",
    "2023-04-12",
    "Joint patrols for the gulf",
    "Estonia signed a port security treaty with Latvia on Tuesday, setting up joint patrols of the busy waterway."
    " The deal follows two years of talks between the neighbours. Critics said the budget for the patrols was too"
    " small.",
    source="Evening Ledger",
)
GRID_PACT = article(
    "gazette-grid-pact",
    "2023-05-17",
    "Grid link for the neighbours",
    "Estonia and Latvia signed an agreement on linking their power grids in Tallinn on Wednesday. Engineers will"
    " build a second cable under the border river by 2026.",
    source="Harbour Gazette",
)
DENIAL = article(
    "ledger-fisheries-denial",
    "2023-06-20",
    "No fisheries accord yet",
    "Latvia did not sign the fisheries accord with Estonia on Monday, officials said. Talks on catch quotas will"
    " resume in the autumn.",
    source="Evening Ledger",
)
SCENARIO = [PORT_TREATY, REPRINT, REWRITE, GRID_PACT, DENIAL]
SIGNED = ("country/estonia", "signed", "country/latvia")


@pytest.fixture
def shared_nlp(nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(newskg.run, "load_pipeline", lambda *args, **kwargs: nlp)


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def run(inputs: list[Path], outputs: list[Path], **options: object) -> KnowledgeGraph:
    graph, summary = extract([str(p) for p in inputs], [str(p) for p in outputs], ExtractOptions(**options))  # type: ignore[arg-type]
    assert summary.failed == 0
    return graph


def serialize(name: str, graph: KnowledgeGraph) -> bytes:
    return registry()[name].serialize(graph, OutputOptions(DEFAULT_BASE_IRI))


@pytest.fixture(scope="module")
def scenario(nlp: Language) -> KnowledgeGraph:
    """The scenario's merged graph, parsed as a run parses (``newskg.run.parse`` makes the fingerprints)."""
    articles = [Article(a["id"], a["text"], a["title"], a["date"], a.get("url"), a.get("source")) for a in SCENARIO]
    records = [r for r in newskg.run.parse(nlp, articles, 8) if not isinstance(r, str)]
    assert len(records) == len(SCENARIO)
    return merge_records(records)


def test_three_outlets_one_signing_a_second_a_month_later_and_a_denial(scenario: KnowledgeGraph) -> None:
    signings = [event for event in scenario.events if event.relation == "signed"]
    assert len(signings) == 2
    first, second = signings
    assert first.key == second.key == SIGNED
    assert (first.date, first.num_sources, first.num_articles) == ("2023-04-11", 3, 3)
    assert first.sources == ("Evening Ledger", "Harbour Gazette", "coastal-daily.example")
    assert (first.first_reported, first.last_reported) == ("2023-04-12", "2023-04-13")
    # The reprint adds an article and an outlet, but its statement counts once with its original's.
    assert first.mentions == 2 and len(first.statements) == 3
    assert (second.date, second.num_sources, second.articles, second.mentions) == (
        "2023-05-17",
        1,
        ("gazette-grid-pact",),
        1,
    )
    assert scenario.reprints == {"coastal-daily-port-deal": "gazette-port-treaty"}
    # The denial is no statement, so no event.
    assert not any("ledger-fisheries-denial" in event.articles for event in scenario.events)
    assert all(e.article_id != "ledger-fisheries-denial" for r in scenario.relations.values() for e in r.evidence)


def test_the_edge_carries_its_events_and_their_dates_as_spells(scenario: KnowledgeGraph) -> None:
    table = network_table(scenario)
    (edge,) = [e for e in table.edges if (e.source, e.label, e.target) == SIGNED]
    assert edge.attributes["events"] == 2
    assert (edge.attributes["num_articles"], edge.attributes["num_sources"]) == (4, 3)
    assert (edge.attributes["first_reported"], edge.attributes["last_reported"]) == ("2023-04-12", "2023-05-17")
    assert edge.weight == 3  # 2 + 1 mentions, the reprint's not counted again
    assert edge.dates == ["2023-04-11", "2023-05-17"]
    gexf = serialize("gexf", scenario).decode("utf-8")
    block = gexf[gexf.index('label="signed"') : gexf.index("</edge>", gexf.index('label="signed"'))]
    assert '<spell start="2023-04-11" end="2023-04-11"/>' in block
    assert '<spell start="2023-05-17" end="2023-05-17"/>' in block and block.count("<spell ") == 2
    assert 'for="events" value="2"' in block and 'for="num_sources" value="3"' in block


def test_rdf_events_validate_answer_the_example_query_and_read_back(tmp_path: Path, scenario: KnowledgeGraph) -> None:
    trig = serialize("trig", scenario)
    dataset = Dataset(default_union=True).parse(data=trig, format="trig")
    result = validate_rdf(dataset)
    assert result.conforms, result.report
    rows = run_query(dataset, QUERY.read_text(encoding="utf-8")).rows
    assert [(str(r[0]), str(r[1]), str(r[2]), str(r[3]), int(r[4]), int(r[5])) for r in rows] == [
        ("Estonia", "signed", "Latvia", "2023-04-11", 3, 3)
    ]
    reprinted = run_query(
        dataset,
        "SELECT ?copy ?original WHERE { ?c nkg:reprintOf ?o . ?c schema:identifier ?copy ."
        " ?o schema:identifier ?original }",
    ).rows
    assert [(str(a), str(b)) for a, b in reprinted] == [("coastal-daily-port-deal", "gazette-port-treaty")]
    statements = run_query(dataset, "SELECT (COUNT(?s) AS ?n) WHERE { ?s nkg:event ?e . ?e nkg:numSources 3 }").rows
    assert int(statements[0][0]) == 3
    # The reader gives the same events and reprints, so export from RDF writes the same files.
    back = from_rdf(dataset)
    assert back.events == scenario.events and back.reprints == scenario.reprints
    names = sorted(registry())
    outputs = [tmp_path / f"g{registry()[name].extensions[0]}" for name in names]
    export_rdf(dataset, [str(p) for p in outputs])
    for path, name in zip(outputs, names, strict=True):
        assert path.read_bytes() == serialize(name, scenario), name


def test_stats_list_the_most_reported_events(scenario: KnowledgeGraph) -> None:
    text = format_stats(graph_stats(scenario, top=5))
    assert "events: 2" in text.splitlines()[0]
    table = text.split("most reported event")[1].splitlines()
    assert table[2].split() == ["Estonia", "and", "Latvia", "signed", "2023-04-11", "3", "3", "2"]
    assert table[3].split() == ["Estonia", "and", "Latvia", "signed", "2023-05-17", "1", "1", "1"]


def test_order_of_articles_does_not_change_events(tmp_path: Path, shared_nlp: None) -> None:
    forward = run([write_jsonl(tmp_path / "a" / "news.jsonl", SCENARIO)], [tmp_path / "a.gexf"])
    backward = run([write_jsonl(tmp_path / "b" / "news.jsonl", SCENARIO[::-1])], [tmp_path / "b.gexf"])
    assert forward.events == backward.events and forward.reprints == backward.reprints
    assert (tmp_path / "a.gexf").read_bytes() == (tmp_path / "b.gexf").read_bytes()


def test_a_wider_window_joins_what_a_narrow_one_splits(tmp_path: Path, shared_nlp: None) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", SCENARIO)
    assert len([e for e in run([path], [], event_window=3).events if e.relation == "signed"]) == 2
    out = tmp_path / "wide.gexf"
    result = CliRunner().invoke(app, ["extract", str(path), "-o", str(out), "--event-window", "40", "-q"])
    assert result.exit_code == 0, result.output
    block = out.read_text(encoding="utf-8").split('label="signed"')[1].split("</edge>")[0]
    assert 'for="events" value="1"' in block and block.count("<spell ") == 1
    assert CliRunner().invoke(app, ["extract", str(path), "-o", str(out), "--event-window", "-1"]).exit_code == 2


def test_store_a_new_day_joins_the_existing_event(tmp_path: Path, shared_nlp: None) -> None:
    """Day one: the treaty and its rewrite. Day two: the reprint and the grid pact. Same as a fresh run."""
    news = tmp_path / "news"
    write_jsonl(news / "day1" / "news.jsonl", [PORT_TREATY, REWRITE])
    store = tmp_path / "store"
    outputs = ["g.trig", "g.gexf", "g.edges.csv"]
    first = run([news], [tmp_path / "one" / name for name in outputs], store=str(store))
    assert [e.num_sources for e in first.events if e.relation == "signed"] == [2]
    write_jsonl(news / "day2" / "news.jsonl", [REPRINT, GRID_PACT, DENIAL])
    second = run([news], [tmp_path / "two" / name for name in outputs], store=str(store))
    fresh = run([news], [tmp_path / "fresh" / name for name in outputs])
    assert [(e.num_sources, e.num_articles) for e in second.events if e.relation == "signed"] == [(3, 3), (1, 1)]
    assert second.events == fresh.events and second.reprints == fresh.reprints
    for name in outputs:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name

    # Daily folders given one by one: the second day's articles join the first day's events.
    daily = tmp_path / "daily"
    run([news / "day1"], [], store=str(daily))
    added = run([news / "day2"], [tmp_path / "daily.trig"], store=str(daily))
    assert added.events == fresh.events and added.reprints == fresh.reprints


def test_two_processes_give_the_same_events(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "news.jsonl", SCENARIO)
    outputs = {}
    for n in ("1", "2"):
        out = tmp_path / f"g{n}.trig"
        done = subprocess.run(
            [sys.executable, "-m", "newskg", "extract", str(path), "-o", str(out), "--n-process", n, "-q"],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        outputs[n] = out.read_bytes()
    assert outputs["1"] == outputs["2"]
    assert b"nkg:reprintOf" in outputs["2"] and b"nkg:numSources 3" in outputs["2"]


# --- the date window ---------------------------------------------------------------------


def days(*offsets: int, start: str = "2024-01-01") -> list[str]:
    base = dt.date.fromisoformat(start)
    return [(base + dt.timedelta(days=o)).isoformat() for o in offsets]


@pytest.mark.parametrize(
    ("offsets", "window", "anchors"),
    [
        ((0, 1, 3), 3, (0, 0, 0)),  # all within three days of the first
        ((0, 4), 3, (0, 4)),  # four days apart: two events
        ((0, 2, 4, 6, 8), 3, (0, 0, 4, 4, 8)),  # a chain of reports two days apart does not become one event
        ((0, 30), 3, (0, 30)),  # a signing in March and another in April
        ((0, 0, 1), 0, (0, 0, 1)),  # window 0: one event a day
    ],
)
def test_window_is_anchored_at_the_first_day(offsets: tuple[int, ...], window: int, anchors: tuple[int, ...]) -> None:
    result = window_anchors(days(*offsets), window)
    assert [result[d] for d in days(*offsets)] == days(*anchors)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 120), min_size=1, max_size=30), st.integers(0, 10), st.randoms())
def test_window_grouping_depends_on_the_set_of_days_only(offsets: list[int], window: int, rnd: random.Random) -> None:
    dates = days(*offsets)
    anchors = window_anchors(dates, window)
    shuffled = dates * 2
    rnd.shuffle(shuffled)
    assert window_anchors(shuffled, window) == anchors
    ordered = sorted(set(anchors.values()))
    for date, anchor in anchors.items():
        assert anchor in anchors and anchors[anchor] == anchor and anchor <= date
        assert (dt.date.fromisoformat(date) - dt.date.fromisoformat(anchor)).days <= window
    for earlier, later in itertools.pairwise(ordered):
        assert (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days > window


def evidence(article_id: str, date: str | None, start: int = 0) -> Evidence:
    return Evidence(article_id, "A signed B.", start, start + 6, "verb", 0.8, date=date)


def test_statement_day_falls_back_to_the_article_date_and_keeps_other_periods_apart() -> None:
    published = Article("a", "", date="2021-03-18")
    assert statement_day(evidence("a", "2021-03-17"), published) == "2021-03-17"
    assert statement_day(evidence("a", None), published) == "2021-03-18"
    assert statement_day(evidence("a", "2021-03"), published) == "2021-03-18"  # 'in March', in March
    assert statement_day(evidence("a", "2018"), published) == "2018"  # 'signed in 2018': another happening
    assert statement_day(evidence("a", None), Article("b", "")) is None


def test_event_counts_sources_by_outlet_and_reprints_once() -> None:
    articles = {
        "a": Article("a", "", date="2021-03-18", source="Wire A"),
        "b": Article("b", "", date="2021-03-19", url="https://www.paper-b.example/x"),
        "c": Article("c", "", date="2021-03-19", source="Wire A"),  # the same outlet again
    }
    statements = [evidence("a", None, 0), evidence("a", None, 20), evidence("b", None, 0), evidence("c", None, 5)]
    event = make_event(("x", "signed", "y"), statements, articles, reprints={"b": "a"})
    assert event.sources == ("Wire A", "paper-b.example") and event.num_articles == 3
    assert event.mentions == 3  # a's two (b reprints a: at most two for the group), c's one
    assert (event.date, event.first_reported, event.last_reported) == ("2021-03-18", "2021-03-18", "2021-03-19")
    assert isinstance(event, Event) and len(event.id) == 16


# --- reprints --------------------------------------------------------------------------


STORY = [
    "A regional airline said on Monday it would cut a third of its routes from the spring, blaming the cost of"
    " fuel and a shortage of pilots.",
    "The carrier, which flies mainly between mid-sized cities, will stop serving eleven airports and move its"
    " remaining aircraft to the busiest routes, its chief executive told staff in a letter.",
    "Unions said they had not been consulted and warned of strikes if any of the airline's engineers lost their"
    " jobs. The company said most staff would be offered posts elsewhere in the business.",
    "Passengers holding tickets for cancelled flights will be offered refunds or seats on other carriers, the"
    " airline said, adding that it hoped to restore some routes once new pilots finished their training.",
]
OTHER = [
    "A second regional airline said on Tuesday that it would add routes from the spring, hoping to win passengers"
    " from a rival that is cutting a third of its network.",
    "Its chief executive said the company had hired forty pilots this year and would lease six more aircraft."
    " Unions welcomed the plan but asked for talks on pay.",
    "Analysts said fuel costs would keep fares high whichever airline flew the routes.",
]


def story(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([title, *paragraphs])


def prints(title: str, paragraphs: list[str]) -> Fingerprint:
    value = fingerprint(story(title, paragraphs), title)
    assert value is not None
    return Fingerprint.parse(value)


def test_reprints_are_found_retitled_trimmed_or_with_a_dateline() -> None:
    original = prints("Airline cuts a third of its routes", STORY)
    assert is_reprint_pair(original, prints("Regional carrier to drop eleven airports", STORY))
    assert is_reprint_pair(original, prints("Airline cuts a third of its routes", STORY[:-1]))
    assert is_reprint_pair(original, prints("Routes cut", [f"LONDON (Wire) - {STORY[0]}", *STORY[1:]]))
    # The same topic, written again: not a reprint.
    rival = prints("Rival airline adds routes", OTHER)
    assert not is_reprint_pair(original, rival) and overlap(original, rival) < 0.3


def test_reprint_groups_name_the_earliest_as_original() -> None:
    fingerprints = {
        "late-copy": fingerprint(story("Eleven airports lose flights", STORY), "Eleven airports lose flights"),
        "original": fingerprint(story("Airline cuts routes", STORY), "Airline cuts routes"),
        "trimmed": fingerprint(story("Airline cuts routes", STORY[:-1]), "Airline cuts routes"),
        "rival": fingerprint(story("Rival adds routes", OTHER), "Rival adds routes"),
        "empty": None,
    }
    dates = {"late-copy": "2024-02-03", "original": "2024-02-01", "trimmed": "2024-02-01", "rival": "2024-02-01"}
    assert reprint_groups(fingerprints, dates) == {"late-copy": "original", "trimmed": "original"}
    assert reprint_groups(fingerprints, {}) == {"original": "late-copy", "trimmed": "late-copy"}  # undated: by id


@settings(max_examples=25, deadline=None)
@given(st.permutations(range(6)))
def test_reprint_groups_do_not_depend_on_the_order_of_articles(order: list[int]) -> None:
    texts = [
        story("Airline cuts routes", STORY),
        story("Eleven airports lose flights", STORY),
        story("Airline cuts routes", STORY[:-1]),
        story("Rival adds routes", OTHER),
        story("Rival adds routes", OTHER[:-1]),
        story("Something else", ["A museum reopened after a two-year renovation of its roof and galleries."]),
    ]
    keys = [f"article-{i}" for i in range(len(texts))]
    items = [(keys[i], fingerprint(texts[i])) for i in order]
    groups = reprint_groups(dict(items), {})
    assert groups == {"article-1": "article-0", "article-2": "article-0", "article-4": "article-3"}


def test_fingerprints_survive_the_records_and_leave_the_graph() -> None:
    value = fingerprint(story("Airline cuts routes", STORY))
    assert value is not None and value.count(":") == 1 and len(value) < 800
    graph = KnowledgeGraph()
    graph.articles["a"] = Article("a", "", fingerprint=value)
    graph.articles["b"] = Article("b", "", fingerprint=value)
    find_reprints(graph)
    assert graph.reprints == {"b": "a"}
    assert all(a.fingerprint is None for a in graph.articles.values())
    assert replace(Article("a", ""), fingerprint=value).fingerprint == value
