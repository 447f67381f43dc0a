"""Entity clusters are the connected components of the mention graph, whichever way they are computed.

A small graph (a teacher's set) takes a union-find in Python, a large one scipy's ``connected_components``
(``compare.annotate.entities.SMALL_GRAPH_EDGES``): the canonical entity chosen on a tie depends on the order of
the groups, so both must give the same groups, each sorted, in order of their smallest member.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.annotate import entities


@st.composite
def graphs(draw):
    n = draw(st.integers(min_value=1, max_value=40))
    edges = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
    return n, edges


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_union_find_and_scipy_give_the_same_groups_in_the_same_order(graph):
    n, edges = graph
    small = entities._components(n, edges)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entities, "SMALL_GRAPH_EDGES", -1)  # every graph takes scipy's path
        large = entities._components(n, edges)
    assert small == large
    assert sorted(i for group in small for i in group) == list(range(n))
    assert all(group == sorted(group) for group in small)
    assert [group[0] for group in small] == sorted(group[0] for group in small)
