"""django-two-factor-auth's pages (its LoginView wizard at /account/login/) and a signed-in page."""

from django.urls import include, path
from two_factor.urls import urlpatterns as two_factor_urls

from peer_site.views import signed_in

urlpatterns = [
    path("", include(two_factor_urls)),
    path("", signed_in, name="signed-in"),
]
