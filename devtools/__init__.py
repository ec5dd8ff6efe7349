"""Helpers the tests and the benchmark share (serving the app on loopback, synthetic datasets): a neutral
package, so tests/ and bench/ never import each other, and atlas/ (what the app runs) carries no test-only code."""
