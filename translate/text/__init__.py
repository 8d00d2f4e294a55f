"""Plain-text knowledge: sentences, tokens, word counts, folding, sound skeletons, language
identification."""
