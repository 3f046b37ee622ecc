from django.urls import path

from . import views, views_followup

urlpatterns = [
    path("tindak-lanjut/", views_followup.recommendations, name="recommendations"),
    path("tindak-lanjut/<int:pk>/", views_followup.recommendation_detail, name="recommendation-detail"),
    path("tindak-lanjut/aksi/<int:pk>/", views_followup.action_edit, name="action-edit"),
    path("tindak-lanjut/ekspor.<str:fmt>", views_followup.actions_export, name="actions-export"),
    path("praktik-baik/", views.practice_list, name="practice-list"),
    path("praktik-baik/baru/", views.practice_edit, name="practice-new"),
    path("praktik-baik/ekspor.<str:fmt>", views.practice_export, name="practice-export"),
    path("praktik-baik/<int:pk>/", views.practice_detail, name="practice-detail"),
    path("praktik-baik/<int:pk>/ubah/", views.practice_edit, name="practice-edit"),
    path("praktik-baik/<int:pk>/terbit/", views.practice_publish, name="practice-publish"),
    path("praktik-baik/<int:pk>/lampiran/<int:att>/", views.attachment_download, name="practice-attachment"),
]
