from django.urls import path

from . import views, views_followup

urlpatterns = [
    path("tindak-lanjut/", views_followup.recommendations, name="recommendations"),
    path("tindak-lanjut/<id:pk>/", views_followup.recommendation_detail, name="recommendation-detail"),
    path("tindak-lanjut/aksi/<id:pk>/", views_followup.action_edit, name="action-edit"),
    path("tindak-lanjut/aksi/<id:pk>/berkas/<id:att>/", views_followup.action_file, name="action-file"),
    path("tindak-lanjut/ekspor.<str:fmt>", views_followup.actions_export, name="actions-export"),
    path("praktik-baik/", views.practice_list, name="practice-list"),
    path("praktik-baik/baru/", views.practice_edit, name="practice-new"),
    path("praktik-baik/ekspor.<str:fmt>", views.practice_export, name="practice-export"),
    path("praktik-baik/<id:pk>/", views.practice_detail, name="practice-detail"),
    path("praktik-baik/<id:pk>/ubah/", views.practice_edit, name="practice-edit"),
    path("praktik-baik/<id:pk>/terbit/", views.practice_publish, name="practice-publish"),
    path("praktik-baik/<id:pk>/lampiran/<id:att>/", views.attachment_download, name="practice-attachment"),
]
