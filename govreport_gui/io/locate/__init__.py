"""Finding the report's tables in any grid of cells: ``SheetGrid`` (a sheet or a published
table with its merged ranges), ``labels`` (every label variant normalised in one place) and
``table_locate`` (the tables found by their labels on the merge-aware logical grid).
"""
