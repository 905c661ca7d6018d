"""`prongsai check --deploy`: what a production deployment of several processes must not lack."""

from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    from .public_stamp import shared_cache

    if shared_cache():
        return []
    return [
        Warning(
            "The cache is local to each process: one worker does not see what another published, so public "
            "pages are kept only a few seconds, and throttles count per process.",
            hint="Set CACHE_URL to a shared cache, e.g. redis://127.0.0.1:6379/1.",
            id="prongsai.W001",
        )
    ]
