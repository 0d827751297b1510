"""The scratch PostgreSQL database a benchmark drops and creates (render.py, reissue.py)."""

from __future__ import annotations

import sys


def recreate_database(url: str) -> None:
    """Drop and create the database of ``url``; refuses any name without 'bench' in it."""
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    if "bench" not in name:
        sys.exit(f"refusing to drop {name!r}: give a scratch database whose name contains 'bench'")
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
