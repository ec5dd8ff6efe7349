# HAProxy from the Debian archive, on the app image's own base (one base to pin, its layers shared), running
# deploy/haproxy-compose.cfg as an unprivileged user. Built by deploy/compose.yaml.
FROM python:3.11.14-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends haproxy=2.6.* \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10002 --user-group --no-create-home proxy
COPY haproxy-compose.cfg /etc/haproxy/haproxy.cfg

USER 10002:10002
ENV ATLAS_BIND=:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8080/_stcore/health', timeout=4).status != 200)"]
CMD ["haproxy", "-db", "-f", "/etc/haproxy/haproxy.cfg"]
