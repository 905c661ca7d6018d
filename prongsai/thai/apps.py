from django.apps import AppConfig


class ThaiConfig(AppConfig):
    """Thai conventions (dates, digits, money, working days); no models, only template filters."""

    name = "prongsai.thai"
