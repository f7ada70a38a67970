"""Turn the plain-text agenda packs of council committees into an accessible static site."""
