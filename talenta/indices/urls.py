from django.urls import path

from . import views

urlpatterns = [
    path("merit/<str:code>/", views.merit_org, name="merit-org"),
    path("merit/<str:code>/<int:year>/", views.merit_form, name="merit-form"),
]
