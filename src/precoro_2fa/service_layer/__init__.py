"""Use cases of the article: commands (one transaction each) and readings (views.py)."""
