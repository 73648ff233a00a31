"""Last year's report as it was published (Word, web page, PDF): every reader turns its file into
blocks in reading order (``blocks``), and one path (``document.read_blocks``) finds the title,
preface, sections, tables and 落款 on them.
"""
