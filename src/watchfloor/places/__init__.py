"""Places: the bundled gazetteer, name folding, context ranking and relative places.

Public API::

    gazetteer = Gazetteer.open()                       # bundled + analyst places
    gazetteer.lookup("Deir al-Zor", country="SY")      # ranked candidates, with reasons
    resolve_place("14 km north of Al-Mayadeen", gazetteer=gazetteer,
                  context=PlaceContext(country="Syria"))
    geocode_events(events, tree, gazetteer)            # fill the events' place fields

Gazetteer data: GeoNames (https://www.geonames.org/), CC BY 4.0.
"""

from watchfloor.places.context import AdminIndex, PlaceContext, context_for_sentence
from watchfloor.places.evaluate import GeocodingReport, evaluate_geocoding
from watchfloor.places.folding import fold_name, variant_key
from watchfloor.places.gazetteer import AdminArea, Candidate, Gazetteer, default_analyst_path
from watchfloor.places.geocode import UNRESOLVED, find_sentence, geocode_events
from watchfloor.places.importer import ImportResult, add_places, import_geonames
from watchfloor.places.relative import PlacePhrase, destination, parse_place_phrase
from watchfloor.places.resolver import ResolvedPlace, resolve_event_place, resolve_place

__all__ = [
    "UNRESOLVED",
    "AdminArea",
    "AdminIndex",
    "Candidate",
    "Gazetteer",
    "GeocodingReport",
    "ImportResult",
    "PlaceContext",
    "PlacePhrase",
    "ResolvedPlace",
    "add_places",
    "context_for_sentence",
    "default_analyst_path",
    "destination",
    "evaluate_geocoding",
    "find_sentence",
    "fold_name",
    "geocode_events",
    "import_geonames",
    "parse_place_phrase",
    "resolve_event_place",
    "resolve_place",
    "variant_key",
]
