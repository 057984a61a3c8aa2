"""Pure parsing of raw newspaper text: text in, frozen dataclasses out. No ORM imports here."""
