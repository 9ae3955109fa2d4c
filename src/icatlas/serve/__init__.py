"""Serve: the FastAPI web app. Every page has a JSON twin (the same path with ``.json``)."""
from .app import create_app

__all__ = ["create_app"]
