from django.urls import path

from arobase.accounts import views

app_name = "accounts"
urlpatterns = [
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
]
