from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/analitik/", views.org_analytics, name="org-analytics"),
    path("organisasi/<str:code>/analitik/daftar/", views.org_analytics_people, name="org-analytics-people"),
    path("organisasi/<str:code>/analitik.<str:fmt>", views.org_analytics_download, name="org-analytics-download"),
]
