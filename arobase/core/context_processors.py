from django.conf import settings


def site(request):
    return {"SITE_NAME": "Territoires, Villes et Villages Internet", "SITE_URL": settings.SITE_URL}
