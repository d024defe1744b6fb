"""Directive extraction: text in, frozen dataclasses out. Pure Python, never imports Django."""
