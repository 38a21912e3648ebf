"""The public site as pages and files: addresses, HTML, charts and the search index; no MkDocs."""
