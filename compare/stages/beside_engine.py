"""Whether a per-event stage that embeds nothing forks workers with the semantic layer on.

Why: artifacts and framing read words only, yet with the semantic layer they ran in this process on one core
(whatever engine thread was running must not be copied half-way through a lock by a fork), and on 200 WMT21
documents they were two of the serial stretches after alignment that left the second core idle.  A fork is
safe once the engine is settled (``compare.semantic.embeddings.settle``: no engine thread encoding), which
``Context.cached_map`` does before every fork of a stage that says ``embeds``; so such a stage forks like the
others, except while the engine still has texts in flight: then it runs here, beside the engine
(``compare.pipeline.while_embedding`` puts it there on purpose), and settling first would only make it wait.
"""

from __future__ import annotations

import sys

from compare.stages.base import Context


def forks_beside_engine(context: Context) -> bool:
    """Whether the stage's items go to ``map_heavy`` (forked workers beside this process) rather than stay here.

    Without the semantic layer, always (as before).  With it, only when the engine has nothing in flight; the
    caller passes ``embeds=True`` so the engine is settled before the fork and each worker, should it ever
    embed, uses a session of its own (``Context.cached_map``).
    """
    if not context.settings.align.semantic.enabled:
        return True
    embeddings = sys.modules.get("compare.semantic.embeddings")
    return embeddings is None or not embeddings.in_flight()
