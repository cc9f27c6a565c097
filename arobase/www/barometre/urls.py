from django.urls import path

from arobase.www.barometre import views

app_name = "barometre"

urlpatterns = [
    path("", views.latest, name="latest"),
    path("<int:year>/", views.edition, name="edition"),
    path("<int:year>/<slug:slug>.csv", views.table_csv, name="table_csv"),
    path("<int:year>/<slug:slug>.schema.json", views.table_schema, name="table_schema"),
]
