from django.urls import path

from arobase.www.label import views
from arobase.www.label.evaluation import views as evaluation_views
from arobase.www.label.jury import views as jury_views
from arobase.www.label.signs import views as sign_views

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
    # Jury (secret), road signs, evaluation
    path("jury/", jury_views.jury_home, name="jury_home"),
    path("jury/<int:year>/", jury_views.jury_list, name="jury_list"),
    path("jury/<int:year>/composition/", jury_views.jury_composition, name="jury_composition"),
    path("jury/<int:year>/conflits/", jury_views.jury_conflicts, name="jury_conflicts"),
    path("jury/<int:year>/dossier/<str:kind>/<str:code>/", jury_views.jury_dossier, name="jury_dossier"),
    path(
        "jury/<int:year>/dossier/<str:kind>/<str:code>/actions/<int:action_id>/",
        jury_views.jury_frozen_action,
        name="jury_frozen_action",
    ),
    path("jury/<int:year>/deliberation/", jury_views.deliberation, name="deliberation"),
    path("jury/<int:year>/deliberation/presences/", jury_views.deliberation_attendance, name="deliberation_attendance"),
    path("jury/<int:year>/deliberation/cloture/", jury_views.deliberation_close, name="deliberation_close"),
    path(
        "jury/<int:year>/deliberation/<str:kind>/<str:code>/",
        jury_views.deliberation_decision,
        name="deliberation_decision",
    ),
    path("panneaux/", sign_views.sign_gallery, name="sign_gallery"),
    path("panneaux/declarations/", sign_views.sign_declarations, name="sign_declarations"),
    path("panneau/<str:kind>/<str:code>/", sign_views.sign_page, name="sign_page"),
    path("panneau/<str:kind>/<str:code>/<int:year>.svg", sign_views.sign_svg, name="sign_svg"),
    path("panneau/<str:kind>/<str:code>/<int:year>.pdf", sign_views.sign_pdf, name="sign_pdf"),
    path("evaluation/<int:year>/", evaluation_views.evaluation_form, name="evaluation"),
    path("evaluation/<int:year>/resultats/", evaluation_views.evaluation_summary, name="evaluation_summary"),
]
