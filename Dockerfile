# Production image: gunicorn (web), celery worker and celery beat share it.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DUKCAPIL_ENV=production
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV STATIC_ROOT=/app/staticfiles
RUN SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" ALLOWED_HOSTS=build \
    SIGNING_KEY_PASSPHRASE="$(python -c 'import secrets; print(secrets.token_urlsafe(24))')" \
    python manage.py collectstatic --noinput
RUN useradd --system --home /app dukcapil && mkdir -p /var/lib/dukcapil && chown dukcapil /var/lib/dukcapil
USER dukcapil
EXPOSE 8000
CMD ["gunicorn", "dukcapil.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
