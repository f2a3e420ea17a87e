# The dashboard in a container: the same install step and run command as the Makefile
# (tests/test_container.py checks they stay so). Build and run K replicas behind nginx with
# compose.yaml; README "Deploying" shows both.
FROM python:3.11-slim

# Debian's Chromium draws chart PNGs and slide images (kaleido) and prints the PDF pack.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium \
    && rm -rf /var/lib/apt/lists/*

# STREAMLIT_BROWSER_SERVER_ADDRESS: listening on 0.0.0.0 without it, Streamlit looks up its
# own addresses on the internet at start (README, "Serving a team network"); set it to the
# name people use (compose.yaml passes SERVE_HOSTNAME).
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BROWSER_PATH=/usr/bin/chromium \
    COUNTYLINES_DATA=/data \
    STREAMLIT_BROWSER_SERVER_ADDRESS=localhost

WORKDIR /app
# The project's own install step (make setup), with the run-time pins only: requirements.txt
# is what requirements-dev.txt includes, without the test tools.
COPY requirements.txt ./
RUN python -m pip install --quiet --disable-pip-version-check --no-cache-dir -r requirements.txt

COPY . .
# A user of its own, not root; it owns only the data folder.
RUN useradd --create-home --uid 10001 countylines \
    && mkdir -p /data \
    && chown countylines:countylines /data
USER countylines

# The data folder: published snapshots, kept files, the writer lock. Every replica and the
# command line (docker compose run --rm app python -m countylines import ...) share it.
VOLUME ["/data"]
EXPOSE 8501

HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# make run's command, on every address of the container (only the proxy can reach it).
CMD ["streamlit", "run", "dashboard.py", "--server.port", "8501", "--server.address", "0.0.0.0", "--server.headless", "true"]
