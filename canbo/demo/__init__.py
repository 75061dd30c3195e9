"""Demo data: a deterministic generator of a realistic province (units, titles, posts, people,
assignments and decisions) for the one-command demo, tests and benchmarks.

Not a Django app: it has no models and only writes the models of the other apps.
"""
