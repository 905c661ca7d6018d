from django.urls import register_converter


class PlanRefConverter:
    """ "2566" or "2566-anti-corruption": a fiscal year, and the plan's kind unless it is the integrity plan."""

    regex = r"[0-9]{4}(?:-[a-z-]+)?"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)


# Registered once, when the first URL module imports this one.
register_converter(PlanRefConverter, "plan")
