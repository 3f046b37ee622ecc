from django.urls import path

from . import views, views_idp

urlpatterns = [
    path("organisasi/<str:code>/rencana/", views.plan_page, name="plan-page"),
    path("rencana/<id:pk>/", views.plan_run, name="plan-run"),
    path("rencana/<id:pk>/peserta.xlsx", views.plan_export, name="plan-export"),
    path("rencana/<id:pk>/terima/", views.plan_accept_view, name="plan-accept"),
    path("rencana/<id:pk>/ulangi/", views.plan_retry_view, name="plan-retry"),
    path("pengembangan-saya/", views_idp.my_development_page, name="my-development"),
    path("pengembangan-saya/usul/", views_idp.idp_propose_view, name="idp-propose"),
    path("idp/", views_idp.idp_waiting_page, name="idp-waiting"),
    path("organisasi/<str:code>/akpk.xlsx", views_idp.akpk_download, name="akpk"),
    path("idp/<id:pk>/putuskan/", views_idp.idp_decide_view, name="idp-decide"),
    path("idp/<id:pk>/batal/", views_idp.idp_cancel_view, name="idp-cancel"),
]
