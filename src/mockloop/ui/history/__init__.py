"""The history page: every past round, filters, full-text search, open / finish / delete."""
