"""Small pieces of English every sentence-maker shares."""

from __future__ import annotations


def and_list(items) -> str:
    """'A', 'A and B', 'A, B and C'; '' for none."""
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


def capital(text: str) -> str:
    """The text with its first letter a capital: 'use of taxis' -> 'Use of taxis'."""
    return text[:1].upper() + text[1:]
