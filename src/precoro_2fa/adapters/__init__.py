"""Adapters around the domain: storage and password hashing."""
