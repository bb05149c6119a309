"""The one page after a sign-in: it needs a user verified by a second factor."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_otp.decorators import otp_required


@otp_required
def signed_in(request: HttpRequest) -> HttpResponse:
    return render(request, "signed_in.html")
