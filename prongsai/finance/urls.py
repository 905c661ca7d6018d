from django.urls import path

from . import views

app_name = "finance"

# Mounted at staff/<slug:agency>/finance/
urlpatterns = [
    path("", views.home, name="home"),
    path("budget/new/", views.budget_new, name="budget_new"),
    path("budget/import/", views.report_import, name="report_import"),
    path("budget/<int:year>/", views.budget_detail, name="budget"),
    path("budget/<int:year>/lines/", views.line_add, name="line_add"),
    path("budget/<int:year>/transfers/", views.transfer_add, name="transfer_add"),
    path("budget/<int:year>/snapshots/", views.snapshot_add, name="snapshot_add"),
    path("budget/<int:year>/subsidies/", views.subsidy_add, name="subsidy_add"),
    path("budget/<int:year>/plan/", views.spending_plan_set, name="spending_plan"),
    path("budget/<int:year>/ordinance/", views.ordinance_add, name="ordinance_add"),
    path("budget/<int:year>/publish/", views.budget_publish, name="budget_publish"),
    path("procurement/<int:year>/", views.procurement_list, name="procurements"),
    path("procurement/new/", views.procurement_new, name="procurement_new"),
    path("procurement/import/ocds/", views.ocds_import, name="ocds_import"),
    path("procurement/import/skr1/", views.skr1_import, name="skr1_import"),
    path("procurement/item/<str:code>/", views.procurement_edit, name="procurement"),
    path("procurement/item/<str:code>/documents/", views.document_add, name="document_add"),
]
