"""Writers: the Word report (and PDF through an office suite), the Excel workbook and the 校验清单.
"""
