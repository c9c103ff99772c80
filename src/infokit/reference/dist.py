"""Reference twins (dist). Placeholder: being written."""
__all__: list[str] = []
