from django.urls import path

from arobase.www.bilan import views

app_name = "bilan"
urlpatterns = [
    path("<str:kind>/<str:code>/bilan/", views.bilan_page, name="detail"),
    path("<str:kind>/<str:code>/bilan/pdf/", views.pdf_request, name="pdf"),
    path("<str:kind>/<str:code>/bilan/pdf/<int:pk>/", views.pdf_status, name="pdf_status"),
    path("<str:kind>/<str:code>/bilan/pdf/<int:pk>/telecharger/", views.pdf_download, name="pdf_download"),
    path("<str:kind>/<str:code>/bilan/commentaires/", views.commentaries, name="commentaries"),
]
