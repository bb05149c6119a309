"""Use cases of the article, one transaction each."""
