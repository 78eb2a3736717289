"""Places: gazetteer names resolved in context (`extractor`), sites such as ports and border
crossings (`sites`), places an apposition locates (`appositions`) and places the text shows to
be places though the gazetteer lacks them (`unknown`)."""

from extractors.places.extractor import PlaceGazetteer

__all__ = ["PlaceGazetteer"]
