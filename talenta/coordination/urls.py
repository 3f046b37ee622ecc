from django.urls import path

from . import views

urlpatterns = [
    path("praktik-baik/", views.practice_list, name="practice-list"),
    path("praktik-baik/baru/", views.practice_edit, name="practice-new"),
    path("praktik-baik/ekspor.<str:fmt>", views.practice_export, name="practice-export"),
    path("praktik-baik/<int:pk>/", views.practice_detail, name="practice-detail"),
    path("praktik-baik/<int:pk>/ubah/", views.practice_edit, name="practice-edit"),
    path("praktik-baik/<int:pk>/terbit/", views.practice_publish, name="practice-publish"),
    path("praktik-baik/<int:pk>/lampiran/<int:att>/", views.attachment_download, name="practice-attachment"),
]
