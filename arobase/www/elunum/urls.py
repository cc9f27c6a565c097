from django.urls import path

from arobase.www.elunum import views

app_name = "elunum"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("opensearch.xml", views.opensearch, name="opensearch"),
    path("sources/", views.sources_page, name="sources"),
    path("sources/proposer/", views.suggest_source, name="suggest"),
    path("gestion/", views.manage_sources, name="manage"),
    path("gestion/export.csv", views.export_sources, name="export"),
    path("gestion/<int:pk>/", views.source_health, name="health"),
    path("gestion/<int:pk>/<str:action>/", views.change_status, name="change_status"),
]
