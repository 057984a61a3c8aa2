"""Create Shanghai's 16 districts. The list is copied here so the migration never changes."""

from django.db import migrations

DISTRICTS = [
    ("310101", "黄浦区", "黄浦", "huangpu"),
    ("310104", "徐汇区", "徐汇", "xuhui"),
    ("310105", "长宁区", "长宁", "changning"),
    ("310106", "静安区", "静安", "jingan"),
    ("310107", "普陀区", "普陀", "putuo"),
    ("310109", "虹口区", "虹口", "hongkou"),
    ("310110", "杨浦区", "杨浦", "yangpu"),
    ("310112", "闵行区", "闵行", "minhang"),
    ("310113", "宝山区", "宝山", "baoshan"),
    ("310114", "嘉定区", "嘉定", "jiading"),
    ("310115", "浦东新区", "浦东", "pudong"),
    ("310116", "金山区", "金山", "jinshan"),
    ("310117", "松江区", "松江", "songjiang"),
    ("310118", "青浦区", "青浦", "qingpu"),
    ("310120", "奉贤区", "奉贤", "fengxian"),
    ("310151", "崇明区", "崇明", "chongming"),
]


def create_districts(apps, schema_editor):
    # Into the database being migrated (``migrate --database``), not wherever routers send writes.
    districts = apps.get_model("archive", "District").objects.using(schema_editor.connection.alias)
    for code, name, short_name, slug in DISTRICTS:
        districts.update_or_create(
            code=code, defaults={"name": name, "short_name": short_name, "slug": slug}
        )


def delete_districts(apps, schema_editor):
    districts = apps.get_model("archive", "District").objects.using(schema_editor.connection.alias)
    districts.filter(code__in=[code for code, *_ in DISTRICTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]

    operations = [migrations.RunPython(create_districts, delete_districts)]
