from django.urls import path

from arobase.www.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("non-lues/", views.unread_count, name="unread_count"),
    path("<int:pk>/ouvrir/", views.open_notification, name="open"),
    path("<int:pk>/lue/", views.mark_read, name="mark_read"),
    path("toutes-lues/", views.mark_all_read, name="mark_all_read"),
    path("preferences/", views.preferences, name="preferences"),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
