from django.urls import path

from arobase.label import views

app_name = "label"
urlpatterns = [
    path("campagnes/", views.campaign_list, name="campaign_list"),
    path("campagnes/nouvelle/", views.campaign_form, name="campaign_create"),
    path("campagnes/<int:year>/modifier/", views.campaign_form, name="campaign_edit"),
    path("campagnes/<int:year>/publier/", views.campaign_publish, name="campaign_publish"),
    path("adhesions/", views.membership_list, name="membership_list"),
    path("adhesions/<int:pk>/decision/", views.membership_decide, name="membership_decide"),
    path("adhesion/<str:kind>/<str:code>/", views.membership_request, name="membership_request"),
    path("candidature/<int:year>/<str:kind>/<str:code>/", views.candidacy, name="candidacy"),
    path("palmares/", views.palmares_index, name="palmares_index"),
    path("palmares/<int:year>/", views.palmares, name="palmares"),
    path("palmares/<int:year>/export.csv", views.palmares_csv, name="palmares_csv"),
    path("methode/", views.methodology, name="methodology"),
]
