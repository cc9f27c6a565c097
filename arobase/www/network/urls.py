from django.urls import path

from arobase.www.network import views

app_name = "network"

urlpatterns = [
    path("articles/", views.article_list, name="articles"),
    path("articles/proposer/", views.article_propose, name="article_propose"),
    path("articles/<int:pk>-<slug:slug>/", views.article_detail, name="article"),
    path("articles/<int:pk>/modifier/", views.article_edit, name="article_edit"),
    path("evenements/", views.event_list, name="events"),
    path("evenements/proposer/", views.event_propose, name="event_propose"),
    path("evenements/<int:pk>-<slug:slug>/", views.event_detail, name="event"),
    path("evenements/<int:pk>-<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("evenements/<int:pk>/modifier/", views.event_edit, name="event_edit"),
    path("evenements/<int:pk>/inscription/", views.event_register, name="event_register"),
    path("evenements/<int:pk>/desinscription/", views.event_unregister, name="event_unregister"),
    path("evenements/<int:pk>/inscrits.csv", views.event_registrations_csv, name="event_registrations"),
    path("reseau/mes-propositions/", views.my_proposals, name="my_proposals"),
    path("reseau/moderation/", views.moderation, name="moderation"),
    path("reseau/moderation/<str:kind>/<int:pk>/", views.moderate, name="moderate"),
    path("reseau/collectivite/<str:kind>/<str:code>/", views.territory_fragment, name="territory_fragment"),
    path("journee-nationale/", views.national_day, name="national_day"),
]
