"""The safe YAML loader huashu reads its own files with: libyaml's where PyYAML was built with
it (the same documents, several times faster than the pure-Python loader: every rule pack is
read when a checker is built, and a brand pack when it is loaded), else PyYAML's own."""

from __future__ import annotations

import yaml

SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
