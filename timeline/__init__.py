"""timeline: curated chronologies kept in git, checked, and published with MkDocs."""

from __future__ import annotations

__version__ = "0.1.0"
