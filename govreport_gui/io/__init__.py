"""File formats (JSON/native, Excel, Word): may use openpyxl / xlrd / python-docx, never Qt."""
