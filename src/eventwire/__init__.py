"""eventwire: offline political event coding (PLOVER/CAMEO) from news text.

>>> import eventwire
>>> events = eventwire.code("Germany's foreign minister met her French counterpart in Paris.", date="2025-03-04")
"""

__version__ = "0.1.0"

from eventwire.model import Article, Entity, Event, Location, Modality, Quantity  # noqa: E402
from eventwire.pipeline import code, code_many  # noqa: E402

__all__ = [
    "Article",
    "Entity",
    "Event",
    "Location",
    "Modality",
    "Quantity",
    "code",
    "code_many",
    "__version__",
]
