from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from registry.selectors import register_size


def home(request: HttpRequest) -> HttpResponse:
    population, families = register_size()
    return render(request, "home.html", {"population": population, "families": families})
