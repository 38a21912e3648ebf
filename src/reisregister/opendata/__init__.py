"""The open data: records as JSON and CSV, the JSON Schema, the data package and the Atom feeds."""
