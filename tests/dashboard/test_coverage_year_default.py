"""``/capaian/``: a query string without ``tahun`` means the current year."""

from django.urls import reverse


def test_page_without_tahun_shows_the_current_year_and_no_error(client, db, today):
    response = client.get(reverse("registry:coverage"), {"x": "1"})
    assert response.status_code == 200
    assert response.context["board"].year == today.year
    assert not response.context["form"].errors
    assert "tidak boleh kosong" not in response.content.decode()


def test_csv_without_tahun_is_the_current_year(client, db, today):
    response = client.get(reverse("registry:coverage_csv"), {"utm_source": "wa"})
    assert response.status_code == 200, response.content.decode()
    assert response["Content-Disposition"] == f'attachment; filename="capaian-{today.year}.csv"'
