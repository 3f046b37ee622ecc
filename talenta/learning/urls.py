from django.urls import path

from . import views

urlpatterns = [
    path("organisasi/<str:code>/rencana/", views.plan_page, name="plan-page"),
    path("rencana/<int:pk>/", views.plan_run, name="plan-run"),
    path("rencana/<int:pk>/peserta.xlsx", views.plan_export, name="plan-export"),
    path("rencana/<int:pk>/terima/", views.plan_accept_view, name="plan-accept"),
    path("rencana/<int:pk>/ulangi/", views.plan_retry_view, name="plan-retry"),
]
