from django.urls import path

from documents import views

app_name = "documents"
urlpatterns = [
    path("dokumen/<int:pk>/unduh/", views.document_download, name="download"),
]
