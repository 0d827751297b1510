from django.contrib import admin
from django.urls import include, path

from dukcapil import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # First: the QR's /V/<token> is the busiest public URL; matched before the portal's routes.
    path("", include("verification.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("akun/", include("accounts.urls")),
    path("", include("requests_app.urls")),
    path("", include("registry.urls")),
    path("", include("documents.urls")),
]
