"""One module per kind of page: the insights page and its figures, and /vervolg/."""
