"""The divorce form names the spouses' mistake on its field, before a draft is saved."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from requests_app.models import Application
from tests.factories import married_son


def test_divorce_form_refuses_parties_who_are_not_each_others_spouse(client, actors):
    head = actors["home"]["head"]
    son = married_son(head)
    client.force_login(actors["citizen"])
    data = {
        "leaving": son.pk,
        "remaining": head.pk,
        "divorce_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "decision_number": "1/Pdt.G/2026",
    }
    response = client.post(reverse("requests_app:application_start", args=["akta_perceraian"]), data)
    assert response.status_code == 200
    assert "harus suami atau istri dari pihak yang keluar" in response.context["form"].errors["remaining"][0]
    assert not Application.objects.exists()
    data["leaving"] = actors["home"]["wife"].pk
    response = client.post(reverse("requests_app:application_start", args=["akta_perceraian"]), data)
    assert response.status_code == 302
