"""What the tool knows of each language: names, direction and plurals (CLDR, through Babel),
and each target language's own rules."""

#: The target languages, in the order ``--lang`` defaults to.
TARGET_LANGUAGES = ("hy", "az", "he", "ru")
