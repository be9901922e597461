"""The Cinestra server: OpenAI-compatible `/v1/videos`, accounts, a durable job queue and
blob storage. Embedded by default (SQLite, local files, a worker pool inside `cinestra
serve`); PostgreSQL, S3-compatible storage and Celery workers over Redis at scale.

    from cinestra.server.api.app import create_app
    app = create_app()  # settings from CINESTRA_* (cinestra.config)

See docs/ARCHITECTURE.md for the modules and the job flow.
"""
