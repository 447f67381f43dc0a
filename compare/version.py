"""The package's version, in a module of its own.

The report, the cache and the CLI stamp their output with it; importing it from here rather than from the
package face (``compare/__init__.py``, which lists the public API) keeps those modules from depending on the
API they sit under.  Keep it equal to ``version`` in pyproject.toml (tests/test_docs.py checks).
"""

__version__ = "0.1.0"
