"""Segment: normalized paragraphs → a Document with sections, paragraphs, sentences and words."""

from .document import Document, Fields, Heading, Section, fold
from .structure import build_document, parse_date

__all__ = ["Document", "Fields", "Heading", "Section", "build_document", "fold", "parse_date"]
