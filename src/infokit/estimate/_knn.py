"""k-nearest-neighbour estimators. Placeholder: being written."""
__all__: list[str] = []
