from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo region and its ``talenta demo`` command: an app of its own, above every domain app it fills,
    so that ``core`` needs none of them."""

    name = "talenta.demo"
    label = "demo"
    verbose_name = "Demo"
