from django.urls import path

from . import views

app_name = "property"

# Mounted at staff/<slug:agency>/property/
urlpatterns = [
    path("", views.asset_list, name="assets"),
    path("assets/new/", views.asset_new, name="asset_new"),
    path("assets/import/", views.asset_import, name="asset_import"),
    path("assets/labels.pdf", views.labels, name="labels"),
    path("assets/<int:pk>/", views.asset_detail, name="asset"),
    path("assets/<int:pk>/edit/", views.asset_edit, name="asset_edit"),
    path("assets/<int:pk>/status/", views.asset_status, name="asset_status"),
    path("assets/<int:pk>/borrow/", views.loan_new, name="loan_new"),
    path("assets/<int:pk>/files/<int:file_id>/", views.asset_file, name="asset_file"),
    path("loans/", views.loan_list, name="loans"),
    path("loans/<str:code>/", views.loan_detail, name="loan"),
    path("loans/<str:code>/<slug:action>/", views.loan_action, name="loan_action"),
    path("seized/", views.seized_list, name="seized_list"),
    path("seized/new/", views.seized_new, name="seized_new"),
    path("seized/<str:code>/", views.seized_detail, name="seized"),
    path("seized/<str:code>/events/", views.custody_new, name="custody_new"),
    path("seized/<str:code>/events/<int:event_id>/sign/", views.custody_sign, name="custody_sign"),
    path("seized/<str:code>/files/<int:file_id>/", views.seized_file, name="seized_file"),
    path("donations/", views.donation_list, name="donations"),
    path("donations/new/", views.donation_form, name="donation_new"),
    path("donations/<str:code>/", views.donation_form, name="donation_edit"),
    path("donations/<str:code>/files/<int:file_id>/", views.donation_file, name="donation_file"),
    path("stocktakes/", views.stocktake_list, name="stocktakes"),
    path("stocktakes/new/", views.stocktake_new, name="stocktake_new"),
    path("stocktakes/<int:pk>/", views.stocktake_detail, name="stocktake"),
    path("settings/", views.settings_edit, name="settings"),
]
