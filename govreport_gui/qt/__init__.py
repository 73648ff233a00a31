"""The desktop editor (PySide6).  Qt is imported only here."""
