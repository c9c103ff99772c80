"""Measures of given distributions. Placeholder: being written."""
__all__: list[str] = []
