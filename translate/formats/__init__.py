"""Articles in and out: readers of plain text, Markdown and HTML into units, writers of every
output, inline markup and the sanitiser."""
