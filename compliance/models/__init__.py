from compliance.models.enterprises import Enterprise, Industry, Ownership

__all__ = ["Enterprise", "Industry", "Ownership"]
