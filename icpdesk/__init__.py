"""icpdesk core: filing model, rules engine, checks and command line. Never imports Qt."""

__version__ = "0.1.0"
