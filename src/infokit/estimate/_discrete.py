"""Discrete (label) estimators. Placeholder: being written."""
__all__: list[str] = []
