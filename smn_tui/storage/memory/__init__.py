"""The journal in memory: TinyDB holding every record, the indexes over them, and the converters
between documents and the domain's dataclasses."""

from .indexes import Change, JournalIndexes, search_text
from .records import RECORD_TYPES, doc_of, record_of
from .tables import JournalDB, JournalTable

__all__ = ["RECORD_TYPES", "Change", "JournalDB", "JournalIndexes", "JournalTable", "doc_of", "record_of",
           "search_text"]
