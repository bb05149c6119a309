"""7. Load: whole sign-ins driven by locust against this app and django-two-factor-auth.

``python -m benchmarks.load`` runs this section alone; ``python -m benchmarks`` runs it
last (``--skip-load`` leaves it out, ``--only-load`` runs nothing else). The modules:
``people`` (the prepared people and the pool that hands them out once per time step),
``locustfile`` and ``pages`` (the scenario, run by locust in a subprocess), ``app_side``
and ``peer_side`` (each system's database and servers), ``servers`` (processes),
``case`` (one locust run), ``measure`` (the rounds), ``report`` (the tables).
"""
