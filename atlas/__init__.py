"""Karabakh Atlas: pure data logic (loading, validating, filtering, figures). Never imports streamlit."""

__version__ = "0.1.0"
