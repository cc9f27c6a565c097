from django.urls import path

from arobase.www.actions import views

app_name = "actions"
urlpatterns = [
    path("", views.my_actions, name="mine"),
    path("nouvelle/", views.action_create, name="create"),
    path("adresses/", views.address_suggestions, name="address_suggestions"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/modifier/", views.action_edit, name="edit"),
    path("<int:pk>/historique/", views.action_history, name="history"),
    path("<int:pk>/publier/", views.action_publish, name="publish"),
    path("<int:pk>/confirmer/", views.action_confirm, name="confirm"),
    path("<int:pk>/depublier/", views.action_unpublish, name="unpublish"),
    path("<int:pk>/abandonner-brouillon/", views.action_discard_revision, name="discard_revision"),
    path("<int:pk>/supprimer/", views.action_delete, name="delete"),
]
