"""County lines threat picture: force returns held in DuckDB, NCA-style figures."""

ILLUSTRATIVE_NOTICE = "Illustrative data, not real force returns"
