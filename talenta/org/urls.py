from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.TalentaLoginView.as_view(), name="login"),
    path("akun/", views.account, name="account"),
    path("organisasi/", views.org_root, name="org-root"),
    path("organisasi/<str:code>/", views.org_detail, name="org-detail"),
]
