"""The output stage: containers with tags and chapters, sidecars and the manifest."""
