"""The web app: ``create_app(settings)`` builds a FastAPI app; nothing is built at import time."""

from huashu.web.app import create_app

__all__ = ["create_app"]
