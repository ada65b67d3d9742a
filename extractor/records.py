"""Turn a processed Doc into plain records (after ``nlp.pipe``; no spaCy object survives)."""

from __future__ import annotations

from spacy.tokens import Doc

from newskg.extractor.dates import resolve_date
from newskg.extractor.schema import ClusterRecord, MentionRecord, RelationRecord
from newskg.extractor.syntax import sentence_numbers
from newskg.model import Article, ArticleRecords, Entity, Evidence, Mention, Relation
from newskg.vocabulary import relation_inventory


def doc_to_records(doc: Doc, article: Article) -> ArticleRecords:
    mentions: list[MentionRecord] = doc._.newskg_entities or []
    clusters: dict[str, ClusterRecord] = {c["key"]: c for c in doc._.newskg_clusters or []}
    sentence_of = sentence_numbers(doc)
    entities: dict[str, Entity] = {}
    for m in mentions:
        entity = entities.get(m["key"])
        if entity is None:
            cluster = clusters.get(m["key"])
            entity = entities[m["key"]] = Entity(
                key=m["key"],
                label=m["label"],
                type=m["type"],
                type_scores=dict(cluster["scores"]) if cluster else {},
                strong_families=list(cluster["strong"]) if cluster else [],
            )
        # Pronouns and descriptions resolved by coreference are mentions, not names.
        if not m.get("coreference"):
            # The name, and the form with its titles ("President Kennedy") when the text wrote one.
            for alias in (m["text"], m.get("surface")):
                if alias and alias not in entity.aliases:
                    entity.aliases.append(alias)
        sentence = sentence_of[m["token_start"]] if m["token_start"] < len(sentence_of) else 0
        entity.mentions.append(Mention(m["start"], m["end"], m["text"], sentence))
        entity.attributes.update(m.get("attributes") or {})
    inventory = relation_inventory()
    text = doc.text  # built from the tokens on every access: once, not once per relation
    relations = []
    found: list[RelationRecord] = doc._.newskg_relations or []
    for r in found:
        subject, obj = mentions[r["subject"]]["key"], mentions[r["object"]]["key"]
        if subject == obj:
            continue
        symmetric = inventory[r["predicate"]].symmetric
        if symmetric and obj < subject:
            # Symmetric relations get one stable direction: the smaller key is the subject.
            subject, obj = obj, subject
        evidence = Evidence(
            article_id=article.id,
            sentence=text[r["sentence_start"] : r["sentence_end"]].strip(),
            start=r["start"],
            end=r["end"],
            rule=r["rule"],
            confidence=r["confidence"],
            modality=r["modality"],
            # The event date: its own date expression resolved against the article date, else the article date.
            date=resolve_date(r["date_text"], article.date) or article.date,
            title=r["title"],
        )
        relations.append(Relation(subject, r["predicate"], obj, evidence, symmetric))
    return ArticleRecords(
        article=article,
        entities=list(entities.values()),
        relations=relations,
        words=sum(1 for token in doc if not token.is_space and not token.is_punct),
    )
