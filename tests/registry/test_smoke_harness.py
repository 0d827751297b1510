def test_actors_fixture_builds_two_families(actors):
    assert actors["citizen"].person.family_id != actors["other_citizen"].person.family_id
    assert actors["home"]["child0"].family_id == actors["home"]["head"].family_id
