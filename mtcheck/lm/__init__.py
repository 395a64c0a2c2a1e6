"""The transformer language model: finding it, caching it, scoring tokens."""
