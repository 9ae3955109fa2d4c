"""Reference data bundled with the package: regions, region groups and zones (CSV files in ``icatlas/data``)."""
from .regions import Region, RegionIndex, regions

__all__ = ["Region", "RegionIndex", "regions"]
