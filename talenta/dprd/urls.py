from django.urls import path

from . import views

urlpatterns = [
    path("dprd/<str:code>/", views.dprd_page, name="dprd-summary"),
    path("dprd/<str:code>/anggota/", views.members_page, name="dprd-members"),
    path("dprd/sertifikat/<id:pk>.pdf", views.certificate, name="dprd-certificate"),
]
