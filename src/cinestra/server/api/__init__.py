"""HTTP: the FastAPI app (`app.create_app`), /v1 routes and the account pages."""
