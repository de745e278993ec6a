"""The pipeline: ties one article's stages together (narrator) and runs many (batch)."""
