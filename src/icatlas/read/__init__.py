"""Read: files and directories to documents, with encodings detected and bad inputs reported."""
from .decode import decode
from .sources import Item, Problem, ReadOptions, iter_files, make_document, read_file, read_inputs

__all__ = ["decode", "Item", "Problem", "ReadOptions", "iter_files", "make_document", "read_file", "read_inputs"]
