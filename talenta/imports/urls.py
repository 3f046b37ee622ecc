from django.urls import path

from . import views

urlpatterns = [
    path("impor/", views.import_home, name="import-home"),
    path("impor/batch/<id:pk>/", views.import_batch, name="import-batch"),
    path("impor/batch/<id:pk>/konfirmasi/", views.import_confirm, name="import-confirm"),
    path("impor/batch/<id:pk>/batal/", views.import_cancel, name="import-cancel"),
    path("impor/batch/<id:pk>/ulangi/", views.import_retry, name="import-retry"),
    path("impor/batch/<id:pk>/laporan.xlsx", views.import_report, name="import-report"),
    path("impor/<str:kind>/", views.import_upload, name="import-upload"),
    path("impor/<str:kind>/templat.xlsx", views.import_template, name="import-template"),
    path("ekspor/<str:kind>.<str:fmt>", views.export_download, name="export-download"),
]
