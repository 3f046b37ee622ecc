"""The composition root of the JSON API: every app's router joins the one API (core knows none of them).
A module of its own, so the routers are attached once per process however often the URLconf is loaded."""

from talenta.core.api import api

APPS = (
    "people",
    "org",
    "analytics",
    "coordination",
    "dprd",
    "indices",
    "talent",
    "governance",
    "dashboards",
    "learning",
)
for app in APPS:
    api.add_router("/", f"talenta.{app}.api.router")
