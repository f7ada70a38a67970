"""The archive written out: a context per page kind rendered by the templates, feeds, open data."""
