from django.urls import path

from requests_app.views import applications, catalogue, family, files

app_name = "requests_app"
urlpatterns = [
    path("layanan/", catalogue.service_list, name="service_list"),
    path("layanan/<slug:code>/", catalogue.service_detail, name="service_detail"),
    path("layanan/<slug:code>/ajukan/", applications.application_start, name="application_start"),
    path("keluarga-saya/", family.my_family, name="my_family"),
    path("bantuan/", family.assisted_home, name="assisted_home"),
    path("permohonan/", applications.application_list, name="application_list"),
    path("permohonan/<str:tracking_number>/", applications.application_detail, name="application_detail"),
    path("permohonan/<str:tracking_number>/ubah/", applications.application_edit, name="application_edit"),
    path(
        "permohonan/<str:tracking_number>/unggah/<int:index>/",
        applications.attachment_upload,
        name="attachment_upload",
    ),
    path("permohonan/<str:tracking_number>/ajukan/", applications.application_submit, name="application_submit"),
    path(
        "permohonan/<str:tracking_number>/tanda-terima/", applications.application_receipt, name="application_receipt"
    ),
    path("permohonan/<str:tracking_number>/batal/", applications.application_cancel, name="application_cancel"),
    path("permohonan/<str:tracking_number>/berkas/<int:pk>/", files.attachment_download, name="attachment_download"),
]
