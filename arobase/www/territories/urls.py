from django.urls import path

from arobase.www.territories import views

app_name = "territories"
urlpatterns = [
    path("", views.search, name="search"),
    path("<str:kind>/<str:code>/", views.detail, name="detail"),
]
