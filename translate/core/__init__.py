"""Shared mechanisms of every stage: atomic files and locks, interrupts, progress, terminal
tables."""
