"""Guards every reader runs before a parser sees a file: zip packages (bombs, entities,
encrypted members), workbooks, and text written into XML.
"""
