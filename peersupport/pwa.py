"""The installable app's two files, served from the site's root so the service worker may
answer for every page: the manifest and the service worker (templates/peersupport/sw.js)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def manifest(request):
    response = JsonResponse(
        {
            "name": settings.SITE_NAME,
            "short_name": settings.SITE_NAME,
            "description": "Peer support for survivors, and help at any hour.",
            "start_url": reverse("home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#f7f5f1",
            "theme_color": "#2f6b5f",
            "icons": [{"src": static("img/icon.svg"), "sizes": "any", "type": "image/svg+xml"}],
        },
        content_type="application/manifest+json",
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request):
    response = render(request, "peersupport/sw.js", content_type="text/javascript")
    response["Cache-Control"] = "no-cache"  # browsers look for a new one on every visit
    return response
