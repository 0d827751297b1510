import pytest

from documents.models import IssuedDocument
from verification.models import DocumentRevocation, SigningKey

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/verification/verifiabledocument/"


def test_staff_see_scan_counts_but_only_piak_may_revoke(client, issue, actors):
    document, token = issue()
    client.get(f"/V/{token}")
    client.force_login(actors["petugas"])
    response = client.get(CHANGELIST)
    assert response.status_code == 200
    assert document.number in response.content.decode()
    assert 'value="revoke"' not in response.content.decode()
    response = client.post(
        CHANGELIST,
        {"action": "revoke", "_selected_action": [document.pk], "apply": "1", "reason": "bukan wewenang petugas"},
    )
    document.refresh_from_db()
    assert document.state == "VALID"


def test_piak_revokes_with_a_reason_through_the_admin(client, issue, actors):
    document, token = issue()
    client.force_login(actors["piak"])
    ask = client.post(CHANGELIST, {"action": "revoke", "_selected_action": [document.pk]})
    assert ask.status_code == 200 and "reason" in ask.content.decode()
    assert "jangan tulis data pribadi" in ask.content.decode()  # the reason is shown to the public
    done = client.post(
        CHANGELIST,
        {"action": "revoke", "_selected_action": [document.pk], "apply": "1", "reason": "data kelahiran keliru"},
    )
    assert done.status_code == 302
    document.refresh_from_db()
    assert document.state == "REVOKED" and document.revoked_reason == "data kelahiran keliru"
    assert DocumentRevocation.objects.get(document=document).revoked_by == actors["piak"]
    assert "TIDAK BERLAKU LAGI" in client.get(f"/V/{token}").content.decode()


def test_citizens_and_operators_do_not_see_the_admin_lists(client, issue, actors):
    issue()
    for who in ("citizen", "operator"):
        client.force_login(actors[who])
        assert client.get(CHANGELIST).status_code in (302, 403)


def test_piak_rotates_keys_in_the_admin(client, issue, actors):
    issue()
    old = SigningKey.objects.get(is_active=True)
    client.force_login(actors["piak"])
    response = client.post("/admin/verification/signingkey/", {"action": "rotate", "_selected_action": [old.kid]})
    assert response.status_code == 302
    assert SigningKey.objects.get(is_active=True).kid != old.kid
    assert IssuedDocument.objects.count() == 1
