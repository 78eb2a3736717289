"""The gazetteer shared by places, amounts and organisations: every known place name indexed by
its folded form (`index`), where those names occur among a text's tokens and which place a name
means (`matching`), and how the places table is rebuilt (`sources`, run only to rebuild data)."""

from extractors.gazetteer.index import Gazetteer, GazetteerEntry, fold, load_gazetteer

__all__ = ["Gazetteer", "GazetteerEntry", "fold", "load_gazetteer"]
