from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/peta-jabatan/", views.peta_page, name="peta-jabatan"),
    path("organisasi/<str:code>/peta-jabatan/status/", views.abk_status_view, name="abk-status"),
    path("organisasi/<str:code>/abk-wilayah/", views.region_page, name="abk-region"),
    path("jabatan/<int:pk>/abk/", views.abk_editor, name="abk-edit"),
    path("jabatan/<int:pk>/abk/hitung/", views.abk_preview, name="abk-preview"),
    path("jabatan/<int:pk>/abk/baris/", views.abk_blank_row, name="abk-row"),
    path("jabatan/<int:pk>/anjab/", views.anjab_update, name="position-anjab"),
]
