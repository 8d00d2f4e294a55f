"""The commands' jobs, composed of the stages: run, assemble, their sources, state and summary."""
