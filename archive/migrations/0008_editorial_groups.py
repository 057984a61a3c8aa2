"""The editorial roles: 编辑 (editors) change articles, people and photos; 只读 (viewers) only look."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITED = [
    "article", "byline", "photo", "quote", "articledistrict", "publication",
    "author", "authoralias", "speaker", "speakeralias",
]
VIEWED = [*EDITED, "district", "historicalarticle", "historicalbyline", "historicalphoto",
          "historicalquote"]


def create_groups(apps, schema_editor):
    # Into the database being migrated (``migrate --database``), not wherever routers send writes.
    using = schema_editor.connection.alias
    # Permissions are normally created after all migrations; these groups need them now.
    archive = apps.get_app_config("archive")
    archive.models_module = True
    create_permissions(archive, apps=apps, verbosity=0, using=using)
    archive.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ours = Permission.objects.using(using).filter(content_type__app_label="archive")
    viewed = ours.filter(content_type__model__in=VIEWED, codename__startswith="view_")
    for name, permissions in [
        ("编辑", ours.filter(content_type__model__in=EDITED) | viewed),
        ("只读", viewed),
    ]:
        group, _ = Group.objects.using(using).get_or_create(name=name)
        # Through the link table by hand: a related manager's set() writes where routers say.
        links = Group.permissions.through.objects.using(using)
        links.filter(group=group).delete()
        links.bulk_create(
            Group.permissions.through(group_id=group.pk, permission_id=pk)
            for pk in permissions.values_list("pk", flat=True)
        )


def delete_groups(apps, schema_editor):
    groups = apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias)
    groups.filter(name__in=["编辑", "只读"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
