"""The register's domain: the report schema, a checked report, groupings, money, places and emissions; no files, no git, no HTML."""
