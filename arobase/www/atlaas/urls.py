from django.urls import path

from arobase.www.atlaas import views

app_name = "atlaas"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("liste/", views.result_list, name="list"),
    path("recherche/", views.search_page, name="search"),
    path("donnees/", views.opendata_page, name="opendata"),
    path("donnees/<str:name>", views.opendata_file, name="opendata_file"),
    path("collectivites/", views.territories_directory, name="territories"),
    path("acteurs/", views.actors_directory, name="actors"),
]
