# Karabakh Atlas, one app process per container (README "Deploy"). Data, locales and fonts are baked in;
# mount another folder on /app/data to serve other data. Build: docker build -t karabakh-atlas .
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ATLAS_DATA_DIR=/app/data

# Everything under /app belongs to root and is read-only for the user the app runs as.
RUN useradd --create-home --uid 10001 --user-group atlas
WORKDIR /app
# The same hash-locked install as `make run` (requirements.lock, made by `make lock`).
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .

USER 10001:10001
EXPOSE 8501
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"]
# 0.0.0.0 inside the container: only the proxy (compose) or the Service (Kubernetes) reaches it.
CMD ["python", "-m", "streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
