"""The runtime: every backend huashu needs, built from settings and injected, never global."""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType

from huashu.compliance import Checker
from huashu.config import Settings
from huashu.events import EventStore, open_event_store
from huashu.generate import Generator, make_generator
from huashu.store import Store, open_store


@dataclass
class Runtime:
    settings: Settings
    store: Store
    events: EventStore
    checker: Checker
    generator: Generator

    @classmethod
    def open(cls, settings: Settings) -> Runtime:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        store = open_store(settings.resolved_database_url)
        store.upgrade()
        checker = Checker.from_packs(precedents=settings.compliance_precedents)
        return cls(
            settings=settings,
            store=store,
            events=open_event_store(settings.resolved_events_url),
            checker=checker,
            generator=make_generator(settings, checker),
        )

    def close(self) -> None:
        self.events.close()
        self.store.close()

    def __enter__(self) -> Runtime:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
