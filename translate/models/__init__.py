"""Argos packages: the engine, discovery, install, fetch, conversion from OPUS-MT, the doctor."""
