from django.urls import path

from . import views

urlpatterns = [
    path("merit/kerangka/", views.framework_edit, name="merit-framework"),
    path("merit/<str:code>/ekspor.<str:fmt>", views.merit_export, name="merit-export"),
    path("merit/<str:code>/", views.merit_org, name="merit-org"),
    path("merit/<str:code>/<year:year>/", views.merit_form, name="merit-form"),
    path("merit/<str:code>/<year:year>/bukti/<id:indicator>/", views.merit_evidence, name="merit-evidence"),
]
