from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/pensiun/", views.vacancies, name="vacancies"),
]
