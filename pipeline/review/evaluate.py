"""Precision, recall and F1 per kind on unique facts per document, against gold facts."""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.gazetteer.index import fold as fold_name
from pipeline.review.diff import DiffInputError, read_jsonl
from schemas.records import RECORD_KINDS

if TYPE_CHECKING:
    import inflect

# Words after which a count's subject stops naming the counted thing ("officers of the police").
_SUBJECT_CUT = frozenset({"of", "from", "in", "at", "on", "for", "with", "who", "that", "which", "aged", "to"})


class GoldFileError(DiffInputError):
    """A gold file names an unknown kind or leaves out a field its kind is matched on."""


def fold(text: str | None) -> str:
    """The gazetteer's folded form of a name (case, accents, punctuation), "&" read as "and",
    a leading "the" dropped: the one folding the project compares names by."""
    if not text:
        return ""
    words = fold_name(text.replace("&", " and ")).split()
    return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)


def fold_acronym(text: str | None) -> str:
    """ "U.N.O.D.C." and "UNODC" are the same acronym."""
    return fold(text).replace(" ", "")


@functools.cache
def _inflection() -> inflect.engine:
    import inflect  # imported when first needed: it takes seconds, and only scoring needs it

    return inflect.engine()


def singular(word: str) -> str:
    """An English noun in the singular ("series" stays "series", "women" is "woman")."""
    return _inflection().singular_noun(word) or word


def head_noun(subject: str | None) -> str:
    """The counted noun of a subject: "sports coaches" → "coach", "officers of police" → "officer"."""
    words = fold(subject).split()
    for position, word in enumerate(words):
        if word in _SUBJECT_CUT and position > 0:
            words = words[:position]
            break
    return singular(words[-1]) if words else ""


def same_number(a: float, b: float) -> bool:
    """2e6 and 2000000 are the same number; float noise is not a different one."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@dataclasses.dataclass(frozen=True)
class FactKey:
    """What one fact is compared on, per kind (see `match_strength`)."""

    kind: str
    start: str | None = None
    end: str | None = None
    name: str = ""
    acronym: str = ""
    geonames_id: int | None = None
    number: float | None = None
    head: str = ""
    currency: str = ""


def value_to_key(kind: str, value: Mapping[str, Any]) -> FactKey:
    """The matching key of a contract value.

    Raises:
        KeyError: The value lacks a field its kind is matched on.
    """
    if kind == "date":
        return FactKey(kind, start=value["start"], end=value["end"])
    if kind == "place":
        return FactKey(kind, name=fold(value["name"]), geonames_id=value.get("geonames_id"))
    if kind == "count":
        return FactKey(kind, number=float(value["value"]), head=head_noun(value["subject"]))
    if kind == "amount":
        return FactKey(kind, number=float(value["value"]), currency=str(value["currency"]).upper())
    if kind == "organisation":
        return FactKey(kind, name=fold(value["name"]), acronym=fold_acronym(value.get("acronym")))
    raise KeyError(f"kind {kind!r}")


def match_strength(gold: FactKey, predicted: FactKey) -> int:
    """2 when two keys state the same fact by the main rule, 1 by a secondary rule, else 0.

    Rules (the README lists them): a date matches on the same start and end; a place on its
    folded name, or else the same GeoNames id; a count on the same number and head noun; an
    amount on the same number and currency; an organisation on its folded name, or else the
    same acronym, or one's acronym being the other's name.
    """
    if gold.kind != predicted.kind:
        return 0
    if gold.kind == "date":
        return 2 if (gold.start, gold.end) == (predicted.start, predicted.end) else 0
    if gold.kind == "place":
        if gold.name == predicted.name:
            return 2
        return 1 if gold.geonames_id is not None and gold.geonames_id == predicted.geonames_id else 0
    if gold.kind in ("count", "amount"):
        same = gold.number is not None and predicted.number is not None and same_number(gold.number, predicted.number)
        return 2 if same and (gold.head, gold.currency) == (predicted.head, predicted.currency) else 0
    if gold.name == predicted.name:
        return 2
    if gold.acronym and gold.acronym == predicted.acronym:
        return 1
    if gold.acronym and gold.acronym == predicted.name.replace(" ", ""):
        return 1
    return 1 if predicted.acronym and predicted.acronym == gold.name.replace(" ", "") else 0


@dataclasses.dataclass(frozen=True)
class Fact:
    """One fact of one document: a gold fact or a predicted record.

    Attributes:
        doc: Document name (see `read_gold` and `read_predictions`).
        kind: Record kind.
        text: The mention as written.
        key: What it is matched on.
        value: The value as given, for reports.
        page: Page of a predicted record, or of a gold fact of a real PDF (other gold has none).
        parent: Text of the count this count is part of (gold `part_of_text`, or the text of
            the record a predicted `part_of` points at).
        table: A gold fact read from a table cell (`"table": true`), scored apart on request.
    """

    doc: str
    kind: str
    text: str
    key: FactKey
    value: Mapping[str, Any] = dataclasses.field(compare=False)
    page: int | None = None
    parent: str | None = None
    table: bool = False


@dataclasses.dataclass(frozen=True)
class GoldSource:
    """The `source` line of a gold file for a real PDF: which document, which pages, which set.

    Attributes:
        file: The PDF's file name; its stem names the document.
        sha256: Hex SHA-256 of the PDF's bytes: the predicted document must have these bytes.
        pages: The pages the gold covers; predictions on other pages are not scored.
        set: "dev" (errors studied) or "blind" (measured, never tuned to).
        issue_date: The document's issue date as a reader finds it (ISO), if given.
        title: The document's title as a reader gives it, if given.
    """

    file: str
    sha256: str
    pages: tuple[int, ...]
    set: str = "dev"
    issue_date: str | None = None
    title: str | None = None

    @property
    def doc(self) -> str:
        """The document name its facts carry: the PDF's stem."""
        return Path(self.file).stem

    @property
    def doc_id(self) -> str:
        """The contract doc_id of the PDF the gold was written for."""
        return f"sha256:{self.sha256.lower()}"


@dataclasses.dataclass(frozen=True)
class Score:
    """True positives, false positives and misses, with the measures derived from them.

    With nothing predicted and nothing to find, precision, recall and F1 are 1; with nothing
    predicted but something to find (or the reverse) they are 0.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted facts that are right."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float(self.fn == 0)

    @property
    def recall(self) -> float:
        """Share of gold facts that were found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float(self.fp == 0)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        """Summed counts: scores add up across documents and kinds (micro averaging)."""
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


@dataclasses.dataclass(frozen=True)
class Mismatch:
    """A matched fact whose other value fields disagree with the gold (say, its qualifier).

    Attributes:
        gold: The gold fact.
        predicted: The predicted fact it was matched with.
        fields: (field, gold value, predicted value) of each field that disagrees.
    """

    gold: Fact
    predicted: Fact
    fields: tuple[tuple[str, Any, Any], ...]


@dataclasses.dataclass(frozen=True)
class KindResult:
    """The score of one kind, with the facts behind its errors.

    Attributes:
        mismatches: True positives whose value disagrees with the gold on a field the match
            did not use (qualifier, granularity, subject as printed, type, country, acronym).
        links: For counts, how many matched counts with a gold `part_of_text` point at the
            right parent (a `Score` whose tp are right links, fp wrong or spurious links and
            fn missing links); None for other kinds.
    """

    kind: str
    score: Score
    false_positives: tuple[Fact, ...]
    misses: tuple[Fact, ...]
    mismatches: tuple[Mismatch, ...] = ()
    links: Score | None = None

    @property
    def exact(self) -> int:
        """True positives whose every gold value field agrees."""
        return self.score.tp - len(self.mismatches)


@dataclasses.dataclass(frozen=True)
class Evaluation:
    """One system's output scored against the gold facts.

    Attributes:
        system: Label of the predictions (their file name).
        documents: Gold document → predicted document it was scored against (None: absent).
        kinds: One result per record kind, in contract order.
        unscored: Predicted documents that have no gold facts (left out of the scores).
        failed: Scored predicted documents the producer failed on → error type.
    """

    system: str
    documents: Mapping[str, str | None]
    kinds: tuple[KindResult, ...]
    unscored: tuple[str, ...]
    failed: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def micro(self) -> Score:
        """All kinds' counts summed, so frequent kinds weigh more (micro average)."""
        return sum((result.score for result in self.kinds), Score())


def gold_document(line: Mapping[str, Any], path: Path) -> str:
    """The document a gold fact belongs to: its own doc_id/source/doc field, else the file's name."""
    if line.get("doc_id"):
        return str(line["doc_id"])
    for field in ("source", "doc"):
        if line.get(field):
            return Path(str(line[field])).stem
    return path.name.removesuffix(".jsonl").removesuffix(".gold")


def source_of(line: Mapping[str, Any], path: Path) -> GoldSource:
    """The `source` line of a gold file as a GoldSource.

    Raises:
        GoldFileError: The line lacks its file, sha256 or pages.
    """
    try:
        return GoldSource(
            file=str(line["file"]),
            sha256=str(line["sha256"]),
            pages=tuple(int(page) for page in line["pages"]),
            set=str(line.get("set") or "dev"),
            issue_date=line.get("issue_date"),
            title=line.get("title"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldFileError(f"{path}: source line lacks {exc}") from None


def read_gold_source(path: str | Path) -> GoldSource | None:
    """The source line of a gold file, or None for a gold file without one (the fixtures')."""
    path = Path(path)
    lines = read_jsonl(path)
    return source_of(lines[0], path) if lines and lines[0]["kind"] == "source" else None


def read_gold(path: str | Path) -> list[Fact]:
    """Gold facts of a JSON Lines file of {"kind", "text", "value"} objects.

    A count's parent is named by `part_of_text`, beside `value` or inside it. A first
    `source` line (see `GoldSource`) names the document all the facts belong to.

    Raises:
        GoldFileError: A line's kind is not a record kind, or its value lacks a field its
            kind is matched on.
    """
    path = Path(path)
    facts = []
    source = read_gold_source(path)
    for number, line in enumerate(read_jsonl(path), 1):
        if line["kind"] == "source":
            continue  # a real document's gold opens with its source line (file, sha256, pages)
        if line["kind"] not in RECORD_KINDS:
            raise GoldFileError(f"{path}: fact {number}: kind {line['kind']!r} is not one of {', '.join(RECORD_KINDS)}")
        try:
            key = value_to_key(line["kind"], line["value"])
        except (KeyError, TypeError, ValueError) as exc:
            raise GoldFileError(f"{path}: fact {number}: value {line.get('value')!r} lacks {exc}") from None
        facts.append(
            Fact(
                doc=source.doc if source else gold_document(line, path),
                kind=line["kind"],
                text=str(line.get("text", "")),
                key=key,
                value=line["value"],
                page=line.get("page") if source else None,
                parent=line.get("part_of_text") or line["value"].get("part_of_text"),
                table=bool(line.get("table", False)),
            )
        )
    return facts


def iter_gold_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Gold files as given, and `*.gold.jsonl` in folders."""
    for path in map(Path, paths):
        yield from sorted(path.glob("*.gold.jsonl")) if path.is_dir() else [path]


@dataclasses.dataclass(frozen=True)
class Predictions:
    """What a records file states.

    Attributes:
        facts: Its records as facts.
        names: doc_id → document name, from its `document` lines.
        failed: Document name → error type, for documents the producer failed on (their
            gold facts all count as misses, and a report says why).
    """

    facts: tuple[Fact, ...]
    names: Mapping[str, str]
    failed: Mapping[str, str] = dataclasses.field(default_factory=dict)


def read_predictions(path: str | Path) -> Predictions:
    """Predicted facts of a records file from any producer that writes contract value shapes.

    A document is named by the stem of its `document` line's source; records whose document
    has no such line are named by their doc_id.

    Returns:
        The facts, document names and failures of the file.

    Raises:
        DiffInputError: The file is not JSON Lines of objects with a `kind`.
    """
    lines = read_jsonl(path)
    documents = [line for line in lines if line["kind"] == "document" and line.get("source")]
    names = {line["doc_id"]: Path(str(line["source"])).stem for line in documents}
    failed = {
        names[line["doc_id"]]: str((line.get("error") or {}).get("type"))
        for line in documents
        if line.get("status") == "failed"
    }
    by_id = {line["id"]: line for line in lines if line.get("id")}
    facts = []
    for line in lines:
        if line["kind"] not in RECORD_KINDS or not isinstance(line.get("value"), Mapping):
            continue
        try:
            key = value_to_key(line["kind"], line["value"])
        except (KeyError, TypeError, ValueError):
            continue  # not a contract value; nothing a gold fact could match
        parent = by_id.get(line["value"].get("part_of") or "")
        doc_id = str(line.get("doc_id", ""))
        facts.append(
            Fact(
                doc=names.get(doc_id, doc_id),
                kind=line["kind"],
                text=str(line.get("text", "")),
                key=key,
                value=line["value"],
                page=line.get("page"),
                parent=str(parent.get("text")) if parent else None,
            )
        )
    return Predictions(tuple(facts), names, failed)


def unique_facts(facts: Iterable[Fact]) -> list[Fact]:
    """One fact per distinct key: a value stated five times in a document is one fact."""
    kept: list[Fact] = []
    for fact in facts:
        if not any(other.doc == fact.doc and match_strength(other.key, fact.key) == 2 for other in kept):
            kept.append(fact)
    return kept


def group_facts(facts: Iterable[Fact]) -> dict[tuple[str, str], list[Fact]]:
    """Facts by (document, kind), file order kept."""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        groups[fact.doc, fact.kind].append(fact)
    return groups


def match_facts(gold: Sequence[Fact], predicted: Sequence[Fact]) -> list[tuple[Fact, Fact]]:
    """Pairs of gold and predicted facts of one document and kind, main-rule matches first."""
    pairs: list[tuple[Fact, Fact]] = []
    used: set[int] = set()
    for strength in (2, 1):
        for g in gold:
            if any(g is pg for pg, _ in pairs):
                continue
            for index, p in enumerate(predicted):
                if index not in used and match_strength(g.key, p.key) == strength:
                    pairs.append((g, p))
                    used.add(index)
                    break
    return pairs


def resolve_documents(gold_docs: Sequence[str], predicted: set[str], names: Mapping[str, str]) -> dict[str, str | None]:
    """Which predicted document each gold document is scored against.

    A gold document matches the predicted document of the same name or doc_id. When neither
    side names a shared document and each side holds exactly one, the two are paired (a gold
    file for a single document scored against a run over that document).
    """
    resolved: dict[str, str | None] = {}
    for doc in gold_docs:
        resolved[doc] = doc if doc in predicted else names.get(doc)
    if len(gold_docs) == 1 and len(predicted) == 1 and resolved[gold_docs[0]] is None:
        resolved[gold_docs[0]] = next(iter(predicted))
    return resolved


# Fields a gold value may give that are not compared as attributes: links and gazetteer ids.
_NOT_ATTRIBUTES = frozenset({"part_of", "part_of_text", "geonames_id", "lat", "lon"})


def same_attribute(gold: Any, predicted: Any) -> bool:
    """Numbers by value, names and subjects folded, everything else exactly."""
    if isinstance(gold, (int, float)) and isinstance(predicted, (int, float)) and not isinstance(gold, bool):
        return same_number(gold, predicted)
    if isinstance(gold, str) and isinstance(predicted, str):
        return fold(gold) == fold(predicted)
    return gold == predicted


def find_mismatch(gold: Fact, predicted: Fact) -> Mismatch | None:
    """How a matched fact's value disagrees with the gold on the fields the gold gives."""
    fields = tuple(
        (name, value, predicted.value.get(name))
        for name, value in sorted(gold.value.items())
        if name not in _NOT_ATTRIBUTES and not same_attribute(value, predicted.value.get(name))
    )
    return Mismatch(gold, predicted, fields) if fields else None


def score_links(pairs: Sequence[tuple[Fact, Fact]]) -> Score:
    """Right, wrong and missing `part_of` links among matched counts."""
    right = wrong = missing = 0
    for gold, predicted in pairs:
        if gold.parent and predicted.parent:
            if fold(gold.parent) == fold(predicted.parent):
                right += 1
            else:
                wrong += 1
        elif gold.parent:
            missing += 1
        elif predicted.parent:
            wrong += 1
    return Score(tp=right, fp=wrong, fn=missing)


def resolve_sources(
    resolved: dict[str, str | None], sources: Mapping[str, GoldSource], names: Mapping[str, str]
) -> dict[str, str | None]:
    """Gold documents with a source line match only the predicted document of the same name and hash.

    A predicted document of the right name but other bytes (another version of the PDF) is not
    scored against gold written for different pages.
    """
    for doc, source in sources.items():
        if doc in resolved:
            resolved[doc] = doc if names.get(source.doc_id) == doc else None
    return resolved


def on_gold_pages(facts: Sequence[Fact], source: GoldSource | None) -> list[Fact]:
    """The predicted facts on the pages a gold file covers (all of them without a source line)."""
    return list(facts) if source is None else [fact for fact in facts if fact.page in source.pages]


def drop_table_facts(gold: Sequence[Fact], predicted: Sequence[Fact]) -> tuple[list[Fact], list[Fact]]:
    """Gold and predictions without the gold's table cells and the predictions that state them.

    Predictions are matched to the non-table facts first, so a value stated in both a sentence and
    a table still counts once as found.
    """
    kept_gold = [fact for fact in gold if not fact.table]
    pairs = match_facts(kept_gold, predicted)
    rest = [fact for fact in predicted if not any(fact is p for _, p in pairs)]
    in_tables = match_facts([fact for fact in gold if fact.table], rest)
    return kept_gold, [fact for fact in predicted if not any(fact is p for _, p in in_tables)]


def evaluate(
    gold: Sequence[Fact],
    predictions: Predictions,
    system: str = "",
    sources: Mapping[str, GoldSource] | None = None,
    tables: bool = True,
) -> Evaluation:
    """Score predicted facts against gold facts, per kind, on unique facts per document.

    Args:
        gold: Gold facts (`read_gold`), of one or several documents.
        predictions: What the system wrote (`read_predictions`).
        system: Label of the predictions for reports.
        sources: Source lines of gold documents by document name: such a document is matched by
            name and hash, and only its gold pages are scored.
        tables: Score the gold's table cells too; False leaves them, and the predictions that
            state them, out.

    Returns:
        The evaluation.
    """
    sources = sources or {}
    gold_docs = list(dict.fromkeys(fact.doc for fact in gold))
    predicted_docs = set(predictions.names.values()) | {fact.doc for fact in predictions.facts}
    resolved = resolve_sources(
        resolve_documents(gold_docs, predicted_docs, predictions.names), sources, predictions.names
    )
    gold_groups, predicted_groups = group_facts(gold), group_facts(predictions.facts)
    kinds = []
    for kind in RECORD_KINDS:
        score, links = Score(), Score()
        fps: list[Fact] = []
        misses: list[Fact] = []
        mismatches: list[Mismatch] = []
        for doc in gold_docs:
            g = unique_facts(gold_groups.get((doc, kind), []))
            target = resolved[doc]
            found = predicted_groups.get((target, kind), []) if target is not None else []
            p = unique_facts(on_gold_pages(found, sources.get(doc)))
            if not tables:
                g, p = drop_table_facts(g, p)
            pairs = match_facts(g, p)
            fps.extend(f for f in p if not any(f is pp for _, pp in pairs))
            misses.extend(f for f in g if not any(f is gg for gg, _ in pairs))
            score += Score(tp=len(pairs), fp=len(p) - len(pairs), fn=len(g) - len(pairs))
            links += score_links(pairs)
            mismatches.extend(m for m in (find_mismatch(gg, pp) for gg, pp in pairs) if m is not None)
        kinds.append(
            KindResult(kind, score, tuple(fps), tuple(misses), tuple(mismatches), links if kind == "count" else None)
        )
    unscored = tuple(sorted(predicted_docs - set(resolved.values())))
    failed = {doc: error for doc, error in predictions.failed.items() if doc in resolved.values()}
    return Evaluation(system=system, documents=resolved, kinds=tuple(kinds), unscored=unscored, failed=failed)


def read_gold_files(gold_paths: Iterable[str | Path]) -> tuple[list[Fact], dict[str, GoldSource]]:
    """Gold facts of files (or folders of `*.gold.jsonl`) with the source lines of those that have one.

    Raises:
        DiffInputError: A file is not JSON Lines of objects with a `kind`.
        GoldFileError: A gold fact is not in a contract value shape.
    """
    facts: list[Fact] = []
    sources: dict[str, GoldSource] = {}
    for path in iter_gold_paths(gold_paths):
        source = read_gold_source(path)
        if source is not None:
            sources[source.doc] = source
        facts.extend(read_gold(path))
    return facts, sources


def evaluate_files(gold_paths: Iterable[str | Path], records: str | Path, tables: bool = True) -> Evaluation:
    """Score one records file against gold files (or folders of `*.gold.jsonl`).

    Raises:
        DiffInputError: A file is not JSON Lines of objects with a `kind`.
        GoldFileError: A gold fact is not in a contract value shape.
    """
    gold, sources = read_gold_files(gold_paths)
    return evaluate(gold, read_predictions(records), system=Path(records).name, sources=sources, tables=tables)
