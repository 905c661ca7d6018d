from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "prongsai.finance"
    provider = "prongsai.finance.public"
    api_router = "prongsai.finance.api.router"
    verbose_name = _("การเงิน งบประมาณ และการจัดซื้อจัดจ้าง")

    def ready(self):
        from prongsai.agencies.signals import budget_table_printed

        from .handover import receive_printed_budget

        budget_table_printed.connect(receive_printed_budget, dispatch_uid="finance.printed_budget")

    def load_demo(self, agency, *, stdout):
        from .demo import load_demo

        load_demo(agency, stdout=stdout)
