from django.urls import path

from arobase.www.referential import views

app_name = "referential"
urlpatterns = [
    path("comparer/", views.compare_editions, name="compare"),
]
