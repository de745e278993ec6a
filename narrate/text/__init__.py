"""The text stage: a source -> Document -> Article -> Script of speakable sentences."""
