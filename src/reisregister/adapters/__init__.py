"""Glue to the tools around the register: MkDocs (the site build) and Decap CMS (the web form)."""
