"""Where the segment API may read and write: files under the import directory, database
sources only by the name of an administrator's connection (``data_connections``), and member
lists only in a folder under the export directory. Each refusal is an :class:`InputError`
(HTTP 422) that says what to do instead; see docs/security.md."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath, PureWindowsPath

from pydantic import SecretStr

from huashu.domain import InputError

_SOURCE_TABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_GLOB = set("*?[]{}")
_EXPORT_UNSAFE = re.compile(r"[^\w\-]+")
MAX_EXPORT_NAME = 64


def _outside(name: str, why: str, why_zh: str) -> InputError:
    return InputError(
        f"source {name[:80]!r}: {why}; put the file in the import directory (setting "
        "import_dir, HUASHU_IMPORT_DIR) and give its name relative to it, e.g. users.csv",
        message_zh=(
            f"来源 {name[:80]!r}：{why_zh}；请把文件放到导入目录（设置 import_dir，"
            "环境变量 HUASHU_IMPORT_DIR）中，并只填写相对该目录的文件名，如 users.csv"
        ),
        code="source_outside_import_dir",
        details={"field": "source"},
    )


def import_file(import_dir: Path, name: str) -> Path:
    """The file ``name`` (relative, e.g. ``users.csv`` or ``crm/2026-06.parquet``) inside
    ``import_dir``; symlinks are followed and must stay inside too."""
    if "://" in name or name.lower().startswith(("sqlite:", "postgres", "duckdb:", "pyspark:")):
        raise InputError(
            "database sources are named connections set by an administrator (setting "
            "data_connections): send 'connection' and 'source_table' instead of a URL",
            message_zh=(
                "数据库来源只能使用管理员配置的命名连接（设置 data_connections）："
                "请提供 'connection' 和 'source_table'，不要填写 URL"
            ),
            code="url_source_refused",
            details={"field": "source"},
        )
    if not name.strip() or "\x00" in name:
        raise _outside(name, "no file name", "没有文件名")
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or name.startswith("~"):
        raise _outside(name, "absolute paths are not accepted", "不接受绝对路径")
    if ".." in posix.parts or ".." in windows.parts:
        raise _outside(name, "'..' is not accepted", "不接受 '..'")
    if any(part.startswith(".") for part in (*posix.parts, *windows.parts)):
        raise _outside(name, "hidden files and folders are not accepted", "不接受隐藏文件或文件夹")
    if _GLOB & set(name):
        raise _outside(name, "wildcards are not accepted", "不接受通配符")
    root = import_dir.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise _outside(name, "the file lies outside the import directory", "文件不在导入目录中")
    return path


def connection_url(connections: Mapping[str, SecretStr], name: str) -> str:
    """The URL of the administrator's connection ``name``."""
    secret = connections.get(name)
    if secret is None:
        known = sorted(connections)
        listed_en = ", ".join(known) if known else "none configured"
        listed_zh = "、".join(known) if known else "尚未配置"
        raise InputError(
            f"unknown connection {name[:80]!r}; connections: {listed_en} (an administrator "
            "adds them with the setting data_connections, HUASHU_DATA_CONNECTIONS)",
            message_zh=(
                f"没有名为 {name[:80]!r} 的数据连接；可用连接：{listed_zh}"
                "（由管理员在设置 data_connections / HUASHU_DATA_CONNECTIONS 中添加）"
            ),
            code="unknown_connection",
            details={"field": "connection", "connections": known},
        )
    return secret.get_secret_value()


def check_source_table(name: str | None) -> str:
    """A table of a connection, by its bare name (a connection's URL picks the schema, e.g.
    ``?options=-csearch_path%3Dcrm`` on PostgreSQL)."""
    if not name:
        raise InputError(
            "a connection source needs the table to read ('source_table')",
            message_zh="数据库来源需要指定要读取的表（'source_table'）",
            code="missing_source_table",
            details={"field": "source_table"},
        )
    if not _SOURCE_TABLE.fullmatch(name) or len(name) > 63:
        raise InputError(
            f"source_table {name[:80]!r} must be a table name (letters, digits, '_')",
            message_zh=(f"source_table {name[:80]!r} 应为表名（英文字母、数字、下划线）"),
            code="bad_table_name",
            details={"field": "source_table"},
        )
    return name


def export_folder(export_dir: Path, name: str, stamp: str) -> Path:
    """``<export_dir>/<name>-<stamp>``: a segment file's name becomes one folder name
    (characters other than letters, digits, '_' and '-' turn into '_'); a name that is a path
    (separators, '..', absolute) is refused."""
    if "/" in name or "\\" in name or ".." in name or "\x00" in name or ":" in name:
        raise InputError(
            f"segment file name {name[:80]!r} names a path; exports go to one folder of the "
            "export directory (setting export_dir): use a plain name such as rural_bank",
            message_zh=(
                f"人群文件名称 {name[:80]!r} 含有路径；导出只写入导出目录（设置 export_dir）"
                "下的一个文件夹：请使用简单名称，如 rural_bank"
            ),
            code="bad_export_name",
            details={"field": "name"},
        )
    safe = _EXPORT_UNSAFE.sub("_", name).strip("_")[:MAX_EXPORT_NAME] or "segments"
    root = export_dir.resolve()
    out = root / f"{safe}-{stamp}"
    if out.resolve().parent != root:
        raise InputError(
            "the export folder lies outside the export directory",
            message_zh="导出文件夹不在导出目录中",
            code="bad_export_name",
            details={"field": "name"},
        )
    return out
