"""What every extractor shares: the mention it yields, the context it reads, the registry."""

from __future__ import annotations

import abc
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar, TypeVar

from pydantic import BaseModel

from schemas.records import RecordKind

if TYPE_CHECKING:
    from pipeline.passages import Passage


@dataclasses.dataclass(frozen=True)
class MentionRef:
    """Points at another mention of the same document by passage and offsets."""

    passage: int
    start: int
    end: int


@dataclasses.dataclass(frozen=True)
class Mention:
    """A span of a passage that states a fact, and the fact normalised.

    Extractors yield mentions; the pipeline turns them into records and derives bbox, page,
    block, sentence and text from the span, so no extractor computes provenance.

    Attributes:
        passage: Index of the passage the span is in.
        start: Offset of the first character in the passage text.
        end: Offset after the last character.
        kind: Record kind.
        value: The normalised value (the `value` model of the kind).
        extractor: Registered name of the extractor that found it.
        confidence: 0..1.
        part_of: For counts, the count this one is a subset of.
    """

    passage: int
    start: int
    end: int
    kind: RecordKind
    value: BaseModel
    extractor: str
    confidence: float
    part_of: MentionRef | None = None

    @property
    def ref(self) -> MentionRef:
        return MentionRef(self.passage, self.start, self.end)


@dataclasses.dataclass(frozen=True)
class DocumentContext:
    """What extractors may know about the document beyond the passage text.

    Attributes:
        issue_date: Date the bulletin was issued; partial dates are resolved against it. None
            when neither the caller nor the document gives one.
        issue_date_given: Whether the caller set the issue date (rather than the pipeline finding it).
    """

    issue_date: dt.date | None
    issue_date_given: bool = False


class Extractor(abc.ABC):
    """A named component that finds mentions of one kind in a document's passages.

    Subclasses set `name` (written to each record's `extractor` field) and `kind`, and implement
    `__call__`. The whole document is passed at once so that an extractor can look across
    passages (an acronym defined on page 3 and used on page 1).
    """

    name: ClassVar[str]
    kind: ClassVar[RecordKind]

    @abc.abstractmethod
    def __call__(self, passages: Sequence[Passage], context: DocumentContext) -> Iterator[Mention]:
        """Yield the mentions of `kind` found in the document, in reading order."""


ExtractorT = TypeVar("ExtractorT", bound=type[Extractor])


@dataclasses.dataclass
class Registry:
    """Extractor classes by name, in the order they run."""

    entries: dict[str, type[Extractor]] = dataclasses.field(default_factory=dict)

    def register(self, name: str) -> Callable[[ExtractorT], ExtractorT]:
        """Class decorator that registers an extractor under `name`."""

        def decorate(cls: ExtractorT) -> ExtractorT:
            if name in self.entries:
                raise ValueError(f"an extractor named {name!r} is already registered")
            if getattr(cls, "name", None) != name:
                raise ValueError(f"{cls.__name__}.name must be {name!r} to register under it")
            self.entries[name] = cls
            return cls

        return decorate

    def names(self) -> list[str]:
        return list(self.entries)

    def create(self, names: Sequence[str] | None = None) -> list[Extractor]:
        """Instances of the named extractors (all of them by default)."""
        chosen = self.names() if names is None else list(names)
        unknown = [n for n in chosen if n not in self.entries]
        if unknown:
            raise ValueError(f"unknown extractors {unknown}; registered: {self.names()}")
        return [self.entries[n]() for n in chosen]


REGISTRY = Registry()
register = REGISTRY.register
