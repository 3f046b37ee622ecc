from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/peta-jabatan/", views.peta_page, name="peta-jabatan"),
    path("organisasi/<str:code>/peta-jabatan/status/", views.abk_status_view, name="abk-status"),
]
