"""The glossary: terms, the glossary file, matching and restoring forms, export for translation
tools."""
