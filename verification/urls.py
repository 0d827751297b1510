from django.urls import path

from verification import views

app_name = "verification"
urlpatterns = [
    path("V/<str:token>", views.verify_token, name="verify_qr"),
    path("v/<str:token>", views.verify_token, name="verify"),
    path("verifikasi/", views.verify_home, name="home"),
    path(".well-known/jwks.json", views.jwks, name="jwks"),
    path(".well-known/crl/<str:kid>.json", views.status_list, name="status_list"),
]
