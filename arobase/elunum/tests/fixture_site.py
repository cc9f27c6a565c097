"""A small website served on loopback for the crawler's tests and benchmark: a collectivité's site with a
robots.txt (a disallowed folder, a crawl delay, its sitemap), a feed, pages wrapped in heavy navigation, footers and
a cookie banner, a link to another host, a page that disappears, two addresses with the same content, ETags (304 on
revisit), a slow page, a huge page, a PDF and a redirect to a private address. Never the internet."""

from __future__ import annotations

import io
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from reportlab.pdfgen import canvas

NAVIGATION = "".join(f'<li><a href="/rubrique-{i}">Rubrique de navigation {i}</a></li>' for i in range(12))
FOOTER = (
    "<footer><p>Mentions légales — Plan du site — Accessibilité : partiellement conforme</p>"
    "<p>Mairie de Villeneuve-Test, 1 place de la République</p></footer>"
    '<div class="cookie-banner">Nous utilisons des cookies. Accepter les cookies Refuser</div>'
)
ARTICLES = {
    "/services/wifi-public": (
        "Un wifi public gratuit à la médiathèque",
        "La commune déploie un réseau wifi public gratuit dans la médiathèque et sur la place du marché. "
        "Les habitants se connectent sans créer de compte, et la charte d'utilisation rappelle les règles. "
        "Le réseau est coupé la nuit et son usage est mesuré chaque trimestre pour ajuster la couverture. ",
    ),
    "/services/demarches": (
        "Les démarches en ligne de la mairie",
        "Toutes les démarches administratives se font désormais en ligne : état civil, inscriptions scolaires, "
        "réservation des salles municipales. Un conseiller numérique accompagne les personnes éloignées du "
        "numérique lors de permanences hebdomadaires à l'espace France services. ",
    ),
    "/disparait": (
        "Consultation sur le budget participatif",
        "La consultation sur le budget participatif numérique est ouverte jusqu'à la fin du mois. Chaque habitant "
        "peut déposer un projet et voter pour ses préférés sur la plateforme citoyenne de la ville. ",
    ),
    "/actualites/fibre": (
        "La fibre optique arrive dans les hameaux",
        "Le raccordement à la fibre optique des hameaux commence au printemps, après les travaux de génie civil "
        "menés par le syndicat départemental. Une réunion publique présente le calendrier aux riverains. ",
    ),
    "/prive/secret": ("Page interdite aux robots", "Ce contenu confidentiel est interdit par le fichier robots. "),
}
DUPLICATE_PATH = "/copie-demarches"  # the same content as /services/demarches under another address


def html_page(title: str, text: str, links: list[str] = ()) -> bytes:
    paragraphs = "".join(f"<p>{text}</p>" for _ in range(3))
    more = "".join(f'<a href="{link}">{link}</a> ' for link in links)
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        '<link rel="alternate" type="application/rss+xml" href="/actualites.xml">'
        '<meta name="date" content="2026-10-15"></head><body>'
        f"<header><nav><ul>{NAVIGATION}</ul></nav></header>"
        f"<main><article><h1>{title}</h1>{paragraphs}<p>{more}</p></article></main>{FOOTER}</body></html>"
    ).encode()


def pdf_document() -> bytes:
    buffer = io.BytesIO()
    document = canvas.Canvas(buffer)
    document.setTitle("Schéma directeur du numérique")
    document.drawString(72, 760, "Schema directeur du numerique responsable de la commune, adopte en conseil.")
    document.save()
    return buffer.getvalue()


@dataclass
class FixtureSite:
    host: str = "127.0.0.1"
    port: int = 0
    requests: list[tuple[str, dict]] = field(default_factory=list)
    gone: set[str] = field(default_factory=set)
    slow_seconds: float = 2.0
    huge_bytes: int = 3 * 1024 * 1024

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]

    def response(self, path: str, headers: dict) -> tuple[int, dict, bytes]:
        base = self.url
        if path in self.gone:
            return 404, {}, b"Introuvable"
        if path == "/robots.txt":
            body = f"User-agent: *\nDisallow: /prive/\nCrawl-delay: 0.2\nSitemap: {base}/sitemap.xml\n"
            return 200, {"Content-Type": "text/plain"}, body.encode()
        if path == "/sitemap.xml":
            urls = ["/", "/services/wifi-public", "/services/demarches", "/prive/secret", "/disparait", DUPLICATE_PATH]
            items = "".join(f"<url><loc>{base}{u}</loc></url>" for u in urls)
            xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
            return 200, {"Content-Type": "application/xml"}, xml.encode()
        if path == "/actualites.xml":
            rss = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>Actualités</title>'
                f"<item><title>Fibre</title><link>{base}/actualites/fibre</link></item></channel></rss>"
            )
            return 200, {"Content-Type": "application/rss+xml"}, rss.encode()
        if path == "/":
            links = ["/services/wifi-public", "http://autre-hote.test/page", "/lent", "/enorme", "/doc.pdf"]
            body = html_page(
                "Accueil de Villeneuve-Test", "Bienvenue sur le site de la commune de Villeneuve-Test. " * 3, links
            )
            return 200, {"Content-Type": "text/html; charset=utf-8"}, body
        if path == "/lent":
            time.sleep(self.slow_seconds)
            return 200, {"Content-Type": "text/html"}, html_page("Page lente", "Lente. " * 40)
        if path == "/enorme":
            return 200, {"Content-Type": "text/html"}, b"<html><body>" + b"a" * self.huge_bytes + b"</body></html>"
        if path == "/doc.pdf":
            return 200, {"Content-Type": "application/pdf"}, pdf_document()
        if path == "/vers-prive":
            return 302, {"Location": f"http://127.0.0.1:{self.port}/services/wifi-public"}, b""
        article = ARTICLES.get("/services/demarches" if path == DUPLICATE_PATH else path)
        if article is None:
            return 404, {}, b"Introuvable"
        etag = f'"{abs(hash(article[0])) % 10**8}"'
        if headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        return 200, {"Content-Type": "text/html; charset=utf-8", "ETag": etag}, html_page(*article)

    def start(self) -> ThreadingHTTPServer:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append((self.path, dict(self.headers)))
                status, headers, body = site.response(self.path, dict(self.headers))
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer((self.host, 0), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server
