import subprocess
import sys


def test_talenta_command_lists_django_and_project_commands():
    out = subprocess.run([sys.executable, "-m", "talenta", "help"], capture_output=True, text=True, check=True)
    assert "[core]" in out.stdout and "demo" in out.stdout and "migrate" in out.stdout


def test_talenta_check_passes_with_the_default_ruleset():
    out = subprocess.run([sys.executable, "-m", "talenta", "check"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "no issues" in out.stdout
