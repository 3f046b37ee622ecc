from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/rencana/", views.plan_page, name="plan-page"),
    path("rencana/<id:pk>/", views.plan_run, name="plan-run"),
    path("rencana/<id:pk>/peserta.xlsx", views.plan_export, name="plan-export"),
    path("rencana/<id:pk>/terima/", views.plan_accept_view, name="plan-accept"),
    path("rencana/<id:pk>/ulangi/", views.plan_retry_view, name="plan-retry"),
]
