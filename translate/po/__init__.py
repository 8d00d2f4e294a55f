"""PO files: read and written as GNU gettext does, merged as msgmerge does, memory, templates,
status."""
