"""Grant the role groups their permissions (owned by the workflow: requests_app.permissions).

Petugas Pelayanan reviews, returns, rejects and approves; Kepala Bidang also approves in
bulk; PIAK corrects the register, manages signing keys and sees statistics; Kepala Dinas
reads everything and changes nothing; operators get no admin permissions (they file
through the portal). Re-running grants is harmless: the sets are replaced, not appended.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

READ = [
    "requests_app.view_service",
    "requests_app.view_application",
    "requests_app.view_applicationtransition",
    "requests_app.view_attachment",
    "registry.view_region",
    "registry.view_family",
    "registry.view_person",
    "registry.view_historicalfamily",
    "registry.view_historicalperson",
    "documents.view_documentjob",
    "documents.view_issueddocument",
]
PETUGAS = READ + ["requests_app.review_application", "requests_app.approve_application"]
GRANTS = {
    "Operator Kelurahan": [],
    "Operator Kecamatan": [],
    "Petugas Pelayanan": PETUGAS,
    "Kepala Bidang": PETUGAS + ["requests_app.bulk_approve_application", "requests_app.view_statistics"],
    "PIAK": READ
    + [
        "requests_app.correct_register",
        "requests_app.manage_signing_keys",
        "requests_app.view_statistics",
        "requests_app.change_service",
        "registry.change_person",
        "registry.change_family",
        "documents.change_documentjob",
    ],
    "Kepala Dinas": READ + ["requests_app.view_statistics"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        permissions = []
        for name in names:
            app_label, codename = name.split(".")
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_roles"),
        ("requests_app", "0003_workflow_fields"),
        ("registry", "0003_dashboard_indexes_reminders"),
        ("documents", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
