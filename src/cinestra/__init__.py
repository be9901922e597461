"""Cinestra: text to video with synchronized sound, offline by default."""

__version__ = "0.1.0"
