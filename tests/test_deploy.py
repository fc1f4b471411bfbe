"""The Makefile, Dockerfile and docker-compose.yml agree on port and entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from service.config import Config

ROOT = Path(__file__).resolve().parents[1]
ENTRY = ["python", "-m", "service", "serve"]


def port_of(bind: str) -> int:
    return int(bind.rsplit(":", 1)[1])


def test_makefile_runs_the_entry_point_on_the_default_port():
    makefile = (ROOT / "Makefile").read_text()
    run = r"^run:.*\n\tAUTH_DISABLED=1 RUN_WORKERS=1 \$\(BIN\)/python -m service serve$"
    assert re.search(run, makefile, re.M)
    assert port_of(Config.from_env({}).BIND) == 8000


def test_dockerfile_matches():
    dockerfile = (ROOT / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (\[.*\])$", dockerfile, re.M)
    assert json.loads(cmd.group(1)) == ENTRY
    assert re.search(r"^EXPOSE 8000$", dockerfile, re.M)
    assert "BIND=0.0.0.0:8000" in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)  # never runs as root
    assert "HEALTHCHECK" in dockerfile and ":8000/healthz" in dockerfile


def test_compose_matches():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app = compose["services"]["app"]
    assert app["command"] == ENTRY
    assert "8000:8000" in app["ports"]
    assert port_of(app["environment"]["BIND"]) == 8000
    worker = compose["services"]["worker"]
    assert worker["command"] == ["python", "-m", "service", "worker"]
    assert worker["environment"]["REDIS_URL"] == app["environment"]["REDIS_URL"]
    redis = compose["services"]["redis"]
    assert "--appendonly" in redis["command"] and "yes" in redis["command"]
    assert any(v.endswith(":/data") for v in redis["volumes"])


def test_compose_scale_profile_puts_replicas_behind_one_port():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    replica, lb = services["app-replica"], services["lb"]
    assert replica["command"] == ENTRY and replica["deploy"]["replicas"] >= 2
    assert services["worker-replica"]["deploy"]["replicas"] >= 2
    assert {s["profiles"][0] for s in (replica, lb, services["worker-replica"])} == {"scale"}
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server app-replica:8000;" in nginx and "listen 8080;" in nginx
    assert "8080:8080" in lb["ports"]
    assert replica["environment"]["REDIS_URL"] == services["app"]["environment"]["REDIS_URL"]
