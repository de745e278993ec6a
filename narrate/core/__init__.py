"""The core every stage shares: errors, data models, settings, voice profiles, cache, files."""
