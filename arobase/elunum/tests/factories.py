import factory

from arobase.elunum import rules, search
from arobase.elunum.models import Page, Source, SourceKind, SourceStatus


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url_prefix = factory.Sequence(lambda n: f"https://ville{n}.example.fr/")
    host = factory.LazyAttribute(lambda source: rules.host_of(source.url_prefix))
    name = factory.Sequence(lambda n: f"Ville {n}")
    kind = SourceKind.COLLECTIVITE
    status = SourceStatus.APPROVED


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    source = factory.SubFactory(SourceFactory)
    url = factory.Sequence(lambda n: f"https://ville.example.fr/page-{n}")
    title = "Une page"
    text = "Un texte."
    compounds = factory.LazyAttribute(lambda page: search.compounds_of(page.title, page.text))
