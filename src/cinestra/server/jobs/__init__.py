"""Video jobs: `runner` (one job), `pool` (embedded), `celery_app` (scale)."""
