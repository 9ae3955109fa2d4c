"""Reference data bundled with the package (CSV and YAML files in ``icatlas/data``, each row with its source):
regions, region groups and zones; the IC chain taxonomy; the organisations of the industry."""
from .chain import Chain, ChainNode, chain
from .orgs import ORG_TYPES, RefOrg, org_forms, reference_orgs
from .regions import Region, RegionIndex, regions

__all__ = ["Chain", "ChainNode", "chain", "ORG_TYPES", "RefOrg", "org_forms", "reference_orgs", "Region",
           "RegionIndex", "regions", "reference_version"]


def reference_version() -> str:
    """One version string for all bundled reference data: changes whenever a data file changes."""
    import hashlib
    from importlib import resources

    h = hashlib.sha256()
    for name in ("regions.csv", "region_groups.csv", "zones.csv", "foreign.csv", "chain.yaml", "organizations.csv"):
        try:
            h.update(resources.files("icatlas.data").joinpath(name).read_bytes())
        except FileNotFoundError:
            h.update(b"-")
    return "ref-" + h.hexdigest()[:12]
