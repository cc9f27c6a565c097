from django.urls import path

from arobase.www.feeds import views

app_name = "feeds"

urlpatterns = [
    path("actions.atom", views.ActionsFeed(), name="actions"),
    path("actions/service/<str:code>.atom", views.ServiceActionsFeed(), name="service_actions"),
    path("actions/<str:kind>/<str:code>.atom", views.TerritoryActionsFeed(), name="territory_actions"),
    path("articles.atom", views.ArticlesFeed(), name="articles"),
    path("evenements.atom", views.EventsFeed(), name="events"),
    path("evenements.ics", views.events_ics, name="events_ics"),
    path("evenements/region/<str:code>.ics", views.region_events_ics, name="region_events_ics"),
    path("histoire.atom", views.TimelineFeed(), name="timeline"),
    path("palmares.atom", views.PalmaresFeed(), name="palmares"),
]
