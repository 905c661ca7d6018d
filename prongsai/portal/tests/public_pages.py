"""The public pages the browser and accessibility tests visit. Each module adds its pages here."""


def public_paths(world) -> list[str]:
    slug = world.agency.slug
    return [
        "/",
        f"/{slug}/",
        "/staff/login/",
    ]
