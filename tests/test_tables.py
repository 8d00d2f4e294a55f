"""Terminal tables: columns aligned, no trailing spaces."""

from translate.core.tables import render_table


def test_columns_are_padded_to_the_widest_cell_and_lines_have_no_trailing_spaces() -> None:
    table = render_table([("lang", "article", "done"), ("ru", "a-long-article-id", "12.5%"),
                          ("he", "b", "")])
    assert table == (
        "lang  article            done\n"
        "ru    a-long-article-id  12.5%\n"
        "he    b"
    )


def test_an_empty_table_is_empty() -> None:
    assert render_table([]) == ""
