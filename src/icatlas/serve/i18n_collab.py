"""Chinese and English labels of the collaboration pages (alliances, resources, talent, policies, goals)."""
from __future__ import annotations

COLLAB_STRINGS: dict[str, tuple[str, str]] = {
    "alliances": ("产业联盟", "Alliances"),
    "resources": ("共享资源", "Shared resources"),
    "talent": ("人才", "Talent"),
    "policies": ("政策", "Policies"),
    "goals": ("目标与进展", "Targets and progress"),
}
