"""The ``icatlas`` command. It parses arguments, calls the library and formats the result; nothing more.

Each area's commands are plain functions in a module of their own (:mod:`.documents`, :mod:`.reference`,
:mod:`.analytics`, :mod:`.collab`, :mod:`.brief`, :mod:`.annotate`, :mod:`.serve`), each callable and testable
alone; :mod:`.root` registers them on :data:`app`.
"""
from .root import app, main

__all__ = ["app", "main"]
