"""The MkDocs hooks: the only code that knows MkDocs."""
