"""Report files and git history in: reading, checking and locating problems, and writing report files in the canonical layout."""
