from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from dukcapil import favicon, health, views

# The staff's desk is the Django admin: it carries the office's name, not Django's.
admin.site.site_header = _("Dukcapil Kota Gorontalo — meja kerja petugas")
admin.site.site_title = _("Dukcapil Online")
admin.site.index_title = _("Antrean dan data")

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # First: the QR's /V/<token> is the busiest public URL; matched before the portal's routes.
    path("", include("verification.urls")),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("akun/", include("accounts.urls")),
    path("", include("requests_app.urls")),
    path("", include("registry.urls")),
    path("", include("documents.urls")),
]
