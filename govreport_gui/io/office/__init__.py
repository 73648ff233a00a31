"""Office suites as helpers: LibreOffice (or WPS/Word/Excel through COM on Windows) run in one
place, and old or other office formats converted through them.
"""
