"""Publishing: feed.xml from manifests, HTTP serving, the inbox folder."""
