"""Quality checks on translations, one small function each, and the reports of whole catalogs."""
