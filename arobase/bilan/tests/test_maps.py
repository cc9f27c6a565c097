from hypothesis import given
from hypothesis import strategies as st

from arobase.bilan.maps import MEMBER_RADIUS, member_radius, project

coordinates = st.lists(
    st.tuples(st.floats(41, 51, allow_nan=False), st.floats(-5, 9.5, allow_nan=False)), min_size=1, max_size=50
)


@given(coordinates)
def test_every_point_lies_inside_the_drawing(points):
    for point in project(points, width=600, height=400, margin=20):
        assert 19.9 <= point.x <= 580.1
        assert 19.9 <= point.y <= 380.1


@given(coordinates)
def test_north_is_up_and_east_is_right(points):
    projected = project(points)
    for (lat_a, lon_a), a in zip(points, projected, strict=True):
        for (lat_b, lon_b), b in zip(points, projected, strict=True):
            if lat_a > lat_b + 1e-6:
                assert a.y <= b.y + 0.2
            if lon_a > lon_b + 1e-6:
                assert a.x >= b.x - 0.2


def test_a_single_place_is_in_the_centre():
    assert [(p.x, p.y) for p in project([(49.9, 2.3)], width=600, height=400)] == [(300.0, 200.0)]
    assert project([]) == []


@given(st.integers(0, 200), st.integers(0, 200), st.integers(0, 200))
def test_a_member_disc_grows_with_its_services_and_stays_within_bounds(lit, other, most_lit):
    smallest, largest = MEMBER_RADIUS
    lit, other = min(lit, most_lit), min(other, most_lit)
    assert smallest <= member_radius(lit, most_lit) <= largest
    if lit <= other:
        assert member_radius(lit, most_lit) <= member_radius(other, most_lit)


def test_the_most_lit_member_has_the_largest_disc_and_none_the_smallest():
    assert member_radius(90, 90) == MEMBER_RADIUS[1]
    assert member_radius(0, 90) == member_radius(0, 0) == MEMBER_RADIUS[0]
