from django.urls import path

from . import views

urlpatterns = [
    path("pegawai/", views.employee_list, name="employee-list"),
    path("pegawai/ekspor.<str:fmt>", views.employee_export, name="employee-export"),
    path("pegawai/<str:nip>/", views.employee_profile, name="employee-profile"),
    path("pegawai/<str:nip>/pindah/", views.employee_move, name="employee-move"),
    path("pegawai/<str:nip>/plt/", views.employee_acting, name="employee-acting"),
    path("pegawai/<str:nip>/data-pribadi.xlsx", views.subject_download, name="employee-subject-export"),
    path("pengaturan/jabatan-struktural/", views.structural_rules, name="structural-rules"),
]
