import subprocess
import sys


def test_talenta_command_lists_django_and_project_commands():
    out = subprocess.run([sys.executable, "-m", "talenta", "help"], capture_output=True, text=True, check=True)
    assert "[demo]" in out.stdout and "demo" in out.stdout and "migrate" in out.stdout and "[imports]" in out.stdout


def test_talenta_check_passes_with_the_default_ruleset():
    out = subprocess.run([sys.executable, "-m", "talenta", "check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout


def test_plan_json_owns_stdout(tmp_path):
    """A real process: HiGHS's C++ banner must not reach stdout ahead of the JSON."""
    import json
    import os
    from datetime import date

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/t.sqlite3"}
    for args in (["migrate", "-v0"], ["demo", "--employees", "300", "--seed", "2"]):
        subprocess.run([sys.executable, "-m", "talenta", *args], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "talenta",
            "plan",
            "--org",
            "64.09",
            "--year",
            str(date.today().year),
            "--budget",
            "50000000",
            "--json",
            "--time-limit",
            "20",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    body = json.loads(out.stdout)
    assert body["status"] in ("optimal", "feasible", "time_limit") and body["cost"] <= 50_000_000


def test_a_database_not_set_up_is_named_with_what_to_run(tmp_path):
    """A new user who imports before `make run` gets one line saying what to do, not a traceback."""
    import os

    sheet = tmp_path / "pegawai.csv"
    sheet.write_text("NIP;NAMA\n199002152015031002;Siti\n")
    for url in (f"sqlite:///{tmp_path}/missing/t.sqlite3", f"sqlite:///{tmp_path}/empty.sqlite3"):
        env = {**os.environ, "DATABASE_URL": url}
        out = subprocess.run(
            [sys.executable, "-m", "talenta", "import", "pegawai", str(sheet)], env=env, capture_output=True, text=True
        )
        assert out.returncode == 2, out.stderr
        assert "Traceback" not in out.stderr and "talenta migrate" in out.stderr and url.split("///")[1] in out.stderr
