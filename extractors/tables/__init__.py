"""Tables: what a cell states, read with the context a person uses (headers, row labels, units).

`figures` reads the figures a cell prints and what a header says of them (the counted noun, the
currency, the unit); `context` gives each cell its headers, its row's label and the row read as
text; `reader` turns a table's cells into counts, amounts and places.
"""
