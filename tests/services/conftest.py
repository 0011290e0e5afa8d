"""Service fixtures: the workflow suite's migrated store (SQLite file in tmp_path; PostgreSQL
too when HUASHU_TEST_DATABASE_URL is set) seeded with a brand, users and checked creatives."""

from tests.workflow.conftest import campaign_id, store

__all__ = ["campaign_id", "store"]
