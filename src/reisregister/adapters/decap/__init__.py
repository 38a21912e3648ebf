"""The web form for staff at /beheer/: Decap CMS configured from the report schema, and its assets."""
