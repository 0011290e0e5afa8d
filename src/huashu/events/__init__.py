"""The decision and event log on an Ibis connection (a DuckDB file by default, any Ibis backend
by URL; native write paths on DuckDB and PostgreSQL), and the decision journal the decide path
appends to before the log."""

from huashu.events.frames import checked_frame, ibis_schema
from huashu.events.store import ARM_STAT_COLUMNS, EventStore, open_event_store

__all__ = [
    "ARM_STAT_COLUMNS",
    "EventStore",
    "checked_frame",
    "ibis_schema",
    "open_event_store",
]
