from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/peta-jabatan/", views.peta_page, name="peta-jabatan"),
]
