"""What the tool knows of each language: names, direction and plurals (CLDR, through Babel)."""
