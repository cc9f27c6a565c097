from django.urls import path

from arobase.www.accounts import views, views_personal_data

app_name = "accounts"
urlpatterns = [
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("mes-donnees/", views_personal_data.my_data, name="my_data"),
    path("mes-donnees/telecharger/", views_personal_data.my_data_download, name="my_data_download"),
    path("supprimer/", views_personal_data.delete_account, name="delete_account"),
    path("rejoindre/", views.join_search, name="join_search"),
    path("rejoindre/<str:kind>/<str:code>/", views.join, name="join"),
    path("demandes/<int:pk>/accepter/", views.approve, name="approve"),
    path("demandes/<int:pk>/refuser/", views.reject, name="reject"),
    path("rattachements/<int:pk>/quitter/", views.leave, name="leave"),
    path("rattachements/<int:pk>/transmettre/", views.hand_over, name="hand_over"),
    path("equipe/", views.staff_home, name="staff_home"),
    path("equipe/demandes/", views.staff_requests, name="staff_requests"),
    path("equipe/collectivites/<int:pk>/membres/", views.staff_members, name="staff_members"),
    path("equipe/collectivites-etrangeres/ajouter/", views.staff_foreign_add, name="staff_foreign_add"),
    path("equipe/jury/", views.staff_jury, name="staff_jury"),
    path("equipe/jury/<int:pk>/", views.staff_set_juror, name="staff_set_juror"),
]
