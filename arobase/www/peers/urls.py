from django.urls import path

from arobase.www.peers import views

app_name = "peers"
urlpatterns = [
    path("<str:kind>/<str:code>/se-comparer/", views.compare_page, name="compare"),
    path("<str:kind>/<str:code>/se-comparer/prevoir/", views.plan_action, name="plan"),
    path("<str:kind>/<str:code>/qui-me-ressemblent/", views.similar_page, name="similar"),
]
