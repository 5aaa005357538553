"""The site's pages: builders (pages.py), safe text (text.py), build helpers (build.py)."""
