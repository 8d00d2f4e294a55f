"""What the model sees: place names and inline markup protected through MT, batches scheduled."""
