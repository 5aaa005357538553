"""Readers of other tools' formats (TimelineJS JSON and its spreadsheet as CSV) into event files."""
