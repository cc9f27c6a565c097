"""Smoke test of a production server: the main pages answer 200 with the security headers, through a TLS proxy.

Run against gunicorn started with production settings (`ENVIRONMENT=production`, `BEHIND_TLS_PROXY=1`) after
`collectstatic`, on a migrated database holding some actions and a public palmarès (CI: `.ci/run`):

    .venv/bin/python scripts/smoke_production.py --base-url http://127.0.0.1:8765 --host label.villes-internet.net \
        --login contributeur@demo.villes-internet.invalid:Contributeur-Demo-2026!

Each request carries `X-Forwarded-Proto: https`, as nginx sends it. Exits with status 1 and the list of failures
when anything is wrong; prints one line per checked URL otherwise.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import re
import sys
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

SECURITY_HEADERS = {
    "Strict-Transport-Security": "max-age=",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=()",
    "Content-Security-Policy": "script-src 'self'",
}


class Smoke:
    def __init__(self, base_url: str, host: str):
        parts = urlsplit(base_url)
        self.address = (parts.hostname, parts.port or 80)
        self.host = host
        self.cookies: dict[str, str] = {}
        self.failures: list[str] = []

    def request(self, method: str, path: str, *, body: dict | None = None, https: bool = True):
        headers = {"Host": self.host, "Accept-Encoding": "gzip"}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"https://{self.host}{path}"
        connection = http.client.HTTPConnection(*self.address, timeout=60)
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        content = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            content = gzip.decompress(content)
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        connection.close()
        return response, content.decode("utf-8", errors="replace")

    def expect(self, condition: bool, message: str) -> None:
        if not condition:
            self.failures.append(message)

    def page(self, path: str, *, public: bool | None = None, html: bool = True) -> str:
        response, content = self.request("GET", path)
        self.expect(response.status == 200, f"{path}: status {response.status}, expected 200")
        for name, part in SECURITY_HEADERS.items():
            value = response.getheader(name) or ""
            self.expect(part in value, f"{path}: header {name} is {value!r}, expected to contain {part!r}")
        csp = response.getheader("Content-Security-Policy") or ""
        script_src = re.search(r"script-src([^;]*)", csp)
        self.expect(
            script_src is not None and "unsafe" not in script_src.group(1),
            f"{path}: script-src allows unsafe sources: {csp!r}",
        )
        if html:
            self.expect(response.getheader("X-Frame-Options") == "DENY", f"{path}: X-Frame-Options missing")
        cache_control = response.getheader("Cache-Control") or ""
        if public is True:
            self.expect(
                "public" in cache_control and "s-maxage=" in cache_control,
                f"{path}: anonymous public page with Cache-Control {cache_control!r}",
            )
            self.expect("Cookie" in (response.getheader("Vary") or ""), f"{path}: public page without Vary: Cookie")
            self.expect(not response.getheader("Set-Cookie"), f"{path}: public page sets a cookie")
            self.expect(
                "csrfmiddlewaretoken" not in content and "X-CSRFToken" not in content,
                f"{path}: public page embeds a CSRF token",
            )
        elif public is False:
            self.expect(
                "private" in cache_control and "no-store" in cache_control,
                f"{path}: signed-in page with Cache-Control {cache_control!r}",
            )
        print(f"{response.status} {path} ({len(content):,} characters, Cache-Control: {cache_control or '-'})")
        return content

    def run(self, login: str | None) -> None:
        response, _content = self.request("GET", "/", https=False)
        self.expect(
            response.status == 301 and (response.getheader("Location") or "").startswith("https://"),
            f"plain HTTP: status {response.status}, expected a redirect to HTTPS",
        )
        home = self.page("/", public=True)
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
        self.expect(stylesheet is not None, "home page: no cache-busted stylesheet (collectstatic manifest missing?)")
        if stylesheet:
            self.page(stylesheet.group(1), html=False)
        self.page("/atlaas/", public=True)
        index = self.page("/label/palmares/", public=True)
        years = re.findall(r'href="/label/palmares/(\d{4})/"', index)
        self.expect(bool(years), "palmarès index: no public year (the database needs a published campaign)")
        if years:
            palmares = self.page(f"/label/palmares/{years[0]}/", public=True)
            territory = re.search(r'href="(/territoires/[a-z]+/[0-9A-Za-z]+/)"', palmares)
            self.expect(territory is not None, "palmarès page: no link to a collectivité")
            if territory:
                self.page(territory.group(1), public=True)
        self.page("/compte/login/")
        self.expect("csrftoken" in self.cookies, "login page: no CSRF cookie")
        json.loads(self.page("/api/v1/openapi.json", html=False))
        points = self.page("/api/v1/map/points", html=False)
        self.expect(points.startswith(("{", "[")), "map points: not JSON")
        if login:
            self.sign_in(*login.split(":", 1))

    def sign_in(self, email: str, password: str) -> None:
        response, _content = self.request(
            "POST", "/compte/login/",
            body={"login": email, "password": password, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")},
        )  # fmt: skip
        self.expect(response.status == 302, f"login of {email}: status {response.status}, expected 302")
        self.expect("sessionid" in self.cookies, f"login of {email}: no session cookie")
        for path in ("/", "/compte/tableau-de-bord/", "/label/palmares/"):
            self.page(path, public=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", default="http://127.0.0.1:8765", help="the app server (gunicorn)")
    parser.add_argument("--host", default="label.villes-internet.net", help="a host name of ALLOWED_HOSTS")
    parser.add_argument("--login", help="email:password of a person without two-factor authentication")
    options = parser.parse_args()
    smoke = Smoke(options.base_url, options.host)
    smoke.run(options.login)
    if smoke.failures:
        print("\nProduction smoke test FAILED:\n" + "\n".join(f"- {failure}" for failure in smoke.failures))
        return 1
    print("Production smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
