from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("organisasi/<str:code>/gambaran/", views.picture_page, name="picture"),
    path("organisasi/<str:code>/ringkasan/", views.briefing_page, name="briefing"),
    path("organisasi/<str:code>/ringkasan.pdf", views.briefing_download, name="briefing-pdf"),
    path("organisasi/<str:code>/kepala-daerah/", views.head_form, name="regional-head"),
]
