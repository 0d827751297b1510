"""Another open application about the same person is warned about, never refused."""

from requests_app import services


def test_a_move_filed_while_the_persons_death_is_pending_is_warned_about(actors, make_application):
    home = actors["home"]
    wife = home["wife"]
    death = make_application(
        "AKTA_KEMATIAN",
        actors["citizen"],
        {"deceased_id": wife.pk, "death_date": "2026-11-01", "death_place": "GORONTALO", "cause": "SAKIT"},
    )
    move = make_application(
        "PINDAH_KELUAR",
        actors["citizen"],
        {"member_ids": [wife.pk], "move_date": "2026-11-15", "destination": "PALU"},
        submit=False,
    )
    warnings = services.application_check(application=move).warnings
    assert any(death.tracking_number in w and wife.full_name in w for w in warnings), warnings
    # And the other way round: approving the death tells of the move in the making (its draft
    # is not open yet; once submitted, it is).
    assert not any(move.tracking_number in w for w in services.application_check(application=death).warnings)
    services.application_submit(application=move, actor=actors["citizen"])
    assert any(move.tracking_number in w for w in services.application_check(application=death).warnings)


def test_no_warning_about_unrelated_or_closed_applications(actors, make_application):
    home = actors["home"]
    ktp = make_application("KTP_BARU", actors["citizen"], {"person_id": home["head"].pk})
    assert services.application_check(application=ktp).warnings == []
