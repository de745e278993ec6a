"""The audio stage: sentences -> verified, cached speech -> levelled, encoded chunks -> timeline."""
