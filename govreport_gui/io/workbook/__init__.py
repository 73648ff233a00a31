"""Workbooks (.xlsx/.xlsm/.xls/.et): each sheet becomes a ``SheetGrid`` for the shared locator;
formula cells without a cached value are recomputed where possible.
"""
