"""The gazetteer: known names (people, places, regions, countries, organisations).

Typical use::

    from mtcheck.gazetteer import load_gazetteer
    gazetteer = load_gazetteer(["newsroom.tsv"])      # bundled + user files, cached
    gazetteer.exact("Kiev")          # [Entry(canonical='Kyiv', ...)]
    gazetteer.by_surname("Zelensky") # [Entry(canonical='Volodymyr Zelensky', ...)]
    gazetteer.near_tokens("Stabridisdad")  # [('stavridis', 0.76), ...]
    gazetteer.explain("Voldimi Zelensky")  # [(Entry, Reason), ...]

See ``index.Gazetteer`` for the lookups and ``store`` for file formats.
"""

from mtcheck.gazetteer.entry import ENTRY_TYPES, GEOGRAPHIC_TYPES, Entry
from mtcheck.gazetteer.index import Gazetteer, Reason, prominence, prominence_weight
from mtcheck.gazetteer.normalise import fold_ascii, normalise, phonetic_keys
from mtcheck.gazetteer.store import BUNDLED_PATH, GazetteerError, load_gazetteer, read_user_file, write_user_file

__all__ = [
    "BUNDLED_PATH", "ENTRY_TYPES", "GEOGRAPHIC_TYPES", "Entry", "Gazetteer", "GazetteerError",
    "Reason", "fold_ascii", "load_gazetteer", "normalise", "phonetic_keys", "prominence", "prominence_weight",
    "read_user_file", "write_user_file",
]
