"""Readers and writers, kept apart from the transforms."""

from veil.io.readers import Source, open_source
from veil.io.writers import atomic_write, write_frame

__all__ = ["Source", "open_source", "atomic_write", "write_frame"]
