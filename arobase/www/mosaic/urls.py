from django.urls import path

from arobase.www.mosaic import views

app_name = "mosaic"
urlpatterns = [
    path("services/<str:code>/", views.service_examples, name="service_examples"),
]
