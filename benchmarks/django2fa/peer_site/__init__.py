"""The peer of the load benchmark: a minimal Django site with django-two-factor-auth."""
