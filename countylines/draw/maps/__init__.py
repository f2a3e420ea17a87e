"""Maps of the 43 force areas, drawn as projected shapes on plain axes (no geo traces, no tiles,
no CDN): ``boundaries`` (the force-area layer), ``base`` (land, axes, attribution),
``arrows`` (flows), ``lettering`` (names placed without overlap), ``choropleths`` and
``shading`` (areas filled by class)."""
