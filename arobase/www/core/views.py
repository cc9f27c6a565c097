from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from arobase.core import selectors
from arobase.core.caching import public_page
from arobase.core.models import PageKey
from arobase.core.services import ContactThrottled, send_contact_message
from arobase.www.api import api_endpoints
from arobase.www.core.forms import ContactForm


@public_page()
def home(request):
    return render(request, "core/home.html", {})


def editable_page(request, key: str):
    return render(request, "core/page.html", {"page": selectors.page_by_key(key)})


def contact(request):
    form = None
    if request.user.is_authenticated:
        form = ContactForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                send_contact_message(
                    sender=request.user, subject=form.cleaned_data["subject"], message=form.cleaned_data["message"]
                )
            except ContactThrottled as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Votre message a été envoyé à l'équipe de Villes Internet."))
                return redirect("core:contact")
    page = selectors.page_by_key(PageKey.CONTACT)
    status = 400 if form is not None and form.errors else 200
    return render(request, "core/contact.html", {"page": page, "form": form}, status=status)


def api_guide(request):
    return render(request, "core/api.html", {"endpoints": api_endpoints()})
