# One image for web, worker and beat; docker-compose.yml chooses the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_ENV=production \
    STATIC_ROOT=/app/staticfiles
WORKDIR /app

RUN useradd --create-home --uid 10001 peersupport
# Exactly the lock make test passed with (it also holds the test tools: one lock, one truth).
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
# collectstatic needs settings to load (production wants 50 characters or more); the real
# secret comes from the environment at run time.
RUN SECRET_KEY=build-only-not-a-secret-used-to-collect-static-files-and-nothing-else \
    DATABASE_URL=sqlite:////tmp/build.db ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput --verbosity 0

USER peersupport
EXPOSE 8000
CMD ["uvicorn", "peersupport.asgi:application", "--host", "0.0.0.0", "--port", "8000", "--workers", "2", "--no-proxy-headers", "--lifespan", "off"]
