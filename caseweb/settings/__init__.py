"""Settings package: ``base`` holds everything, ``dev``, ``test`` and ``prod`` adjust it.

Every value that differs between machines is read from the environment (django-environ); the
README's configuration table lists them with their defaults.
"""
