"""The Government Analysis Function palette (colour-blind checked) and the one font, shared by
every chart, map, slide and image."""

DARK_BLUE = "#12436D"
TURQUOISE = "#28A197"
DARK_PINK = "#801650"
ORANGE = "#F46A25"
DARK_GREY = "#3D3D3D"
LIGHT_PURPLE = "#A285D1"
LIGHT_BLUE = "#ADD1F1"
HIGHLIGHT_OFF = "#BFBFBF"  # what is not highlighted, against DARK_BLUE
SEQUENTIAL_DARK = "#092135"
SEQUENTIAL_LIGHT = "#ADD1F1"
TEXT = "#0B0C0C"
GRID = "#E6E6E6"
FONT = "Arial, Helvetica, sans-serif"
