"""The portal's pages read in a constant number of queries, however long the history."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from requests_app.models import ApplicationState, ApplicationTransition, Attachment
from tests.portal.conftest import PDF_BYTES, make_application, record_return

pytestmark = pytest.mark.django_db


def grow(application, user, n):
    for index in range(n):
        ApplicationTransition.objects.create(
            application=application, actor=user, from_state="SUBMITTED", to_state="IN_REVIEW", reason=f"r{index}"
        )
        attachment = Attachment(
            application=application,
            requirement_index=index % 3,
            requirement_label="x",
            content_type="application/pdf",
            size=len(PDF_BYTES),
            sha256=f"{index:064d}",
            uploaded_by=user,
        )
        attachment.file.save("f", ContentFile(PDF_BYTES), save=False)
        attachment.save()


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("state", [ApplicationState.SUBMITTED, ApplicationState.COMPLETED])
def test_detail_page_constant_queries(client, actors, state, django_assert_max_num_queries):
    citizen = actors["citizen"]
    application = make_application(applicant=citizen, subject=actors["home"]["wife"], state=state)
    client.force_login(citizen)
    url = f"/permohonan/{application.tracking_number}/"
    grow(application, actors["petugas"], 1)
    before = count(client, url)
    grow(application, actors["petugas"], 6)
    assert count(client, url) == before
    with django_assert_max_num_queries(12):
        client.get(url)


def test_list_page_constant_queries(client, actors):
    citizen = actors["citizen"]
    client.force_login(citizen)
    make_application(applicant=citizen, subject=actors["home"]["wife"])
    before = count(client, "/permohonan/")
    for _ in range(5):
        make_application(applicant=citizen, subject=actors["home"]["child0"], state=ApplicationState.CANCELLED)
    assert count(client, "/permohonan/") == before


def test_a_returned_application_s_page_reads_the_return_once(client, actors):
    citizen = actors["citizen"]
    application = make_application(applicant=citizen, subject=actors["home"]["wife"], state=ApplicationState.RETURNED)
    record_return(application, actor=actors["petugas"], reason="Berkas kurang jelas", items={0: "Foto buram"})
    client.force_login(citizen)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(f"/permohonan/{application.tracking_number}/").content.decode()
    assert "Berkas kurang jelas" in body and "Foto buram" in body
    reads = [
        q["sql"] for q in queries.captured_queries if "applicationtransition" in q["sql"] and "RETURNED" in q["sql"]
    ]
    assert len(reads) == 1  # the reasons and what to upload again come from the one read
