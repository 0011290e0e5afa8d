"""The operational store: SQLAlchemy models, packaged Alembic migrations and repositories.

``open_store(url)`` gives a :class:`Store`; ``store.upgrade()`` migrates it; the repository
functions in :mod:`huashu.store.repos` take the ``Session`` of one
``with store.session() as session:`` transaction.
"""

from huashu.store import models_workflow, repos
from huashu.store.engine import Store, normalize_url, open_store

__all__ = ["Store", "models_workflow", "normalize_url", "open_store", "repos"]
