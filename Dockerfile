# One image for web, worker and beat (docker-compose.yml picks the command).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production

RUN useradd --create-home --uid 10001 portal
WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock
COPY . .
# collectstatic needs settings but no database or secret: dummy values for this step only.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=localhost DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /data/media && chown -R portal:portal /data
USER portal
ENV DATA_DIR=/data STATIC_ROOT=/app/staticfiles MEDIA_ROOT=/data/media
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--max-requests", "2000", "--max-requests-jitter", "200", "--access-logfile", "-"]
