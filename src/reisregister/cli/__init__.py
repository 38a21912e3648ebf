"""The `reisregister` command and its subcommands: validate, new, import, export and demo."""
