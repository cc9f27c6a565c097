from django.urls import path

from arobase.www.timeline import views

app_name = "timeline"

urlpatterns = [
    path("", views.timeline, name="timeline"),
    path("integrer/<str:code>/", views.embed, name="embed"),
    path("epingler/", views.pin, name="pin"),
    path("moderation/", views.moderation, name="moderation"),
    path("moderation/<int:pk>/", views.moderate, name="moderate"),
]
