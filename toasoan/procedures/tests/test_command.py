"""The import commands: English messages with the file and row, nothing half-imported."""

import json

import pytest
from django.core.management import CommandError, call_command

from toasoan.procedures.models import Procedure
from toasoan.schedule.models import ScheduleItem
from toasoan.schedule.tests.xlsx import sheet

pytestmark = pytest.mark.django_db


def test_procedures_import_command(tmp_path, capsys):
    good = {"code": "1.1", "name": "Cấp phép", "field": "Đầu tư"}
    path = tmp_path / "tthc.jsonl"
    path.write_text(json.dumps(good) + "\n" + json.dumps(good) + "\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("procedures_import", str(path))
    assert f"{path}: Row 2: procedure code “1.1” repeats row 1." in str(error.value)
    assert Procedure.objects.count() == 0
    path.write_text(json.dumps(good) + "\n", encoding="utf-8")
    call_command("procedures_import", str(path))
    assert "1 procedures created" in capsys.readouterr().out
    with pytest.raises(CommandError, match="No such file"):
        call_command("procedures_import", str(tmp_path / "missing.jsonl"))


def test_schedule_import_command(tmp_path, capsys):
    path = tmp_path / "lich.xlsx"
    path.write_bytes(sheet([["07/12/2026", "8h", "Họp"], ["99/12/2026", "8h", "Sai"]]))
    with pytest.raises(CommandError) as error:
        call_command("schedule_import", str(path))
    assert f"{path}: Row 3: the date “99/12/2026” does not exist." in str(error.value)
    assert ScheduleItem.objects.count() == 0
    path.write_bytes(sheet([["07/12/2026", "8h", "Họp"]]))
    call_command("schedule_import", str(path))
    assert "1 items imported" in capsys.readouterr().out
