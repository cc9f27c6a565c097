from django.urls import path

from arobase.www.forum import views

app_name = "forum"
urlpatterns = [
    path("", views.rooms, name="rooms"),
    path("salons/<int:pk>/", views.room, name="room"),
    path("salons/<int:pk>/abonnement/", views.subscribe_room, name="subscribe_room"),
    path("salons/<int:pk>/nouvelle-discussion/", views.new_thread, name="new_thread"),
    path("discussions/<int:pk>/", views.thread, name="thread"),
    path("discussions/<int:pk>/clore/", views.close_thread, name="close_thread"),
    path("discussions/<int:pk>/abonnement/", views.subscribe_thread, name="subscribe_thread"),
    path("messages/<int:pk>/vote/", views.vote, name="vote"),
    path("messages/<int:pk>/signaler/", views.flag, name="flag"),
    path("messages/<int:pk>/moderer/", views.moderate, name="moderate"),
    path("moderation/", views.moderation_queue, name="moderation"),
]
