from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/pensiun/", views.vacancies, name="vacancies"),
    path("organisasi/<str:code>/sembilan-kotak/", views.ninebox_page, name="ninebox"),
    path("organisasi/<str:code>/pergerakan-kotak/", views.movement_page, name="box-movement"),
    path("organisasi/<str:code>/kelompok-talenta/", views.pools_page, name="talent-pools"),
    path("organisasi/<str:code>/suksesi/", views.succession_page, name="succession"),
    path("talenta/review/", views.review_list, name="review-list"),
    path("talenta/review/<id:pk>/", views.review_detail, name="review-detail"),
    path("talenta/review/<id:pk>/entri/<id:entry_pk>/", views.review_calibrate, name="review-calibrate"),
    path("talenta/review/<id:pk>/final/", views.review_finalise, name="review-finalise"),
    path("talenta/review/<id:pk>/ulangi/", views.review_retry, name="review-retry"),
    path("suksesi/jabatan/<id:pk>/", views.succession_position, name="succession-position"),
    path("suksesi/kandidat/<id:pk>/", views.succession_candidate, name="succession-candidate"),
]
