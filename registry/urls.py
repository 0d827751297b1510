from django.urls import path

from registry import admin_views, outreach_views, views

app_name = "registry"
urlpatterns = [
    path("capaian/", views.coverage_dashboard, name="coverage"),
    path("capaian/export.csv", views.coverage_export_csv, name="coverage_csv"),
    path("capaian/penjangkauan/", outreach_views.outreach_index, name="outreach_index"),
    path("capaian/penjangkauan/<str:code>/", outreach_views.outreach_list_page, name="outreach_list"),
    path("staf/statistik/", admin_views.statistics_page, name="staff_statistics"),
    path("staf/statistik/export.csv", admin_views.statistics_csv, name="staff_statistics_csv"),
]
