"""What a run publishes: article files, review pages, bundles, the index."""
