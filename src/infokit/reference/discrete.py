"""Reference twins (discrete). Placeholder: being written."""
__all__: list[str] = []
